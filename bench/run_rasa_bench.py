"""`make bench-rasa`: starts our assistant (seeded SQLite, action server, Rasa) on
loopback, then measures it against the stock `rasa init` bot in the same run
(bench.rasa_bench compare) and writes bench/RESULTS-rasa.md.

    python bench/run_rasa_bench.py [--rounds 3] [--train-seconds S] [extra compare args]
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench import rasa_bench  # noqa: E402
from tests.support.assistant import start_assistant  # noqa: E402


def main(argv: list[str]) -> int:
    with tempfile.TemporaryDirectory(prefix="aid-bench-") as workdir:
        assistant = start_assistant(Path(workdir), enable_api=True)
        try:
            return rasa_bench.main(["compare", "--target-url", assistant.rasa_url, *argv])
        finally:
            assistant.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
