#!/usr/bin/env python3
"""The desk's terminal figures, measured against `dialog --form` in the same run.

Run on purpose (`Benchmarks/desk/run`), never part of the test suite. Python 3 standard
library only.

What it measures, for `dialog --form` and for each build of `orderdesk` (release, and the
fully static release executable of scripts/build-release), each program started in a fresh pseudo-terminal of
exactly 80x24 (set with TIOCSWINSZ before the fork), TERM=xterm-256color, LANG=C.UTF-8:

start -> first frame
    From just before fork()+exec() to the arrival of the last byte of a marker text the
    first frame draws: the dialog box's title for dialog (DIALOG_MARKER), the text
    `OrderDesk` of the desk's title line for orderdesk (DESK_FRAME_MARKER). The output is
    read continuously and time-stamped per read(); a marker is found in the raw bytes,
    allowing escape sequences between its characters and a cursor movement in place of a
    space (ncurses may skip blank cells). The time is the timestamp of the read() that
    completed the marker.

start -> catalog shown (orderdesk only)
    The same, for the name of the first product of the demo catalog (DESK_CATALOG_MARKER,
    "Inkwell Standard", first in Sources/OrderCore/Catalog/Catalog+DemoJSON.swift).

    Both are reported as median and p90 over --runs runs, after one discarded warm-up run,
    and as a ratio of medians to dialog's first frame measured in the same invocation.

bytes per keystroke
    After the program is ready (its marker shown, then no output for 300 ms) and, for the
    desk, after the key sequences in DESK_ROUTES have reached the field, keys are typed one
    at a time; after each, everything the program writes until it has been quiet for
    50 ms (at most 1 s) is counted. Reported as mean and max over the keys, over
    --key-runs sessions. dialog: 20 letters into the first field of its form. orderdesk:
    the same 20 letters into the customer Name field, and the Visa test card (4242 four times) into the card
    number field. Targets: text field <= dialog's mean, card field <= 2 x dialog's mean.
    If a route's marker does not appear, the field is reported as not reachable and no
    number is produced.

peak memory
    VmHWM from /proc/PID/status just before the quit keys are sent, and ru_maxrss of that
    one child from os.wait4() after it exits (per child; getrusage(RUSAGE_CHILDREN) would
    give the largest of all children so far, so dialog's figure would be hidden by the
    desk's). Reported as the median over the timing runs (idle, catalog shown) and the
    largest over all runs (including the typing sessions).

Data directory: each orderdesk build gets a fresh temporary --data-dir. Its first run
creates the embedded service's certificate and keys; those runs are "cold" and reported
separately (--cold-runs, each in its own fresh directory). All other runs of that build
reuse one directory that has had one discarded warm-up run.

Quitting: Ctrl-C; if still running after 200 ms, `y` (the desk asks when something was
typed); SIGTERM after 2 s, SIGKILL after 3 s.
"""

from __future__ import annotations

import argparse
import bisect
import fcntl
import json
import os
import re
import resource  # noqa: F401  (ru_maxrss comes from os.wait4's resource.struct_rusage)
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time

ROWS, COLUMNS = 24, 80
REPO = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))

# ---------------------------------------------------------------------------------------
# Markers and key sequences: the one place to adjust as the desk's screens change.
# ---------------------------------------------------------------------------------------

DIALOG_MARKER = "Customer"
DIALOG_ARGS = [
    "--title", DIALOG_MARKER,
    "--form", "Who is ordering?", "12", "60", "4",
    "Name:", "1", "1", "", "1", "10", "40", "0",
    "Email:", "2", "1", "", "2", "10", "40", "0",
]

DESK_FRAME_MARKER = "OrderDesk"
DESK_CATALOG_MARKER = "Inkwell Standard"

TEXT_KEYS = [bytes([c]) for c in b"abcdefghijklmnopqrst"]  # 20 keys
# The published Visa test card, which the simulated processor approves: "4242" four times.
CARD_KEYS = [bytes([c]) for c in b"4242" * 4]  # 16 keys

