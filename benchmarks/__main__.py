"""`python -m benchmarks [NAME ...] [-- OPTION ...]`: run every benchmark module (or the named
ones) in turn; options after ``--`` go to each of them (``python -m benchmarks store -- --repeat 3``).

Each module `bench_<name>.py` has a `main()` that prints a table of figures,
each beside a floor measured in the same run, and the ratio between them.
"""

from __future__ import annotations

import importlib
import os
import pkgutil
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def available() -> list[str]:
    package = os.path.dirname(__file__)
    return sorted(
        m.name[len("bench_") :]
        for m in pkgutil.iter_modules([package])
        if m.name.startswith("bench_")
    )


def main(argv: list[str]) -> int:
    options: list[str] = []
    if "--" in argv:
        argv, options = argv[: argv.index("--")], argv[argv.index("--") + 1 :]
    names = argv or available()
    unknown = [n for n in names if n not in available()]
    if unknown:
        print(
            f"benchmarks: no benchmark {unknown[0]!r} (there are: {', '.join(available())})",
            file=sys.stderr,
        )
        return 2
    for name in names:
        print(f"\n=== {name} ===", flush=True)
        started = time.perf_counter()
        importlib.import_module(f"benchmarks.bench_{name}").main(options)
        print(f"({name}: {time.perf_counter() - started:.0f} s in all)", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
