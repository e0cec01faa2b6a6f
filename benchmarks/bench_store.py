"""How fast project files save and open, beside raw-SQLite floors measured in the same run.

For each size (1,000, 5,000 and 20,000 steps, about 1.2 transitions per step) it
times, each beside its floor:

- full save: `motdesk.store.save_new` (rows from records, temporary file,
  check, rename) against raw ``sqlite3`` inserting the same rows, prepared in
  advance, into the same tables in one unjournaled transaction, then fsync;
- open: `ProjectFile.open` (lock, header and schema checks, quick check, every
  row checked against the document's rules, records and graph built) against raw
  ``sqlite3`` selecting every row of every table in one transaction (for both,
  freeing the previous run's result is left out of the timing);
- save one edit: `ProjectFile.save` after changing one step's label against raw
  ``sqlite3`` updating that one row in one journaled transaction.

Aims: open and full save within 3 times their floor; saving one edit costs about
the same at 20,000 steps as at 1,000 (at most 1.5 times). Each figure and its
floor are run in turn; the table shows their medians and the median ratio.
Run: ``python -m benchmarks.bench_store [--repeat N] [--dir FOLDER]``.
"""

from __future__ import annotations

import argparse
import gc
import os
import shutil
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.generate import generate_project
from motdesk.graph.document import Document
from motdesk.graph.model import Project
from motdesk.store import ProjectFile, save_new
from motdesk.store import rows as store_rows
from motdesk.store.schema import DDL, TABLES

SIZES = (1_000, 5_000, 20_000)


def timed(action: Callable[[], object], before: Callable[[], object]) -> float:
    before()
    gc.collect()  # the garbage of earlier runs is nobody's cost
    started = time.perf_counter()
    action()
    return time.perf_counter() - started


def paired(
    ours: Callable[[], object],
    floor: Callable[[], object],
    repeat: int,
    before: Callable[[], object] = lambda: None,
    before_floor: Callable[[], object] = lambda: None,
) -> tuple[float, float, float]:
    """Median time of ours, of the floor, and median ratio of runs taken in turn.

    Alternating the two keeps a busy machine's noise out of the ratio.
    """
    pairs = [(timed(ours, before), timed(floor, before_floor)) for _ in range(repeat)]
    return (
        statistics.median(p[0] for p in pairs),
        statistics.median(p[1] for p in pairs),
        statistics.median(p[0] / p[1] for p in pairs),
    )


def table_rows(project: Project) -> dict[str, list[tuple]]:
    out: dict[str, list[tuple]] = {t: [] for t in TABLES}
    out["project"].append(store_rows.project_row(project))
    out["personas"] = [store_rows.persona_row(p) for p in project.personas]
    out["journeys"] = [store_rows.journey_row(j) for j in project.journeys]
    for j in project.journeys:
        out["stages"] += [store_rows.stage_row(j.id, s) for s in j.stages]
        out["lanes"] += [store_rows.lane_row(j.id, lane) for lane in j.lanes]
        out["steps"] += [store_rows.step_row(j.id, s) for s in j.steps()]
        out["transitions"] += [store_rows.transition_row(j.id, t) for t in j.transitions()]
    return out


def floor_write(rows: dict[str, list[tuple]], path: Path) -> None:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("PRAGMA journal_mode = OFF")
    conn.execute("PRAGMA synchronous = OFF")
    conn.execute("BEGIN")
    for statement in DDL:
        conn.execute(statement)
    for table, values in rows.items():
        columns = store_rows.COLUMNS[table]
        marks = ", ".join("?" * len(columns))
        conn.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})", values)
    conn.execute("COMMIT")
    conn.close()
    with open(path, "rb+") as handle:
        os.fsync(handle.fileno())


def floor_read(path: Path) -> list[list[tuple]]:
    conn = sqlite3.connect(path, isolation_level=None)
    conn.execute("BEGIN")
    rows = [conn.execute(f"SELECT * FROM {table}").fetchall() for table in TABLES]
    conn.execute("COMMIT")
    conn.close()
    return rows


class Kept:
    """Holds what a timed run returns, so that freeing it is not timed (for the floor neither)."""

    def __init__(self) -> None:
        self.item: object = None

    def keep(self, item: object) -> None:
        self.item = item

    def drop(self) -> None:
        self.item = None


def measure(size: int, folder: Path, repeat: int) -> dict[str, float]:
    project = generate_project(size, seed=size)
    rows = table_rows(project)
    path = folder / f"p{size}.motdesk"
    floor_path = folder / f"floor{size}.motdesk"

    def fresh_floor() -> None:
        floor_path.unlink(missing_ok=True)

    figures: dict[str, float] = {}
    figures["save"], figures["save_floor"], figures["save_ratio"] = paired(
        lambda: save_new(project, path),
        lambda: floor_write(rows, floor_path),
        repeat,
        before_floor=fresh_floor,
    )
    kept = Kept()

    def drop() -> None:
        if isinstance(kept.item, ProjectFile):
            kept.item.close()
        kept.drop()

    figures["open"], figures["open_floor"], figures["open_ratio"] = paired(
        lambda: kept.keep(ProjectFile.open(path)),
        lambda: kept.keep(floor_read(path)),
        repeat,
        drop,
        drop,
    )
    drop()
    pf = ProjectFile.open(path)
    doc = Document(pf.project)
    pf.attach(doc, keep_recovery=False)
    journey = doc.project.journeys[0]
    step_id = list(journey.graph.nodes)[size // 2]
    edits = iter(range(10**6))
    conn = sqlite3.connect(path, isolation_level=None)

    def update_one() -> None:
        conn.execute("BEGIN IMMEDIATE")
        conn.execute("UPDATE steps SET label = ? WHERE id = ?", (f"Raw {next(edits)}", step_id))
        conn.execute("COMMIT")

    figures["edit"], figures["edit_floor"], figures["edit_ratio"] = paired(
        pf.save,
        update_one,
        repeat * 20,
        lambda: doc.update_step(journey.id, step_id, label=f"Edited {next(edits)}"),
    )
    conn.close()
    pf.close()
    return figures


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.1f} ms"


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="runs per figure (median)")
    parser.add_argument("--dir", type=Path, help="where to write the files (default: a temp dir)")
    args = parser.parse_args(argv)
    folder = Path(tempfile.mkdtemp(prefix="motdesk-bench-", dir=args.dir))
    results: dict[int, dict[str, float]] = {}
    try:
        print(
            "| steps | full save | floor | ratio | open | floor | ratio "
            "| save 1 edit | floor | ratio |"
        )
        print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
        for size in SIZES:
            f = results[size] = measure(size, folder, args.repeat)
            print(
                f"| {size:,} | {ms(f['save'])} | {ms(f['save_floor'])} | "
                f"{f['save_ratio']:.1f}x | {ms(f['open'])} | {ms(f['open_floor'])} | "
                f"{f['open_ratio']:.1f}x | {ms(f['edit'])} | {ms(f['edit_floor'])} | "
                f"{f['edit_ratio']:.1f}x |",
                flush=True,
            )
        small, large = results[SIZES[0]], results[SIZES[-1]]
        print(
            f"\nsaving one edit at {SIZES[-1]:,} steps costs {large['edit'] / small['edit']:.2f}x "
            f"what it costs at {SIZES[0]:,} ({large['edit_ratio'] / small['edit_ratio']:.2f}x "
            "measured against the floor of each run; aim: at most 1.5x); "
            "aim for open and full save: at most 3x the floor"
        )
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
