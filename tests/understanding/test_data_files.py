"""The data files the NLU components read are refused when inconsistent."""
import pytest

from nlu.language_id import MARKERS_FILE, markers
from nlu.text import SHORTHAND_FILE, acronyms, shorthand, words


@pytest.mark.parametrize("loader, content, reason", [
    (shorthand, "vi:\n  ko: không\nhi:\n  ko: को\n", "ko"),     # a short form with two meanings
    (acronyms, "vi:\n  da: dự án\n", "capitals"),               # a capitals-only form typed in lower case
    (markers, "xx:\n  words: [foo]\n", "xx"),                   # markers only for registry languages
])
def test_an_inconsistent_word_file_is_refused(tmp_path, loader, content, reason):
    bad = tmp_path / "words.yml"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ValueError, match=reason):
        loader.__wrapped__(bad)


def test_the_project_short_forms_load_and_expand():
    forms = shorthand()
    assert forms["bn"] == ("bao", "nhieu") and forms["brp"] == ("berapa",)
    assert "ko" not in forms and "tu" not in forms      # they mean different things per language
    assert acronyms()["DA"] == ("du", "an")


def test_words_keep_their_typed_offsets():
    text = "Sơn La có bn dự án?"
    found = [(w.folded, text[w.start:w.end]) for w in words(text)]
    assert found[0] == ("son", "Sơn") and ("bn", "bn") in found
    assert MARKERS_FILE.exists() and SHORTHAND_FILE.exists()


def test_every_word_list_speaks_every_language():
    """Adding a language is data: a list that forgot one is found here, not by its users.
    Lists by language name only registry languages (or "any"); the lists every question
    needs have every language (the kind words of place names have no "any")."""
    import yaml
    from db.places import AFFIXES_FILE
    from i18n import languages
    from nlu.text import LOCALE_DIR

    supported = set(languages.supported())

    def load(path):
        return yaml.safe_load(path.read_text(encoding="utf-8")) or {}

    question_words, metric_words, affixes = (load(LOCALE_DIR / "question_words.yml"),
                                             load(LOCALE_DIR / "metric_words.yml"), load(AFFIXES_FILE))
    per_language = {**{f"question_words:{k}": v for k, v in question_words.items()},
                    **{f"metric_words:{k}": v for k, v in metric_words.items()
                       if not k.startswith("_") or k in ("_reverse", "_not_metrics", "_unavailable")},
                    **{f"place_affixes:{k}": v for k, v in affixes.items()}}
    for name, section in per_language.items():
        assert set(section) <= supported | {"any"}, (name, set(section) - supported)
    required = ["question_words:" + k for k in ("briefing", "period_question", "count_question", "rank",
                                                  "correction", "compare", "source", "conjunction")]
    required += ["metric_words:" + k for k in ("aid_received", "foreign_ngos", "programmes_projects",
                                                "delegations", "visitors", "mous", "_reverse")]
    required += ["place_affixes:affixes", "place_affixes:generic"]
    for name in required:
        section = set(per_language[name])
        # "any" holds the English words and those every language uses ("NGO", "MOU")
        need = supported - ({languages.default()} if "any" in section else set())
        assert need <= section, (name, need - section)
    assert set(load(LOCALE_DIR / "shorthand.yml")) <= supported
    assert set(load(LOCALE_DIR / "acronyms.yml")) <= supported
    assert set(load(LOCALE_DIR / "language_markers.yml")) == supported
