"""Each benchmark script still runs (with tiny counts); the numbers are not judged here."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).parent / "benchmarks"


@pytest.mark.parametrize(
    ("script", "args", "expect"),
    [
        ("bench_load.py", ["--runs", "2"], "load + validate:"),
        ("bench_steps.py", ["--rounds", "1"], "click to painted:"),
        ("bench_startup.py", ["--runs", "1"], "ratio:"),
        ("bench_scale.py", ["--runs", "1", "--sizes", "2", "--no-app"], "worst growth"),
        (
            "bench_search.py",
            ["--runs", "2", "--rounds", "1", "--scale-runs", "1", "--max-clauses", "5000"],
            "query median:",
        ),
    ],
)
def test_benchmark_script_runs(script: str, args: list[str], expect: str, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(tmp_path),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
    }
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), *args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert expect in result.stdout
