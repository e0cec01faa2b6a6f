"""Make the editor screenshots of the README from a bundled template, so they stay true.

    .venv/bin/python tools/screenshots.py [--out docs/screenshots]

Runs offscreen (no display needed) and grabs the real main window as a new user
first sees it (90 % of a 1600 x 1000 screen, the default panels, the first zoom):
the current view with a moment of truth selected, and the compare view.
Settings and recovery copies go to a temporary folder, never the user's own.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = (1440, 900)  # the first size on a 1600 x 1000 screen


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    parser.add_argument("--template", default="airline")
    args = parser.parse_args(argv)
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    home = tempfile.mkdtemp(prefix="motdesk-screenshots-")
    for name in ("CONFIG", "DATA", "STATE", "CACHE"):
        os.environ[f"XDG_{name}_HOME"] = os.path.join(home, name.lower())
    sys.path.insert(0, str(ROOT))

    from PySide6.QtWidgets import QApplication

    from motdesk.graph.vocabulary import View
    from motdesk.resources import template
    from motdesk.ui.app import application
    from motdesk.ui.mainwindow import MainWindow
    from motdesk.ui.session import Session

    app = application()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    window = MainWindow(Session.new(template(args.template).load()))
    window.resize(*SIZE)
    window.show()

    def settle() -> None:
        """Let the timers that follow a change fire (the overview redraws 120 ms after a burst)."""
        deadline = time.monotonic() + 0.4
        while time.monotonic() < deadline:
            app.processEvents()
            time.sleep(0.01)

    settle()
    journey = window.journey()
    misery = [s for s in journey.steps() if s.moment and (s.current_emotion or 0) < 0]
    focus = min(misery, key=lambda s: s.current_emotion) if misery else next(journey.steps())
    window.initial_zoom()
    shown = window.view.mapToScene(window.view.viewport().rect()).boundingRect()
    in_sight = [
        s for s in misery if shown.contains(window.scene.step_item(s.id).sceneBoundingRect())
    ]
    if in_sight:  # a moment of misery the first look shows, selected
        focus = min(in_sight, key=lambda s: s.current_emotion)
    window.view.select_ids([focus.id])
    settle()
    written = [out / "editor.png"]
    window.grab().save(str(written[0]))

    window.set_view_mode(View.COMPARE)
    seeing = getattr(window, "seeing", None)
    if seeing is not None:  # the emotional curves of today and the target, and their legend
        seeing.curve_action.setChecked(True)
        seeing.legend.show()
        seeing.legend.raise_()
    window.view.select_ids([])
    window.initial_zoom()
    # the first step today's journey loses, in sight, hatched (and, where they are near,
    # the new steps that replace it)
    removed = sorted(
        (s for s in journey.steps() if s.state.value == "current"), key=lambda s: (s.x, s.y)
    )
    if removed:
        card = window.scene.step_item(removed[0].id).sceneBoundingRect()
        window.view.ensureVisible(card, 200, 60)
    settle()
    if seeing is not None:  # the legend at its compare marks
        legend = seeing.legend
        heading = legend.section_widget("Compare view")
        if heading is not None:
            legend.scroll_to(heading)
        settle()
    written.append(out / "compare.png")
    window.grab().save(str(written[1]))

    window.document.history.mark_clean()
    window.close()
    QApplication.processEvents()
    for path in written:
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
