import pytest

from i18n import languages


def test_registry_lists_languages_in_file_order():
    assert languages.supported() == ["en", "vi", "ur", "hi", "ms"]
    assert languages.default() == "en"


def test_language_entries_carry_what_code_needs():
    urdu = languages.get("ur")
    assert urdu.babel_locale == "ur_PK"
    assert urdu.native_name == "اردو"
    assert urdu.english_name == "Urdu"
    assert urdu.scripts == ("Arabic",)
    assert "ur" in urdu.telegram_codes
    assert languages.get("hi").babel_locale == "hi_IN"
    assert languages.get("ms").babel_locale == "ms_MY"


def test_only_urdu_is_right_to_left():
    assert languages.get("ur").direction == "rtl"
    assert languages.get("ur").is_rtl
    assert [code for code in languages.supported() if languages.get(code).is_rtl] == ["ur"]


def test_unknown_code_is_a_key_error():
    with pytest.raises(KeyError):
        languages.get("fr")


@pytest.mark.parametrize(
    "tag, expected",
    [("en-US", "en"), ("vi_VN", "vi"), ("ms-MY", "ms"), ("HI", "hi"), ("ur", "ur"),
     ("fr", None), ("", None), (None, None), ("zh-hans", None)],
)
def test_normalize_maps_tags_to_registry_codes(tag, expected):
    assert languages.normalize(tag) == expected


def test_registry_rejects_a_bad_default(tmp_path):
    bad = tmp_path / "languages.yml"
    bad.write_text(
        "languages:\n  - {code: en, babel_locale: en, native_name: English, english_name: English,"
        " direction: ltr, scripts: [Latin]}\ndefault: xx\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="default language"):
        languages.load_registry(bad)
