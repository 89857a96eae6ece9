"""NLU quality on held-out data, per language, against a floor (issue: ≥ 95 % intent accuracy)."""
import asyncio
import re
from pathlib import Path

import pytest
from rasa.shared.nlu.training_data.loading import load_data

from scripts import nlu_eval

REPO = Path(__file__).resolve().parents[2]
LANGUAGES = ["en", "vi", "ur", "hi", "ms"]
INTENT_ACCURACY_FLOOR = 0.95
MIN_TEST_EXAMPLES_PER_INTENT = 10


def _normalise(text: str) -> str:
    return re.sub(r"\s+", " ", text.casefold()).strip(" ?!.,؟।")


@pytest.fixture(scope="module")
def results(tmp_path_factory):
    model = nlu_eval.latest_model(REPO / "models")
    results = asyncio.run(nlu_eval.evaluate(model))
    nlu_eval.write_report(results, REPO / "reports", model)
    return results


@pytest.mark.parametrize("lang", LANGUAGES)
def test_intent_accuracy_meets_floor(results, lang):
    assert results[lang]["intent_accuracy"] >= INTENT_ACCURACY_FLOOR, results[lang]["confusions"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_entities_are_recognised(results, lang):
    # Reported in reports/nlu.md; a floor well below current scores catches a broken pipeline.
    assert results[lang]["entity_f1"] >= 0.75


@pytest.mark.parametrize("lang", LANGUAGES)
def test_held_out_data_is_not_in_training(lang):
    training = {_normalise(e.get("text"))
                for path in (REPO / "data" / "nlu").glob("*.yml")
                for e in load_data(str(path)).intent_examples}
    held_out = load_data(str(REPO / "tests" / "nlu" / f"{lang}.yml"))
    leaked = [e.get("text") for e in held_out.intent_examples if _normalise(e.get("text")) in training]
    assert not leaked
    per_intent = held_out.number_of_examples_per_intent
    assert min(per_intent.values()) >= MIN_TEST_EXAMPLES_PER_INTENT, per_intent
