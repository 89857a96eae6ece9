"""A frozen part of the blind development set (evaluation/sets/dev), scored end to end
through the REST channel with the same scorer as `python -m evaluation`: the right
figure in the right language, honest no-data answers. The writers of these
conversations never saw the training data; nothing of them is in data/.

The floors are the acceptance bars of issue 7 (overall, per language, follow-ups,
Hindi/Urdu in Latin letters, no figure for a no-data question)."""
from pathlib import Path

import pytest

from db.api import AidDatabase
from evaluation.__main__ import run_conversation
from evaluation.report import summarise
from evaluation.scoring import Scorer
from evaluation.sets import load_set

FROZEN = Path(__file__).parent / "blind"
OVERALL_FLOOR = 0.95
LANGUAGE_FLOOR = 0.90


@pytest.fixture(scope="module")
def scored(assistant):
    scorer = Scorer(AidDatabase(assistant.database_url))
    results = [result for lang, conversations in load_set(FROZEN).items() for conversation in conversations
               for result in run_conversation(assistant.rasa_url, scorer, conversation, lang)]
    return results, summarise(results)


def _failures(results, keep=lambda r: True):
    return "\n".join(f"{r['conversation']}: {r['say']!r}: {'; '.join(r['problems'])}"
                     for r in results if not r["ok"] and keep(r))


def test_the_frozen_set_covers_every_language_and_kind():
    conversations = load_set(FROZEN)
    assert set(conversations) == {"en", "vi", "ur", "hi", "ms"}
    turns = [t for cs in conversations.values() for c in cs for t in c["turns"]]
    assert len(turns) >= 250
    assert sum(1 for t in turns if t.get("kind") == "no_data") >= 30
    assert sum(1 for t in turns if t.get("kind") == "follow_up" or t.get("follow_up")) >= len(turns) // 3


def test_overall(scored):
    results, summary = scored
    assert summary["all"]["rate"] >= OVERALL_FLOOR, _failures(results)


@pytest.mark.parametrize("lang", ["en", "vi", "ur", "hi", "ms"])
def test_each_language(scored, lang):
    results, summary = scored
    assert summary["languages"][lang]["rate"] >= LANGUAGE_FLOOR, _failures(results, lambda r: r["lang"] == lang)


def test_follow_ups_and_latin_hindi_urdu(scored):
    results, summary = scored
    assert summary["follow_ups"]["rate"] >= LANGUAGE_FLOOR, _failures(results, lambda r: r["follow_up"])
    assert summary["latin_hi_ur"]["rate"] >= LANGUAGE_FLOOR, \
        _failures(results, lambda r: r.get("script") == "latin")


def test_no_no_data_question_gets_a_figure(scored):
    results, summary = scored
    assert summary["no_data_with_figure"] == 0, _failures(results, lambda r: r["kind"] == "no_data")
