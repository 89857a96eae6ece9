import pytest

from i18n import detect


@pytest.mark.parametrize(
    "text, expected",
    [
        ("how much NGO funding did Quang Nam get since 2019?", "en"),
        ("Sơn La có bao nhiêu tổ chức phi chính phủ?", "vi"),
        ("son la co bao nhieu to chuc phi chinh phu", "vi"),
        ("کوانگ نام کو کتنی امداد ملی؟", "ur"),
        ("सोन ला में कितने एनजीओ हैं?", "hi"),
        ("Berapa banyak NGO di Son La?", "ms"),
        ("berapa bantuan yang diterima Quang Nam", "ms"),
        ("what about 2022?", "en"),
        ("và Cần Thơ?", "vi"),
    ],
)
def test_detects_the_language_of_typical_questions(text, expected):
    detection = detect.detect_language(text)
    assert detection is not None
    assert detection.code == expected
    assert 0 < detection.confidence <= 1


@pytest.mark.parametrize("text", ["ok", "2023", "👍", "", "   ", "?!", "https://example.org/aid 2023 👍"])
def test_short_or_letterless_messages_are_left_undecided(text):
    assert detect.detect_language(text) is None


def test_a_single_script_language_needs_no_model():
    detection = detect.detect_language("امداد")
    assert detection == detect.Detection("ur", 1.0)
    assert detect.detect_language("एनजीओ") == detect.Detection("hi", 1.0)


def test_latin_place_names_inside_an_urdu_question_do_not_hide_the_urdu():
    assert detect.detect_language("Quang Nam کو کتنی امداد ملی؟").code == "ur"


def test_urls_mentions_and_emoji_are_ignored():
    assert detect.detect_language("👍 https://www.example.org/what-about-this @aidbot 2024") is None
    detection = detect.detect_language("https://example.org 👍 berapa bantuan yang diterima Quang Nam")
    assert detection.code == "ms"


def test_candidates_restrict_the_choice():
    detection = detect.detect_language("Berapa banyak NGO di Son La?", candidates=["en", "vi"])
    assert detection is None or detection.code in ("en", "vi")
    # a script shared by no candidate gives no shortcut
    assert detect.detect_language("کوانگ نام کو کتنی امداد ملی؟", candidates=["en", "ur"]).code == "ur"


def test_unclear_latin_text_is_not_guessed():
    # A bare place name is Vietnamese-looking but says nothing about the asker's language.
    assert detect.detect_language("Quang Nam?") is None


def test_detector_is_built_once_with_only_registry_languages():
    first = detect._lingua()
    assert detect._lingua() is first
    assert sorted(first.by_lingua.values()) == ["en", "hi", "ms", "ur", "vi"]
    # repeated calls on the shared detector give identical answers
    results = {detect.detect_language("Sơn La có bao nhiêu tổ chức phi chính phủ?") for _ in range(20)}
    assert len(results) == 1
