"""Scores blind conversation sets end to end through the REST channel.

    python -m evaluation SET_DIR [SET_DIR ...] [--url http://127.0.0.1:5005] [--out reports]

Without --url it starts the real assistant (seeded SQLite, action server, Rasa)
on free loopback ports. Writes reports/eval-<set>.md and .json per set.
"""
from __future__ import annotations

import argparse
import json
import sys
import tempfile
import uuid
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

from evaluation.report import summarise, write_report
from evaluation.sets import load_set

REPO = Path(__file__).resolve().parents[1]


def ask(url: str, sender: str, text: str, metadata) -> str:
    body = {"sender": sender, "message": text}
    if metadata:
        body["metadata"] = metadata
    response = httpx.post(f"{url}/webhooks/rest/webhook", json=body, timeout=60)
    response.raise_for_status()
    return "\n".join(m.get("text") or "" for m in response.json())


def run_conversation(url: str, scorer, conversation: dict, lang: str) -> list:
    sender = f"eval-{conversation['id']}-{uuid.uuid4().hex[:8]}"
    results = []
    for turn in conversation["turns"]:
        reply = ask(url, sender, turn["say"], conversation.get("metadata"))
        verdict = scorer.score(turn, reply, lang)
        results.append({"conversation": conversation["id"], "lang": lang, "say": turn["say"],
                        "kind": turn.get("kind", "question"), "follow_up": _is_follow_up(turn),
                        "script": turn.get("script"), "expect": turn.get("expect") or [],
                        "asked": turn.get("asked"), "ok": verdict.ok, "problems": verdict.problems,
                        "reply_language": verdict.language, "reply": reply})
    return results


def _is_follow_up(turn: dict) -> bool:
    return turn.get("kind") == "follow_up" or bool(turn.get("follow_up"))


def score_set(url: str, scorer, set_dir: Path, workers: int = 4) -> list:
    jobs = [(conversation, lang) for lang, conversations in load_set(set_dir).items()
            for conversation in conversations]
    with ThreadPoolExecutor(workers) as pool:
        batches = pool.map(lambda job: run_conversation(url, scorer, *job), jobs)
        return [result for batch in batches for result in batch]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("sets", nargs="+", type=Path)
    parser.add_argument("--url", help="a running assistant's Rasa URL (default: start one)")
    parser.add_argument("--out", type=Path, default=REPO / "reports")
    args = parser.parse_args(argv)

    from db.api import AidDatabase
    from evaluation.scoring import Scorer

    running = None
    with tempfile.TemporaryDirectory() as workdir:
        url = args.url
        if url is None:
            from tests.support.assistant import start_assistant
            running = start_assistant(Path(workdir))
            url, database_url = running.rasa_url, running.database_url
        else:
            from db.config import database_url as configured
            database_url = configured()
        try:
            scorer = Scorer(AidDatabase(database_url))
            for set_dir in args.sets:
                results = score_set(url, scorer, set_dir)
                summary = summarise(results)
                write_report(args.out, set_dir.name, summary, results)
                print(f"{set_dir.name}: {summary['all']['right']}/{summary['all']['turns']} turns right "
                      f"({summary['all']['rate']:.1%})")
                for lang, row in summary["languages"].items():
                    print(f"  {lang}: {row['rate']:.1%} ({row['right']}/{row['turns']})")
        finally:
            if running is not None:
                running.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
