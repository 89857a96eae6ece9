"""Measures a proposed change that this worktree cannot make: a custom `action_session_start`
that carries each slot's current value over once.

Rasa 3.6's default action_session_start copies *every* SlotSet event of the previous
session into the new one (carried-over ones included), so what a new session starts with
grows with the whole history: after 1,000 turns in 20 sessions, about 1,500 SlotSet events,
loaded, replayed and sent to the action server on every turn of the new session. The fix
belongs in actions/ (the action below) and domain.yml (`- action_session_start` under
`actions`), then `make train`. Until then this script measures it without retraining:

1. bench/out/session-start/session_actions: the project's actions plus the action below;
2. bench/out/session-start/model.tar.gz: models/aid-assistant.tar.gz whose stored domain
   lists action_session_start (metadata.json and the domain provider's domain.yml; nothing
   trained is touched);
3. the assistant on them (tests/support/assistant.py), against the stock bot in the same run
   (phases long and history) -> bench/RESULTS-rasa-session-start.md.

    python bench/session_start_experiment.py [--rounds 3]
"""
from __future__ import annotations

import io
import json
import sys
import tarfile
import tempfile
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench import rasa_bench  # noqa: E402
from tests.support.assistant import MODEL, start_assistant  # noqa: E402

OUT = REPO / "bench" / "out" / "session-start"
RESULTS = REPO / "bench" / "RESULTS-rasa-session-start.md"

# The proposed action, for actions/actions.py (SLOTS is the tuple already defined there).
PROPOSED_ACTION = '''
from typing import Any, Dict, List, Text

from rasa_sdk import Action, Tracker
from rasa_sdk.events import ActionExecuted, SessionStarted, SlotSet
from rasa_sdk.executor import CollectingDispatcher

from actions.actions import *  # noqa: F401,F403  (the project's actions, registered as usual)
from actions.actions import SLOTS


class ActionSessionStart(Action):
    """A new session starts with each slot's current value, once (Rasa's default copies
    every SlotSet of the previous session, so the copy grows with the whole history)."""

    def name(self) -> Text:
        return "action_session_start"

    async def run(self, dispatcher: CollectingDispatcher, tracker: Tracker,
                  domain: Dict[Text, Any]) -> List[Dict[Text, Any]]:
        carried = [SlotSet(name, tracker.get_slot(name)) for name in SLOTS
                   if tracker.get_slot(name) is not None]
        return [SessionStarted(), *carried, ActionExecuted("action_listen")]
'''


def action_package() -> Path:
    package = OUT / "session_actions"
    package.mkdir(parents=True, exist_ok=True)
    (package / "__init__.py").write_text(PROPOSED_ACTION.lstrip(), encoding="utf-8")
    return OUT


def patched_model() -> Path:
    source = MODEL / "aid-assistant.tar.gz"
    target = OUT / "model.tar.gz"
    OUT.mkdir(parents=True, exist_ok=True)
    with tarfile.open(source) as tin, tarfile.open(target, "w:gz") as tout:
        for member in tin.getmembers():
            data = tin.extractfile(member).read() if member.isfile() else None
            name = member.name.lstrip("/")
            if name == "metadata.json":
                meta = json.loads(data)
                meta["domain"]["actions"].append("action_session_start")
                data = json.dumps(meta).encode()
            elif name == "components/domain_provider/domain.yml":
                domain = yaml.safe_load(data)
                domain["actions"].append("action_session_start")
                data = yaml.safe_dump(domain, allow_unicode=True).encode()
            if data is None:
                tout.addfile(member)
            else:
                member.size = len(data)
                tout.addfile(member, io.BytesIO(data))
    return target


def main(argv: list[str]) -> int:
    pythonpath = action_package()
    model = patched_model()
    with tempfile.TemporaryDirectory(prefix="aid-session-start-") as workdir:
        assistant = start_assistant(Path(workdir), enable_api=True, model=model,
                                    actions_package="session_actions", pythonpath=(pythonpath,))
        try:
            return rasa_bench.main(["compare", "--target-url", assistant.rasa_url, "--phases", "long,history",
                                    "--results", str(RESULTS), "--note",
                                    "experiment: the proposed action_session_start (model domain patched, "
                                    "not retrained) vs stock rasa init bot, same run", *argv])
        finally:
            assistant.stop()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
