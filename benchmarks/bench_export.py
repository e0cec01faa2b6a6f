"""How fast the PDF handout exports, beside a floor of bare reportlab drawing in the same run.

For each size (100, 1,000 and 5,000 steps, about 1.2 transitions per step) it times
the full handout (cover, map, moments, gaps, worksheet; A4, current state) and a
*floor*: reportlab drawing, straight onto a canvas with the same fonts, exactly as
many boxes, labels and lines as the handout drew (counted in an untimed run) over
the same number of pages, with no layout at all. The ratio handout / floor is what
to watch; the aim is at most 3.

Figures are medians of ``--repeat`` runs. Run: ``python -m benchmarks.bench_export``.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

from reportlab.pdfgen.canvas import Canvas

from motdesk.graph.model import Project

SIZES = (100, 1_000, 5_000)
BOXES = ("rect", "roundRect", "circle")
LABELS = ("drawString", "drawCentredString", "drawRightString")
LINES = ("line", "drawPath")


def _counting_canvas(counts: Counter[str]) -> type[Canvas]:
    """A Canvas that tallies the drawing calls it receives."""

    class CountingCanvas(Canvas):
        def showPage(self) -> None:  # noqa: N802 (reportlab's name)
            counts["pages"] += 1
            super().showPage()

    for name in (*BOXES, *LABELS, *LINES):
        original = getattr(Canvas, name)

        def counted(self, *args, _name=name, _original=original, **kwargs):  # type: ignore[no-untyped-def]
            counts[_name] += 1
            if _name in LABELS:
                counts["chars"] += len(args[2])
            return _original(self, *args, **kwargs)

        setattr(CountingCanvas, name, counted)
    return CountingCanvas


def count_drawing(project: Project, target: Path) -> Counter[str]:
    """Export once with a counting canvas: how many boxes, labels, lines and pages."""
    import motdesk.export.handout as handout

    counts: Counter[str] = Counter()
    original = handout.Canvas
    handout.Canvas = _counting_canvas(counts)  # type: ignore[misc]
    try:
        handout.export_handout(project, target)
    finally:
        handout.Canvas = original  # type: ignore[misc]
    return Counter(
        boxes=sum(counts[n] for n in BOXES),
        labels=sum(counts[n] for n in LABELS),
        lines=sum(counts[n] for n in LINES),
        pages=counts["pages"],
        chars=counts["chars"],
    )


def floor(counts: Counter[str], words: list[str], target: Path) -> None:
    """The least any handout must do: the same primitives, spread evenly over the pages."""
    from motdesk.export.fonts import BOLD, REGULAR, register_fonts

    register_fonts()
    canvas = Canvas(str(target), invariant=True)
    pages = max(1, counts["pages"])
    length = max(1, round(counts["chars"] / max(1, counts["labels"])))
    words = [(w * 4)[:length] for w in words]  # labels as long as the handout's on average
    per_page = {k: -(-counts[k] // pages) for k in ("boxes", "labels", "lines")}
    left = {k: counts[k] for k in per_page}
    n = 0
    for _ in range(pages):
        for _ in range(min(per_page["boxes"], left["boxes"])):
            x, y = 40 + (n % 5) * 100, 60 + (n % 7) * 100
            canvas.setFillColorRGB(0.95, 0.95, 0.95)
            canvas.roundRect(x, y, 90, 45, 3, stroke=1, fill=1)
            n += 1
        left["boxes"] -= per_page["boxes"]
        for _ in range(min(per_page["labels"], left["labels"])):
            canvas.setFont(BOLD if n % 2 else REGULAR, 8)
            canvas.drawString(40 + (n % 5) * 100, 70 + (n % 7) * 100, words[n % len(words)])
            n += 1
        left["labels"] -= per_page["labels"]
        for _ in range(min(per_page["lines"], left["lines"])):
            path = canvas.beginPath()
            x, y = 130 + (n % 5) * 100, 80 + (n % 7) * 100
            path.moveTo(x, y)
            path.curveTo(x + 5, y, x + 5, y + 30, x + 10, y + 30)
            canvas.drawPath(path, stroke=1, fill=0)
            n += 1
        left["lines"] -= per_page["lines"]
        canvas.showPage()
    canvas.save()


def _median_time(run: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def measure(steps: int, repeat: int, folder: Path) -> dict[str, float]:
    from benchmarks.generate import generate_project
    from motdesk.export.handout import export_handout

    project = generate_project(steps, seed=0)
    target = folder / f"handout-{steps}.pdf"
    counts = count_drawing(project, target)
    words = [s.label for s in project.journeys[0].steps()]
    handout = _median_time(lambda: export_handout(project, target), repeat)
    bare = _median_time(lambda: floor(counts, words, folder / f"floor-{steps}.pdf"), repeat)
    return {
        "steps": steps,
        "pages": counts["pages"],
        "boxes": counts["boxes"],
        "labels": counts["labels"],
        "lines": counts["lines"],
        "handout": handout,
        "floor": bare,
        "ratio": handout / bare,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",") if s]
    print(
        f"{'steps':>6} {'pages':>6} {'boxes':>7} {'labels':>7} {'lines':>7} "
        f"{'handout s':>10} {'floor s':>8} {'ratio':>6}"
    )
    with tempfile.TemporaryDirectory(prefix="motdesk-bench-export-") as tmp:
        for steps in sizes:
            r = measure(steps, args.repeat, Path(tmp))
            print(
                f"{r['steps']:>6} {r['pages']:>6} {r['boxes']:>7} {r['labels']:>7} {r['lines']:>7} "
                f"{r['handout']:>10.2f} {r['floor']:>8.2f} {r['ratio']:>6.2f}",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
