"""The blind-set scorer's own rules, on a real seeded database."""
import pytest

from db.api import AidDatabase
from evaluation.scoring import Scorer
from tests.support.seeded import seeded_sqlite


@pytest.fixture(scope="module")
def scorer(tmp_path_factory):
    return Scorer(AidDatabase(seeded_sqlite(tmp_path_factory.mktemp("scoring-db"))))


NO_DATA = {"kind": "no_data", "asked": {"place": "Bac Hai"}}


def test_a_place_named_with_its_accents_is_named(scorer):
    reply = "Tôi không tìm thấy địa phương nào tên “Bắc Hải”."
    assert scorer.score(NO_DATA, reply, "vi").ok


def test_an_answer_that_names_another_place_does_not_name_the_one_asked(scorer):
    reply = "Tôi không tìm thấy địa phương nào tên “Bắc Ninh”."
    assert "does not name the place or period asked" in scorer.score(NO_DATA, reply, "vi").problems