TAB, ENTER = b"\t", b"\r"


def typed(text: str) -> list[bytes]:
    """One key per character, as the terminal sends them."""
    return [ch.encode() for ch in text]


# A route is a list of steps: (what the step does, keys, marker that must appear in the
# output written after the step's first key, or None to check nothing). After each key the
# script waits until the program has been quiet for 50 ms (at most 1 s); a marker is awaited
# for up to ROUTE_MARKER_TIMEOUT seconds.
_TO_DETAILS = [
    ("add the selected product (Enter)", [ENTER], None),
    ("open the cart (c)", [b"c"], None),
    ("continue to Details (Enter)", [ENTER], "Name"),
]
DESK_ROUTES: dict[str, list[tuple[str, list[bytes], str | None]]] = {
    # Ends with the cursor in the customer's Name field.
    "text": _TO_DETAILS,
    # Ends with the cursor in the card number field.
    "card": _TO_DETAILS + [
        ("type the name", typed("Ada Lovelace"), None),
        ("type the email (Tab first)", [TAB] + typed("ada@example.com"), None),
        ("leave the phone empty, it is optional (Tab)", [TAB], None),
        ("type-ahead the country and accept it (Tab first)",
         [TAB] + typed("Germany") + [ENTER], None),
        ("continue to Payment (Enter on the last field)", [ENTER], "Card number"),
    ],
}
ROUTE_MARKER_TIMEOUT = 2.0

QUIT_KEYS = [b"\x03", b"y"]  # Ctrl-C, then `y` if the desk asks

# ---------------------------------------------------------------------------------------

START_TIMEOUT = 15.0  # seconds to wait for a marker after start
READY_QUIET = 0.300
KEY_QUIET = 0.050
KEY_CAP = 1.0

_CSI = rb"(?:\x1b\[[0-?]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78])"


def marker_pattern(text: str) -> re.Pattern[bytes]:
    """The marker as ncurses may write it: escape sequences may come between characters,
    and a space may be replaced by cursor movement."""
    parts = []
    for ch in text:
        if ch == " ":
            parts.append(rb"(?: |" + _CSI + rb")+")
        else:
            parts.append(re.escape(ch.encode()) + _CSI + b"*")
    return re.compile(b"".join(parts))


def visible(data: bytes) -> bytes:
    return re.sub(_CSI, b"", data)


