#!/usr/bin/env python3
"""Lists the protocol conformance searches the desk makes before its first frame.

The first time a process needs a generic type whose parameters carry a protocol requirement
(`[ThemeSlot: SlotStyle]` needs `ThemeSlot: Hashable`), the Swift runtime walks all of the
binary's conformance records to find it; DECISIONS.md (2026-11-26) keeps those searches out
of the path to the first frame. This runs the desk under gdb in an 80x24 pseudo-terminal,
stops at the first `wrefresh` (the first frame reaching the screen) and prints each
(type, protocol) pair the runtime was asked about until then: every pair is one search.

Exit status: 0 when there were none, 1 when there were some, 2 when it could not tell.
Python 3 standard library only; needs gdb and nm (binutils).
"""

from __future__ import annotations

import collections
import os
import re
import shutil
import subprocess
import sys
import tempfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import desk_benchmark as bench  # noqa: E402

LOOKUP = "_ZL52swift_conformsToProtocolMaybeInstantiateSuperclasses"

# The lookup returns a pair in memory, so its arguments are (result, type, protocol): the
# type metadata in rsi, the protocol descriptor in rdx. A struct's or enum's metadata (kind
# below 0x800) points at its descriptor, whose name, like the protocol's, is a relative
# pointer at offset 8.
COMMANDS = """set pagination off
set logging file {log}
set logging overwrite on
set logging redirect on
set logging enabled on
break *0x{address}
commands
silent
printf "search: %s ", (char*)($rdx+8+*(int*)($rdx+8))
if *(long*)$rsi < 0x800
printf "%s\\n", (char*)(*(long*)($rsi+8)+8+*(int*)(*(long*)($rsi+8)+8))
else
printf "(a class)\\n"
end
continue
end
break wrefresh
commands
printf "first frame\\n"
kill
quit
end
run
"""


def main() -> int:
    binary = sys.argv[1] if len(sys.argv) > 1 else ".build-release-static/release/orderdesk"
    if not shutil.which("gdb") or not shutil.which("nm"):
        print("needs gdb and nm: apt-get install -y gdb binutils", file=sys.stderr)
        return 2
    symbols = subprocess.run(["nm", binary], capture_output=True, text=True).stdout
    found = re.search(r"^([0-9a-f]+) t " + LOOKUP, symbols, re.M)
    if not found:
        print(f"{binary}: no {LOOKUP} (not a static build?)", file=sys.stderr)
        return 2
    work = tempfile.mkdtemp(prefix="first-frame-searches-")
    log = os.path.join(work, "gdb.log")
    script = os.path.join(work, "commands.gdb")
    with open(script, "w") as file:
        file.write(COMMANDS.format(log=log, address=found.group(1)))
    data_dir = os.path.join(work, "data")
    argv = [shutil.which("gdb"), "-q", "-batch", "-x", script, "--args",
            os.path.abspath(binary), "--data-dir", data_dir]
    session = bench.Session(argv, bench.child_env(work))
    session.wait_quiet(2.0, 60.0)
    session.quit()
    lines = open(log).read().splitlines() if os.path.exists(log) else []
    if "first frame" not in lines:
        print("the desk never reached its first frame under gdb", file=sys.stderr)
        return 2
    searches = collections.Counter(
        line.removeprefix("search: ") for line in lines[: lines.index("first frame")]
        if line.startswith("search: "))
    for pair, calls in searches.items():
        protocol, _, type_name = pair.partition(" ")
        print(f"{type_name}: {protocol} (asked {calls}x)")
    print(f"{len(searches)} conformance search(es) before the first frame")
    shutil.rmtree(work, ignore_errors=True)
    return 1 if searches else 0


if __name__ == "__main__":
    sys.exit(main())
