"""LanguageIdentifier: short, unaccented, transliterated and mixed messages."""
import pytest

from nlu.language_id import identify
from tests.support.understanding import parse


@pytest.mark.parametrize("text,code", [
    # scripts
    ("کین تھو نے کتنے معاہدے کیے؟", "ur"),
    ("हनोई को कितनी सहायता मिली", "hi"),
    # Vietnamese letters outside place names, or unaccented words and teencode
    ("viện trợ cho Cần Thơ là bao nhiêu", "vi"),
    ("can tho co bn du an vay ad", "vi"),
    ("con nam 2022 thi sao", "vi"),
    # Malay, full and short forms
    ("berapa jumlah bantuan untuk Can Tho", "ms"),
    ("brp projek kat can tho", "ms"),
    ("dana dia pula?", "ms"),
    # English, with typos and mixed loanwords
    ("how mny delegations went to cluster 2", "en"),
    ("whats the total for can tho", "en"),
    # Hindi or Urdu in Latin letters with a word only one of them uses
    ("Can Tho ko kitni sahayata mili", "hi"),
    ("Can Tho ko kitni imdad mili", "ur"),
])
def test_language_of_short_and_noisy_messages(text, code):
    assert identify(text).code == code


def test_hindustani_words_shared_by_hindi_and_urdu_leave_both_as_candidates():
    result = identify("Can Tho ko kitne paise mile the")
    assert result.code is None
    assert set(result.candidates) == {"hi", "ur"}
    assert result.script == "LATIN"


def test_a_word_only_urdu_uses_decides_but_hindi_stays_a_candidate():
    result = identify("Can Tho ke mansube kitne hain")
    assert result.code == "ur" and "hi" in result.candidates


@pytest.mark.parametrize("text", ["2022?", "ok", "Son La?", "👍", "Sơn La", "QN?"])
def test_messages_without_language_evidence_say_nothing(text):
    """Place names and periods are not evidence: the dialogue uses the previous reply's language."""
    assert parse(text)["language"]["code"] is None


def test_place_names_are_not_evidence():
    """Vietnamese place names typed with accents inside an English question."""
    parsed = parse("how many NGOs are in Sơn La and Cần Thơ", "ask_count")
    assert parsed["language"]["code"] == "en"


def test_english_loanwords_do_not_outvote_the_sentence():
    assert identify("NGO funding o Quang Nam la bao nhieu").code == "vi"
    assert identify("brp funding NGO kat Son La").code == "ms"
