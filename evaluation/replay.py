"""Replays conversations of a set against a running assistant and prints, per turn,
what the NLU understood (from the tracker) and the reply: a tool for reading failures.

    python -m evaluation.replay SET_DIR CONVERSATION_ID [...] --url http://127.0.0.1:5005
"""
from __future__ import annotations

import argparse
import json
import uuid
from pathlib import Path

import httpx

from evaluation.__main__ import ask
from evaluation.sets import load_set


def main(argv=None) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("set_dir", type=Path)
    parser.add_argument("ids", nargs="+")
    parser.add_argument("--url", default="http://127.0.0.1:5005")
    args = parser.parse_args(argv)
    conversations = {c["id"]: c for cs in load_set(args.set_dir).values() for c in cs}
    for cid in args.ids:
        conversation = conversations[cid]
        sender = f"replay-{uuid.uuid4().hex[:8]}"
        print(f"== {cid} {conversation.get('metadata') or ''}")
        for turn in conversation["turns"]:
            reply = ask(args.url, sender, turn["say"], conversation.get("metadata"))
            tracker = httpx.get(f"{args.url}/conversations/{sender}/tracker").json()
            parsed = tracker["latest_message"]
            entities = [(e["entity"], e.get("value"), e.get("status", "")) for e in parsed.get("entities") or []]
            print(f"> {turn['say']}   [{turn.get('kind')} {turn.get('expect') or turn.get('asked') or ''}]")
            print(f"  intent={parsed['intent'].get('name')} {parsed['intent'].get('confidence', 0):.2f} "
                  f"lang={json.dumps(parsed.get('language'))} entities={entities}")
            print("  " + reply.replace("\n", "\n  ")[:700])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
