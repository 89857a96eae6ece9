"""Conversations in five languages through the REST channel of a running Rasa + action server.

The expected substrings are the figures as the seed documents state them,
formatted for each language, and the place names in that language.
"""
import re
import uuid
from pathlib import Path

import pytest
import yaml

from i18n import detect

CONVERSATIONS = Path(__file__).parent / "conversations"
LANGUAGES = ["en", "vi", "ur", "hi", "ms"]


def _load(lang):
    return yaml.safe_load((CONVERSATIONS / f"{lang}.yml").read_text(encoding="utf-8"))


def _cases():
    for lang in LANGUAGES:
        for conversation in _load(lang)["conversations"]:
            yield pytest.param(lang, conversation, id=f"{lang}-{conversation['name']}")


def _reply_language(reply: str):
    """Language of the reply's own sentences: source lines (URLs, publishers) and
    quotes from the documents are in the documents' languages, not the reply's."""
    own = [line for line in reply.splitlines()
           if "http" not in line and not re.match(r"^\[\d+\]", line)]
    text = re.sub(r"“[^”]*”", " ", "\n".join(own))
    detected = detect.detect_language(text)
    return detected.code if detected else None


@pytest.mark.parametrize("lang,conversation", list(_cases()))
def test_conversation(assistant, lang, conversation):
    sender = f"e2e-{lang}-{uuid.uuid4().hex[:8]}"
    reply_language = lang
    for turn in conversation["turns"]:
        # After "answer in Vietnamese" every reply is in the chosen language.
        reply_language = turn.get("reply_language", reply_language)
        reply = assistant.text(sender, turn["say"], turn.get("metadata"))
        for expected in turn.get("expect", []):
            assert expected in reply, f"{turn['say']!r}: expected {expected!r} in:\n{reply}"
        # URLs and source titles hold digits of their own
        without_links = "\n".join(line for line in re.sub(r"https?://\S+", "", reply).splitlines()
                                  if not re.match(r"^\s*\[\d+\]", line))
        for absent in turn.get("absent", []):
            assert absent not in without_links, f"{turn['say']!r}: {absent!r} must not be in:\n{reply}"
        assert _reply_language(reply) == reply_language, \
            f"{turn['say']!r}: reply not in {reply_language}:\n{reply}"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_at_least_twenty_questions_per_language(lang):
    turns = [t for c in _load(lang)["conversations"] for t in c["turns"]]
    assert len(turns) >= 20
    assert sum(1 for t in turns if t.get("absent")) >= 2      # no-data cases