class Session:
    """One program in its own 80x24 pseudo-terminal, its output read and time-stamped."""

    def __init__(self, argv: list[str], env: dict[str, str]):
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLUMNS, 0, 0))
        self.master = master
        self.buffer = bytearray()
        self.ends: list[int] = []  # cumulative end offset of each read
        self.times: list[float] = []  # perf_counter of each read
        self.eof = False
        self.status: int | None = None
        self.rusage = None
        # posix_spawn (vfork and exec in glibc) rather than fork(): a forked copy of this
        # Python process would add milliseconds to every start. The child gets a session of
        # its own (setsid), then opens the pty, which so becomes its controlling terminal.
        # The pty's descriptors here are not inheritable, so the child does not keep them.
        actions = [(os.POSIX_SPAWN_OPEN, 0, os.ttyname(slave), os.O_RDWR, 0),
                   (os.POSIX_SPAWN_DUP2, 0, 1), (os.POSIX_SPAWN_DUP2, 0, 2)]
        self.t0 = time.perf_counter()
        self.pid = os.posix_spawn(argv[0], argv, env, file_actions=actions, setsid=True)
        os.close(slave)

    # -- reading ------------------------------------------------------------------------

    def pump(self, timeout: float) -> bool:
        """Reads what is there within `timeout`; True if something arrived."""
        if self.eof:
            time.sleep(max(0.0, timeout))
            return False
        ready, _, _ = select.select([self.master], [], [], max(0.0, timeout))
        if not ready:
            return False
        try:
            data = os.read(self.master, 1 << 16)
        except OSError:  # EIO: the child closed the terminal
            data = b""
        now = time.perf_counter()
        if not data:
            self.eof = True
            return False
        self.buffer += data
        self.ends.append(len(self.buffer))
        self.times.append(now)
        return True

    def find(self, pattern: re.Pattern[bytes], since: int = 0):
        """The time (s since start) the marker's last byte arrived, or None."""
        match = pattern.search(self.buffer, since)
        if not match:
            return None
        index = bisect.bisect_left(self.ends, match.end())
        return self.times[index] - self.t0

    def wait_for(self, pattern: re.Pattern[bytes], timeout: float, since: int = 0):
        deadline = time.perf_counter() + timeout
        while True:
            found = self.find(pattern, since)
            if found is not None:
                return found
            remaining = deadline - time.perf_counter()
            if remaining <= 0 or self.eof:
                return None
            self.pump(min(remaining, 0.05))

    def wait_quiet(self, quiet: float, cap: float) -> bool:
        """Reads until nothing has arrived for `quiet` seconds (True) or `cap` passed."""
        deadline = time.perf_counter() + cap
        while True:
            remaining = deadline - time.perf_counter()
            if remaining <= 0:
                return False
            window = min(quiet, remaining)
            if not self.pump(window):
                return window >= quiet

    def send(self, key: bytes) -> None:
        os.write(self.master, key)

    def type_and_count(self, keys: list[bytes]) -> list[tuple[int, bool]]:
        """Per key: bytes written in response, and whether the key's character was shown."""
        counts = []
        for key in keys:
            before = len(self.buffer)
            self.send(key)
            self.wait_quiet(KEY_QUIET, KEY_CAP)
            response = bytes(self.buffer[before:])
            counts.append((len(response), key in visible(response)))
        return counts

    # -- the process --------------------------------------------------------------------

    def alive(self) -> bool:
        if self.status is not None:
            return False
        pid, status, rusage = os.wait4(self.pid, os.WNOHANG)
        if pid == 0:
            return True
        self.status, self.rusage = status, rusage
        return False

    def vm_hwm_kib(self):
        return self.status_kib("VmHWM")

    def status_kib(self, field: str):
        """A memory figure of /proc/PID/status in KiB (VmHWM, RssAnon, RssFile), or None."""
        try:
            with open(f"/proc/{self.pid}/status") as status:
                for line in status:
                    if line.startswith(field + ":"):
                        return int(line.split()[1])
        except OSError:
            return None
        return None

    def quit(self) -> None:
        """Ctrl-C, `y` after 200 ms if still running, SIGTERM after 2 s, SIGKILL after 3 s."""
        start = time.perf_counter()
        sent = 0
        signalled = set()
        while self.alive():
            elapsed = time.perf_counter() - start
            if sent < len(QUIT_KEYS) and elapsed >= 0.2 * sent:
                try:
                    self.send(QUIT_KEYS[sent])
                except OSError:
                    pass
                sent += 1
            elif elapsed >= 3.0 and "kill" not in signalled:
                os.kill(self.pid, signal.SIGKILL)
                signalled.add("kill")
            elif elapsed >= 2.0 and "term" not in signalled:
                os.kill(self.pid, signal.SIGTERM)
                signalled.add("term")
            self.pump(0.01)
        while not self.eof and self.pump(0.05):
            pass
        os.close(self.master)
        self.forced = sorted(signalled)


# ---------------------------------------------------------------------------------------


def child_env(home: str) -> dict[str, str]:
    return {
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "PATH": "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin",
        "HOME": home,
    }


class Program:
    def __init__(self, name, argv_for, frame_marker, catalog_marker=None, routes=None):
        self.name = name
        self.argv_for = argv_for  # data dir -> argv
        self.frame = marker_pattern(frame_marker)
        self.frame_text = frame_marker
        self.catalog = marker_pattern(catalog_marker) if catalog_marker else None
        self.routes = routes


