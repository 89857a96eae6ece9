"""Talk to the running assistant from a terminal through its REST channel.

    python scripts/chat.py [--url http://127.0.0.1:5005] [--lang vi]
"""
from __future__ import annotations

import argparse
import sys
import uuid

import httpx


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", default="http://127.0.0.1:5005")  # make run listens on loopback
    parser.add_argument("--lang", default=None, help="language_code sent as metadata (as Telegram would)")
    args = parser.parse_args()
    sender = f"terminal-{uuid.uuid4().hex[:8]}"
    metadata = {"language_code": args.lang} if args.lang else {}
    print("Type a question (Ctrl-D to quit).")
    with httpx.Client(timeout=30) as client:
        for line in sys.stdin if not sys.stdin.isatty() else iter(lambda: input("> "), None):
            line = line.strip()
            if not line:
                continue
            try:
                reply = client.post(f"{args.url}/webhooks/rest/webhook",
                                    json={"sender": sender, "message": line, "metadata": metadata})
                reply.raise_for_status()
            except httpx.HTTPError as error:
                print(f"(the assistant is not reachable at {args.url}: {error}; is `make run` running?)")
                continue
            for message in reply.json():
                if message.get("text"):
                    print(message["text"])
                for button in message.get("buttons", []):
                    print(f"  [{button['title']}]")
    return 0


if __name__ == "__main__":
    try:
        sys.exit(main())
    except (EOFError, KeyboardInterrupt):
        print()
