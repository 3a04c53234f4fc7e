"""Loading and validating all shipped content; and reading it back from a snapshot.

A first start parses and validates every file; later starts read the
validated snapshot the first one left in the user's cache.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

from PySide6.QtWidgets import QApplication

from smguide.core.loading import load_library
from smguide.core.problems import errors
from smguide.core.snapshot import load_checked
from smguide.core.validation import check

sys.path.insert(0, str(Path(__file__).parent))
from bare_window import paint_time

TARGET_MS = 100


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=30)
    args = parser.parse_args()
    app = QApplication(sys.argv[:1])
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        library = load_library()
        problems = errors(check(library))
        times.append(time.perf_counter() - start)
    assert not problems, problems
    snapshot_times = []
    with tempfile.TemporaryDirectory() as cache:
        load_checked(None, Path(cache))
        for _ in range(args.runs):
            start = time.perf_counter()
            checked = load_checked(None, Path(cache))
            for council_id in checked.library.councils:  # all of them, not just one
                checked.library.council(council_id)
            snapshot_times.append(time.perf_counter() - start)
        assert checked.from_snapshot
    baseline = statistics.median(
        paint_time(app, "<h1>Hello</h1><p>A bare window.</p>") for _ in range(args.runs)
    )
    median, worst = statistics.median(times) * 1000, max(times) * 1000
    clauses = sum(len(d.clauses) for c in library.councils.values() for d in c.documents.values())
    trees = sum(len(c.trees) for c in library.councils.values())
    print(f"content:                 {clauses} clauses, {trees} trees, {args.runs} runs")
    print(
        f"load + validate:         median {median:.1f} ms, worst {worst:.1f} ms "
        f"(target under {TARGET_MS} ms)"
    )
    print(
        f"from the snapshot:       median {statistics.median(snapshot_times) * 1000:.1f} ms, "
        f"worst {max(snapshot_times) * 1000:.1f} ms (every council decoded)"
    )
    print(f"bare QTextBrowser paint: median {baseline * 1000:.1f} ms")
    print(f"ratio to bare paint:     {median / (baseline * 1000):.1f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