def one_run(program: Program, env, data_dir, keys=None, route=None, raw_path=None):
    """Starts the program, waits until it is ready, optionally follows a route and types,
    then samples memory and quits. Returns a dict of what was seen."""
    session = Session(program.argv_for(data_dir), env)
    result: dict = {}
    try:
        result["first_frame"] = session.wait_for(program.frame, START_TIMEOUT)
        ready_marker = program.catalog or program.frame
        if program.catalog is not None and result["first_frame"] is not None:
            result["catalog"] = session.wait_for(program.catalog, START_TIMEOUT)
        ready = session.find(ready_marker) is not None
        if ready:
            session.wait_quiet(READY_QUIET, 5.0)
        else:
            result["error"] = (
                f"{program.frame_text!r} never drawn" if result["first_frame"] is None
                else "catalog never shown")
        if ready and route is not None:
            for description, step_keys, marker in route:
                since = len(session.buffer)
                for key in step_keys:
                    session.send(key)
                    session.wait_quiet(KEY_QUIET, KEY_CAP)
                if marker is not None and session.wait_for(
                        marker_pattern(marker), ROUTE_MARKER_TIMEOUT, since) is None:
                    result["error"] = (
                        f"after '{description}' the screen did not show {marker!r}")
                    ready = False
                    break
                if not session.alive():
                    result["error"] = f"the program exited during '{description}'"
                    ready = False
                    break
            if ready:
                session.wait_quiet(READY_QUIET, 5.0)
        if ready and keys is not None:
            counts = session.type_and_count(keys)
            result["bytes"] = [count for count, _ in counts]
            result["echoed"] = sum(1 for _, shown in counts if shown)
        result["vm_hwm_kib"] = session.vm_hwm_kib()
        result["rss_anon_kib"] = session.status_kib("RssAnon")
        result["rss_file_kib"] = session.status_kib("RssFile")
    finally:
        if session.alive():
            session.quit()
        else:
            os.close(session.master)
            session.forced = []
    result["ru_maxrss_kib"] = session.rusage.ru_maxrss if session.rusage else None
    result["forced"] = session.forced
    if raw_path:
        with open(raw_path, "wb") as raw:
            raw.write(bytes(session.buffer))
    return result


def percentile(values, fraction):
    ordered = sorted(values)
    if not ordered:
        return None
    index = min(len(ordered) - 1, max(0, int(round(fraction * (len(ordered) - 1) + 0.4999))))
    return ordered[index]


def summarise_times(values):
    values = [v for v in values if v is not None]
    if not values:
        return None
    return {"median_ms": statistics.median(values) * 1000,
            "p90_ms": percentile(values, 0.9) * 1000, "n": len(values)}


