#ifndef ORDERDESK_CPROCESSCONTROL_SHIM_H
#define ORDERDESK_CPROCESSCONTROL_SHIM_H

// Swift cannot call the variadic prctl(2). These wrappers are all this module adds.

#ifdef __linux__
#include <sys/prctl.h>

/// prctl(PR_SET_DUMPABLE, dumpable): 0 forbids core dumps and same-user ptrace.
static inline int od_set_dumpable(int dumpable) {
  return prctl(PR_SET_DUMPABLE, (unsigned long)dumpable, 0UL, 0UL, 0UL);
}

/// prctl(PR_GET_DUMPABLE): the flag as the kernel holds it, or -1 with errno set.
static inline int od_get_dumpable(void) { return prctl(PR_GET_DUMPABLE, 0UL, 0UL, 0UL, 0UL); }
#endif

#endif
