"""LanguageNameExtractor: which messages ask for replies in a language."""
import pytest

from tests.support.understanding import parse


def requested(text):
    return [e["value"] for e in parse(text)["entities"] if e["entity"] == "language" and e["request"]]


@pytest.mark.parametrize("text,code", [
    ("please answer in Urdu", "ur"),
    ("boleh jawab in English? brp bantuan", "en"),
    ("english me batana pls", "en"),
    ("trả lời bằng tiếng Việt nhé", "vi"),
    ("हिंदी में जवाब दो", "hi"),
    ("Bahasa Melayu", "ms"),
])
def test_requests_for_a_language(text, code):
    assert requested(text) == [code]


@pytest.mark.parametrize("text", [
    "how much more aid did Vietnam get in 2023",        # "Vietnam" is Malay for Vietnamese, and a place
    "how much is that in vietnamese dong",
    "how many overseas Vietnamese visitors came",
    "are there Vietnamese NGOs working in Son La",
])
def test_names_that_ask_for_nothing(text):
    assert requested(text) == []