def measure_all(programs: list[Program], args, env, log) -> list[dict]:
    """Measures every program. The timed runs are interleaved (dialog, desk, static desk,
    dialog, …) so that a change in the machine's load falls on all of them alike."""
    raw_dir = args.raw_dir
    base = tempfile.mkdtemp(prefix="desk-bench-")
    summaries = {p.name: {"name": p.name} for p in programs}
    data_dirs = {p.name: os.path.join(base, p.name, "warm") for p in programs}
    try:
        # Cold starts: a fresh data dir each, so the service creates its identity and keys.
        for i in range(args.cold_runs):
            for program in programs:
                if program.catalog is None:
                    continue
                cold = one_run(program, env, os.path.join(base, program.name, f"cold{i}"))
                summaries[program.name].setdefault("_cold", []).append(cold)
        for program in programs:
            cold = summaries[program.name].pop("_cold", None)
            if cold:
                summaries[program.name]["cold_first_frame"] = summarise_times(
                    [r.get("first_frame") for r in cold])
                summaries[program.name]["cold_catalog"] = summarise_times(
                    [r.get("catalog") for r in cold])
        if args.cold_runs:
            log(f"  {args.cold_runs} cold run(s) done")

        # One warm-up each, discarded; a program that fails it is not measured further.
        alive = []
        for program in programs:
            warm_up = one_run(program, env, data_dirs[program.name], raw_path=raw_dir and
                              os.path.join(raw_dir, f"{program.name}-start.raw"))
            if warm_up.get("error"):
                summaries[program.name]["error"] = warm_up["error"]
                log(f"  {program.name}: {warm_up['error']}")
            else:
                alive.append(program)

        runs: dict[str, list[dict]] = {p.name: [] for p in alive}
        for i in range(args.runs):
            for program in alive:
                runs[program.name].append(one_run(program, env, data_dirs[program.name]))
        log(f"  {args.runs} timed run(s) of each done")
        hwm = {p.name: [] for p in alive}
        maxrss = {p.name: [] for p in alive}
        for program in alive:
            summary = summaries[program.name]
            done = runs[program.name]
            errors = [r["error"] for r in done if r.get("error")]
            if errors:
                summary["run_errors"] = errors
            summary["first_frame"] = summarise_times([r.get("first_frame") for r in done])
            if program.catalog is not None:
                summary["catalog"] = summarise_times([r.get("catalog") for r in done])
            idle_hwm = [r["vm_hwm_kib"] for r in done if r.get("vm_hwm_kib")]
            idle_maxrss = [r["ru_maxrss_kib"] for r in done if r.get("ru_maxrss_kib")]
            idle_anon = [r["rss_anon_kib"] for r in done if r.get("rss_anon_kib")]
            idle_file = [r["rss_file_kib"] for r in done if r.get("rss_file_kib")]
            summary["memory"] = {
                "vm_hwm_median_kib": statistics.median(idle_hwm) if idle_hwm else None,
                "ru_maxrss_median_kib": statistics.median(idle_maxrss) if idle_maxrss else None,
                "rss_anon_median_kib": statistics.median(idle_anon) if idle_anon else None,
                "rss_file_median_kib": statistics.median(idle_file) if idle_file else None,
            }
            hwm[program.name] += idle_hwm
            maxrss[program.name] += idle_maxrss
            forced = sorted({s for r in done for s in r.get("forced", [])})
            if forced:
                summary["quit_needed"] = forced

        # Typing: dialog's first field; the desk's Name field and card number field.
        for program in alive:
            summary = summaries[program.name]
            for field, keys in (("text", TEXT_KEYS), ("card", CARD_KEYS)):
                if program.routes is None and field == "card":
                    continue
                route = program.routes.get(field) if program.routes is not None else None
                per_key, echoed, problem = [], 0, None
                for i in range(args.key_runs):
                    result = one_run(
                        program, env, data_dirs[program.name], keys=keys, route=route,
                        raw_path=raw_dir and
                        os.path.join(raw_dir, f"{program.name}-{field}{i}.raw"))
                    if result.get("vm_hwm_kib"):
                        hwm[program.name].append(result["vm_hwm_kib"])
                    if result.get("ru_maxrss_kib"):
                        maxrss[program.name].append(result["ru_maxrss_kib"])
                    if "bytes" not in result:
                        problem = result.get("error", "no keys typed")
                        break
                    per_key += result["bytes"]
                    echoed += result["echoed"]
                if problem is not None:
                    summary[field] = {
                        "unreachable": f"could not reach the {field} field: {problem}"}
                    log(f"  {program.name}: could not reach the {field} field: {problem}")
                else:
                    summary[field] = {
                        "mean": statistics.mean(per_key), "max": max(per_key),
                        "keys": len(per_key), "echoed": echoed}
                    log(f"  {program.name}: {field} field: {len(per_key)} keys typed, "
                        f"{echoed} echoed, mean {statistics.mean(per_key):.1f} B")
            summary["memory"]["vm_hwm_max_kib"] = max(hwm[program.name], default=None)
            summary["memory"]["ru_maxrss_max_kib"] = max(maxrss[program.name], default=None)
    finally:
        shutil.rmtree(base, ignore_errors=True)
    return [summaries[p.name] for p in programs]


