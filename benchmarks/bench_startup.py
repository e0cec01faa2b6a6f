"""How soon `motdesk FILE` puts its window on screen, beside a bare PySide6 window.

Each run is a fresh child process on the offscreen platform, timed by the wall
clock from spawning it until it prints a marker:

- ``ours``: ``python -m motdesk FILE``, the path a user's ``motdesk FILE`` takes,
  with ``MOTDESK_BENCH_SHOWN=1`` (see `motdesk.ui.startup_probe`): *window shown*
  is the first expose of the editor's first window (its frame, menus and an
  "Opening FILE..." note); *document shown* is the first expose of the window
  with the journey on its canvas. Then the editor closes the ordinary way.
- ``floor``: a python that imports PySide6.QtWidgets, creates the QApplication and
  shows a bare QMainWindow, timed to its first expose the same way.

Runs alternate ours and floor; figures are medians of ``--repeat`` runs; the ratio
is ours / floor (the floor is the same bare window for both rows). Files: generated
projects of 1,000, 5,000 and 20,000 steps saved as `.motdesk`, and the airline
sample (a `.json`, opened as an untitled import). Settings, recovery copies and
compiled modules (``PYTHONPYCACHEPREFIX``, as an installed package has them; one
unmeasured run of each warms them) go to a temporary folder.
Run: ``python -m benchmarks startup``.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZES = (1_000, 5_000, 20_000)
SHOWN, LOADED = "motdesk-shown", "motdesk-loaded"  # motdesk.ui.startup_probe's markers
ROOT = Path(__file__).resolve().parent.parent

FLOOR = f"""
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow

app = QApplication([])
window = QMainWindow()
window.resize(1280, 800)
window.show()


class Watch(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Expose and watched.isExposed():
            watched.removeEventFilter(self)
            QTimer.singleShot(0, done)
        return False


def done():
    print({SHOWN!r}, flush=True)
    print({LOADED!r}, flush=True)
    app.quit()


watch = Watch()
if window.windowHandle().isExposed():
    QTimer.singleShot(0, done)
else:
    window.windowHandle().installEventFilter(watch)
app.exec()
"""


def make_file(steps: int, folder: Path) -> Path:
    """A generated project of `steps` steps, laid out as the editor would, as a .motdesk file."""
    from dataclasses import replace

    from benchmarks.generate import generate_project
    from motdesk.graph.layout import auto_layout
    from motdesk.store import save_new

    project = generate_project(steps, seed=0)
    journey = project.journeys[0]
    for step_id, (x, y) in auto_layout(journey).items():
        journey._put_step(replace(journey.step(step_id), x=x, y=y))
    path = folder / f"generated-{steps}.motdesk"
    save_new(project, path)
    return path


def _env(home: Path) -> dict[str, str]:
    """Offscreen, the marker on, user folders in `home`, and compiled modules cached (in
    `home`, as an installed package has them) even where the shell says not to write them."""
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", MOTDESK_BENCH_SHOWN="1")
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(home / "pycache")
    for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        env[name] = str(home / name.lower())
    env.setdefault("XDG_RUNTIME_DIR", str(home / "runtime"))
    (home / "runtime").mkdir(mode=0o700, exist_ok=True)
    return env


def time_child(command: list[str], env: dict[str, str], cwd: Path) -> dict[str, float]:
    """Seconds from spawning `command` to each marker it prints."""
    start = time.perf_counter()
    child = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=cwd,  # a folder without a `motdesk` in it: the package as installed
    )
    seen: dict[str, float] = {}
    assert child.stdout is not None
    for line in child.stdout:
        marker = line.strip()
        if marker in (SHOWN, LOADED) and marker not in seen:
            seen[marker] = time.perf_counter() - start
        if LOADED in seen:
            break
    _, err = child.communicate(timeout=120)
    if child.returncode != 0 or LOADED not in seen:
        raise RuntimeError(f"{' '.join(command[-2:])} failed ({child.returncode}): {err[-800:]}")
    return seen


def measure(path: Path, repeat: int, env: dict[str, str], cwd: Path) -> dict[str, dict[str, float]]:
    ours_cmd = [sys.executable, "-m", "motdesk", str(path)]
    floor_cmd = [sys.executable, "-c", FLOOR]
    ours: list[dict[str, float]] = []
    floor: list[dict[str, float]] = []
    time_child(ours_cmd, env, cwd)  # warm the disk cache for both
    time_child(floor_cmd, env, cwd)
    for _ in range(repeat):
        ours.append(time_child(ours_cmd, env, cwd))
        floor.append(time_child(floor_cmd, env, cwd))
    return {
        "ours": {k: statistics.median(r[k] for r in ours) for k in (SHOWN, LOADED)},
        "floor": {k: statistics.median(r[k] for r in floor) for k in (SHOWN, LOADED)},
    }


ROWS = ((SHOWN, "window shown (s)"), (LOADED, "document shown (s)"))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="*", default=list(SIZES))
    parser.add_argument("--repeat", type=int, default=5, help="runs of each (median)")
    parser.add_argument("--no-sample", action="store_true", help="skip the airline sample")
    args = parser.parse_args(argv or [])  # `python -m benchmarks startup` passes none
    print(
        f"start-up benchmark, offscreen, median of {args.repeat} fresh processes; "
        "ratio = ours / floor (a bare QMainWindow)"
    )
    header = f"{'file':<22}{'measure':<22}{'floor':>8}{'ours':>8}{'ratio':>8}"
    print(header)
    print("-" * len(header))
    with tempfile.TemporaryDirectory(prefix="motdesk-bench-") as folder:
        home = Path(folder)
        env = _env(home)
        files = [(f"{size} steps", make_file(size, home)) for size in args.sizes]
        if not args.no_sample:
            files.append(("airline.json", ROOT / "resources" / "templates" / "airline.json"))
        for name, path in files:
            result = measure(path, args.repeat, env, home)
            for key, title in ROWS:
                ours, floor = result["ours"][key], result["floor"][key]
                print(f"{name:<22}{title:<22}{floor:>8.2f}{ours:>8.2f}{ours / floor:>8.2f}")
            sys.stdout.flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
