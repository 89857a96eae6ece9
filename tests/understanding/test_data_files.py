"""The data files the NLU components read are refused when inconsistent."""
import pytest

from nlu.language_id import MARKERS_FILE, markers
from nlu.text import SHORTHAND_FILE, shorthand, words


def test_a_short_form_with_two_meanings_is_refused(tmp_path):
    bad = tmp_path / "shorthand.yml"
    bad.write_text("vi:\n  ko: không\nhi:\n  ko: को\n", encoding="utf-8")
    with pytest.raises(ValueError, match="ko"):
        shorthand.__wrapped__(bad)


def test_the_project_shorthand_loads_and_expands():
    forms = shorthand()
    assert forms["bn"] == ("bao", "nhieu") and forms["brp"] == ("berapa",)
    assert "ko" not in forms and "tu" not in forms      # they mean different things per language


def test_markers_only_for_registry_languages(tmp_path):
    bad = tmp_path / "markers.yml"
    bad.write_text("xx:\n  words: [foo]\n", encoding="utf-8")
    with pytest.raises(ValueError, match="xx"):
        markers.__wrapped__(bad)


def test_words_keep_their_typed_offsets():
    text = "Sơn La có bn dự án?"
    found = [(w.folded, text[w.start:w.end]) for w in words(text)]
    assert found[0] == ("son", "Sơn") and ("bn", "bn") in found
    assert MARKERS_FILE.exists() and SHORTHAND_FILE.exists()