def launch_floor(args, env) -> dict:
    """What the measuring itself costs: start -> first output of `/bin/echo`, and the
    ru_maxrss a child reports when it is that small (the spawning Python's pages count
    towards a child's ru_maxrss until its exec)."""
    echo = shutil.which("echo") or "/bin/echo"
    pattern = marker_pattern("floor")
    times, maxrss = [], []
    for index in range(args.runs + 1):
        session = Session([echo, "floor"], env)
        found = session.wait_for(pattern, START_TIMEOUT)
        session.wait_quiet(0.01, 1.0)
        if session.alive():
            session.quit()
        else:
            os.close(session.master)
        if index == 0:
            continue  # warm-up
        times.append(found)
        if session.rusage:
            maxrss.append(session.rusage.ru_maxrss)
    return {"first_output": summarise_times(times),
            "ru_maxrss_kib": statistics.median(maxrss) if maxrss else None}


# ---------------------------------------------------------------------------------------


def ensure_dialog(log) -> str | None:
    path = shutil.which("dialog")
    if path:
        return path
    log("dialog is not installed; installing it from Debian (apt-get install -y dialog)")
    sudo = [] if os.geteuid() == 0 else ["sudo"]
    install = sudo + ["apt-get", "install", "-y", "-q", "dialog"]
    if subprocess.run(install).returncode != 0:
        subprocess.run(sudo + ["apt-get", "update", "-q"])
        subprocess.run(install)
    return shutil.which("dialog")


BUILDS = [
    # (name, scratch path, build command): the plain release build, and the fully static
    # executable scripts/build-release makes for installing.
    ("orderdesk", ".build-release",
     ["swift", "build", "-c", "release", "--scratch-path", ".build-release", "--product",
      "orderdesk"]),
    ("orderdesk-static", ".build-release-static",
     ["scripts/build-release", "--scratch-path", ".build-release-static"]),
]


def build(name, scratch, command, skip, log) -> tuple[str | None, str]:
    """Builds one variant; returns (binary or None, a note for the report)."""
    binary = os.path.join(REPO, scratch, "release", "orderdesk")
    if skip:
        if os.path.exists(binary):
            return binary, f"not rebuilt (--skip-build), binary of {time.ctime(os.path.getmtime(binary))}"
        return None, "--skip-build given and no binary built yet"
    log(f"building {name}: {' '.join(command)}")
    started = time.perf_counter()
    os.makedirs(os.path.join(REPO, scratch), exist_ok=True)
    logfile = os.path.join(REPO, scratch, "desk-benchmark-build.log")
    with open(logfile, "w") as out:
        code = subprocess.run(command, cwd=REPO, stdout=out, stderr=subprocess.STDOUT).returncode
    took = time.perf_counter() - started
    if code == 0:
        return binary, f"built in {took:.0f} s"
    with open(logfile) as out:
        errors = [line.rstrip() for line in out if "error:" in line][:3]
    reason = "; ".join(errors) or f"exit status {code}"
    log(f"  build of {name} FAILED ({reason}); full log: {logfile}")
    if os.path.exists(binary):
        return binary, (f"BUILD FAILED ({reason}); measuring the previous binary of "
                        f"{time.ctime(os.path.getmtime(binary))}")
    return None, f"BUILD FAILED ({reason})"


# ---------------------------------------------------------------------------------------


def fmt(value, spec=".1f", missing="—"):
    return missing if value is None else format(value, spec)


def ratio(value, reference):
    if value is None or not reference:
        return None
    return value / reference


