#ifndef ORDERDESK_CNCURSES_SHIM_H
#define ORDERDESK_CNCURSES_SHIM_H

// Wide-character ncurses: get_wch, add_wch and friends.
#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <locale.h>
#include <ncursesw/curses.h>

// Swift cannot read C global mutable variables safely, call variadic functions,
// or expand function-like macros. These wrappers are all this module adds.

static inline WINDOW *od_stdscr(void) { return stdscr; }
static inline int od_lines(void) { return LINES; }
static inline int od_cols(void) { return COLS; }
static inline int od_colors(void) { return COLORS; }
static inline int od_color_pairs(void) { return COLOR_PAIRS; }
static inline attr_t od_color_pair(short pair) { return (attr_t)COLOR_PAIR(pair); }
static inline attr_t od_a_bold(void) { return A_BOLD; }
static inline attr_t od_a_reverse(void) { return A_REVERSE; }
static inline attr_t od_a_underline(void) { return A_UNDERLINE; }
static inline attr_t od_a_dim(void) { return A_DIM; }
static inline attr_t od_a_normal(void) { return A_NORMAL; }

/// Puts a NUL-terminated UTF-8 string at (y, x) without format expansion.
static inline int od_mvaddstr(int y, int x, const char *text) { return mvaddstr(y, x, text); }

/// Sets the character set from the environment (LC_ALL, LC_CTYPE, LANG) so ncursesw draws
/// UTF-8. Only LC_CTYPE: nothing in the desk formats through the C library's other
/// categories, and loading them all would delay the first frame.
static inline void od_setlocale_from_environment(void) { setlocale(LC_CTYPE, ""); }

/// Whether the current locale's character set is UTF-8.
static inline int od_locale_is_utf8(void) {
  const char *set = setlocale(LC_CTYPE, NULL);
  if (set == NULL) return 0;
  for (const char *p = set; *p; p++) {
    if ((p[0] == 'U' || p[0] == 'u') && (p[1] == 'T' || p[1] == 't') &&
        (p[2] == 'F' || p[2] == 'f')) return 1;
  }
  return 0;
}

static inline int od_key_resize(void) { return KEY_RESIZE; }
static inline int od_key_code_yes(void) { return KEY_CODE_YES; }

/// Opens the terminal on stdout/stdin like initscr, but returns NULL instead of exiting.
static inline SCREEN *od_newterm_stdio(void) { return newterm(NULL, stdout, stdin); }
static inline WINDOW *od_curscr(void) { return curscr; }

#endif
