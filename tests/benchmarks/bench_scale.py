"""Content at scale: load, validate and coverage for 10, 100 and 1,000 trees.

Generated content (``scale_content.py``) is written out as real files (a
council.yaml, Markdown documents with their source texts, YAML trees) and
read back the way ``smguide check`` reads it, at three sizes, each ten times
the last: 10 trees (200 nodes) and 500 clauses, 100 trees and 5,000
clauses, 1,000 trees (about 20,000 nodes) and 50,000 clauses. For each size:
the median time of loading, validating (every reference, every route, every
clause held against its source) and coverage, the peak memory Python
allocated doing it (tracemalloc, in a run of its own), and the growth from
the size before. Then the app itself: the peak resident memory of
``smguide --self-test`` over the largest content, and of the shipped
content against the bare PySide6 window of ``bench_startup.py``.

Targets: 20,000 nodes validate in under 2 s; ten times the content costs at
most 12 times the time; the app with the largest content peaks under 300 MB;
``--self-test`` peaks at most 1.5 times the bare window.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import subprocess
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from scale_content import make_content, write_root  # noqa: E402

from smguide.core.coverage import coverage  # noqa: E402
from smguide.core.loading import load_library  # noqa: E402
from smguide.core.problems import errors  # noqa: E402
from smguide.core.validation import validate  # noqa: E402

#: (trees, clauses): each ten times the one before.
SIZES = ((10, 500), (100, 5_000), (1_000, 50_000))
#: About 11 questions and 9 outcomes a tree: 1,000 trees hold 20,000 nodes.
QUESTIONS, OUTCOMES = (9, 13), (7, 11)
VALIDATE_TARGET_S = 2.0
GROWTH_TARGET = 12.0
APP_MEMORY_TARGET_MB = 300
APP_RATIO_TARGET = 1.5


def _measure(root: Path) -> dict[str, float]:
    started = time.perf_counter()
    library = load_library(root)
    loaded = time.perf_counter()
    problems = errors(validate(library))
    validated = time.perf_counter()
    for content in library.councils.values():
        coverage(content)
    covered = time.perf_counter()
    if problems:
        raise SystemExit(f"generated content has problems: {problems[:3]}")
    content = library.council()
    return {
        "load": loaded - started,
        "validate": validated - loaded,
        "coverage": covered - validated,
        "total": covered - started,
        "nodes": sum(len(t.questions) + len(t.outcomes) for t in content.trees.values()),
        "clauses": sum(len(d.clauses) for d in content.documents.values()),
    }


def _peak_mb(root: Path) -> float:
    tracemalloc.start()
    try:
        library = load_library(root)
        validate(library)
        for content in library.councils.values():
            coverage(content)
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def _peak_rss_mb(command: list[str], env: dict[str, str]) -> float:
    """Peak resident memory of a whole child process (Linux reports kB)."""
    code = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], check=True, capture_output=True)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, *command],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    kilobytes = int(done.stdout.split()[-1])
    return kilobytes / 1024 if sys.platform != "darwin" else kilobytes / 2**20


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sizes", type=int, default=len(SIZES), help="how many of the sizes")
    parser.add_argument("--no-app", action="store_true", help="skip the app's memory")
    args = parser.parse_args()
    sizes = SIZES[: args.sizes]
    rows = []
    with tempfile.TemporaryDirectory() as scratch:
        roots = []
        for trees, clauses in sizes:
            content = make_content(clauses, trees, questions=QUESTIONS, outcomes=OUTCOMES)
            roots.append(write_root(content, Path(scratch) / f"root-{trees}"))
        for root in roots:
            runs = [_measure(root) for _ in range(args.runs)]
            row = {key: statistics.median(run[key] for run in runs) for key in runs[0]}
            row["peak"] = _peak_mb(root)
            rows.append(row)
        print("trees  nodes   clauses  load s  validate s  coverage s  total s  growth  peak MB")
        previous = None
        for (trees, _), row in zip(sizes, rows, strict=True):
            growth = f"{row['total'] / previous:6.1f}x" if previous else "     - "
            print(
                f"{trees:5d}  {row['nodes']:6.0f}  {row['clauses']:7.0f}  {row['load']:6.2f}  "
                f"{row['validate']:10.2f}  {row['coverage']:10.3f}  {row['total']:7.2f}  "
                f"{growth}  {row['peak']:7.0f}"
            )
            previous = row["total"]
        largest = rows[-1]
        print(
            f"validate {largest['nodes']:.0f} nodes: {largest['validate']:.2f} s "
            f"(target under {VALIDATE_TARGET_S} s)"
        )
        worst = max(
            (later["total"] / earlier["total"] for earlier, later in itertools.pairwise(rows)),
            default=0.0,
        )
        print(f"worst growth for 10x content: {worst:.1f}x (target at most {GROWTH_TARGET}x)")
        if args.no_app:
            return 0
        env = {
            **os.environ,
            "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
            "XDG_CACHE_HOME": str(Path(scratch) / "cache"),
        }
        app = [sys.executable, "-m", "smguide", "--self-test"]
        big = _peak_rss_mb([*app, "--content", str(roots[-1])], env)
        print(
            f"app with the largest content: peak {big:.0f} MB "
            f"(target under {APP_MEMORY_TARGET_MB} MB)"
        )
        bare = statistics.median(
            _peak_rss_mb([sys.executable, str(HERE / "bare_window.py")], env) for _ in range(3)
        )
        shipped = statistics.median(_peak_rss_mb(app, env) for _ in range(3))
        print(
            f"--self-test peak {shipped:.0f} MB, bare window {bare:.0f} MB: "
            f"ratio {shipped / bare:.2f} (target at most {APP_RATIO_TARGET})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