def report(results, notes, args) -> str:
    dialog = next((r for r in results if r["name"] == "dialog"), None)
    dialog_frame = (dialog or {}).get("first_frame") or {}
    dialog_ff = dialog_frame.get("median_ms")
    dialog_text = ((dialog or {}).get("text") or {}).get("mean")
    lines = []
    header = ("program", "first frame ms med/p90", "× dialog", "catalog ms med/p90",
              "× dialog", "text B/key mean/max", "× dialog", "card B/key mean/max",
              "× dialog", "peak MiB HWM/maxrss")
    rows = [header]
    for r in results:
        if r.get("error"):
            rows.append((r["name"], "failed: " + r["error"], "", "", "", "", "", "", "", ""))
            continue
        ff = r.get("first_frame") or {}
        cat = r.get("catalog") or {}
        text = r.get("text") or {}
        card = r.get("card") or {}
        memory = r.get("memory") or {}
        mib = lambda kib: None if kib is None else kib / 1024  # noqa: E731
        rows.append((
            r["name"],
            f"{fmt(ff.get('median_ms'), '.2f')} / {fmt(ff.get('p90_ms'), '.2f')}",
            fmt(ratio(ff.get("median_ms"), dialog_ff), ".2f"),
            "n/a" if r["name"] == "dialog"
            else f"{fmt(cat.get('median_ms'), '.1f')} / {fmt(cat.get('p90_ms'), '.1f')}",
            "n/a" if r["name"] == "dialog" else fmt(ratio(cat.get("median_ms"), dialog_ff), ".1f"),
            "unreachable" if "unreachable" in text
            else f"{fmt(text.get('mean'))} / {fmt(text.get('max'), 'd')}",
            "" if "unreachable" in text else fmt(ratio(text.get("mean"), dialog_text), ".2f"),
            "n/a" if r["name"] == "dialog" else
            ("unreachable" if "unreachable" in card
             else f"{fmt(card.get('mean'))} / {fmt(card.get('max'), 'd')}"),
            "n/a" if r["name"] == "dialog" else
            ("" if "unreachable" in card else fmt(ratio(card.get("mean"), dialog_text), ".2f")),
            f"{fmt(mib(memory.get('vm_hwm_median_kib')))} / "
            f"{fmt(mib(memory.get('ru_maxrss_median_kib')))}",
        ))
    widths = [max(len(str(row[i])) for row in rows) for i in range(len(header))]
    for index, row in enumerate(rows):
        lines.append("  ".join(str(cell).ljust(widths[i]) for i, cell in enumerate(row)).rstrip())
        if index == 0:
            lines.append("  ".join("-" * w for w in widths))
    lines.append("")
    lines.append("Targets: first frame × dialog ≤ 1.00; text B/key × dialog ≤ 1.00; "
                 "card B/key × dialog ≤ 2.00 (card mean over dialog's text-field mean).")
    lines.append(f"Runs: {args.runs} timed (+1 warm-up discarded) per program, "
                 f"{args.key_runs} typing session(s) per field; 80x24 pty, TERM=xterm-256color.")
    for r in results:
        extra = []
        if r.get("cold_first_frame") or r.get("cold_catalog"):
            cf = r.get("cold_first_frame") or {}
            cc = r.get("cold_catalog") or {}
            extra.append(f"cold start (fresh data dir, creates the TLS identity and keys; "
                         f"{cc.get('n', 0)} run(s)): first frame {fmt(cf.get('median_ms'), '.2f')} ms, "
                         f"catalog {fmt(cc.get('median_ms'), '.1f')} ms (medians)")
        memory = r.get("memory") or {}
        if memory.get("rss_anon_median_kib") and memory.get("rss_file_median_kib"):
            extra.append(f"resident at its first screen: {memory['rss_anon_median_kib'] / 1024:.1f} "
                         f"MiB of its own memory (RssAnon) and "
                         f"{memory['rss_file_median_kib'] / 1024:.1f} MiB of mapped files, the "
                         f"executable and libraries, shared with the page cache (RssFile)")
        if memory.get("vm_hwm_max_kib"):
            extra.append(f"largest peak over all runs incl. typing: VmHWM "
                         f"{memory['vm_hwm_max_kib'] / 1024:.1f} MiB, ru_maxrss "
                         f"{(memory.get('ru_maxrss_max_kib') or 0) / 1024:.1f} MiB")
        for field in ("text", "card"):
            f = r.get(field) or {}
            if "unreachable" in f:
                extra.append(f["unreachable"])
            elif f and f.get("echoed", 0) < f.get("keys", 0) / 2:
                extra.append(f"{field} field: only {f['echoed']} of {f['keys']} typed characters "
                             f"were seen in the output: the cursor may not have been in the field")
        if r.get("run_errors"):
            extra.append(f"{len(r['run_errors'])} timed run(s) failed: {r['run_errors'][0]}")
        if r.get("quit_needed"):
            extra.append(f"quitting needed {', '.join(r['quit_needed'])}")
        if r["name"] in notes:
            extra.append(notes[r["name"]])
        for note in extra:
            lines.append(f"{r['name']}: {note}")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=20, help="timed runs per program (20)")
    parser.add_argument("--key-runs", type=int, default=3,
                        help="typing sessions per program and field (3)")
    parser.add_argument("--cold-runs", type=int, default=3,
                        help="orderdesk runs in a fresh data dir, reported apart (3; 0 skips)")
    parser.add_argument("--skip-build", action="store_true",
                        help="measure the binaries already in .build-release*")
    parser.add_argument("--no-static", action="store_true",
                        help="leave out the fully static build (scripts/build-release)")
    parser.add_argument("--json", metavar="PATH", help="also write the figures as JSON")
    parser.add_argument("--raw-dir", metavar="DIR",
                        help="keep the raw terminal output of the warm-up and typing sessions")
    args = parser.parse_args()

    def log(message):
        print(message, file=sys.stderr, flush=True)

    if args.raw_dir:
        os.makedirs(args.raw_dir, exist_ok=True)
    dialog = ensure_dialog(log)
    notes: dict[str, str] = {}
    binaries = []
    for name, scratch, command in BUILDS:
        if args.no_static and name.endswith("-static"):
            continue
        binary, note = build(name, scratch, command, args.skip_build, log)
        notes[name] = note
        binaries.append((name, binary))

    home = tempfile.mkdtemp(prefix="desk-bench-home-")
    env = child_env(home)
    load = os.getloadavg()
    log(f"load average before measuring: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} "
        f"on {os.cpu_count()} CPU(s)")
    programs = []
    results = []
    if dialog:
        programs.append(Program("dialog", lambda _dir: [dialog, *DIALOG_ARGS], DIALOG_MARKER))
    else:
        results.append({"name": "dialog", "error": "dialog could not be installed"})
    for name, binary in binaries:
        if binary is None:
            results.append({"name": name, "error": notes[name]})
            continue
        programs.append(Program(
            name, lambda data_dir, binary=binary: [binary, "--data-dir", data_dir],
            DESK_FRAME_MARKER, DESK_CATALOG_MARKER, DESK_ROUTES))
    try:
        floor = launch_floor(args, env)
        log(f"measuring {', '.join(p.name for p in programs)}")
        measured = measure_all(programs, args, env, log)
        # dialog first in the table, then the builds in order, failed builds included
        order = {name: i for i, name in enumerate(["dialog"] + [n for n, _, _ in BUILDS])}
        results = sorted(measured + results, key=lambda r: order.get(r["name"], 99))
    finally:
        shutil.rmtree(home, ignore_errors=True)
    load_after = os.getloadavg()
    text = report(results, notes, args)
    print(text)
    first = floor.get("first_output") or {}
    print(f"launch floor (start -> first output of /bin/echo, same pty and spawn): median "
          f"{fmt(first.get('median_ms'), '.2f')} ms, p90 {fmt(first.get('p90_ms'), '.2f')} ms; "
          f"ru_maxrss of that trivial child {fmt((floor.get('ru_maxrss_kib') or 0) / 1024)} MiB "
          f"(the spawning Python's pages; ru_maxrss below it means nothing, VmHWM is the "
          f"program's own)")
    print(f"load average: {load[0]:.2f} before, {load_after[0]:.2f} after, "
          f"{os.cpu_count()} CPU(s); other work on the machine adds noise.")
    if args.json:
        with open(args.json, "w") as out:
            json.dump({"results": results, "notes": notes, "launch_floor": floor,
                       "load_before": load, "load_after": load_after}, out, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
