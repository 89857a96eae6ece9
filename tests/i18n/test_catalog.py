import os
import shutil
import textwrap
from pathlib import Path

import pytest
from babel.messages.pofile import read_po, write_po

from i18n import catalog, catalogs
from i18n.paths import LOCALE_DIR

REPO = LOCALE_DIR.parent


@pytest.fixture
def locale_copy(tmp_path):
    """A throw-away copy of the real catalogs (never touch locale/ itself)."""
    copy = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, copy, ignore=shutil.ignore_patterns("*.mo"))
    yield copy
    catalog.clear_cache()


def _write_sources(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(text), encoding="utf-8")


def _edit_po(po_file: Path, edit) -> None:
    with open(po_file, "rb") as f:
        cat = read_po(f)
    edit(cat)
    with open(po_file, "wb") as f:
        write_po(f, cat)


# ---------------------------------------------------------------- translator

def test_translator_translates_and_fills_placeholders():
    tr = catalog.translator("vi")
    assert tr.gettext("per year") == "mỗi năm"
    assert tr.gettext("more than {amount}", amount="43 triệu USD") == "hơn 43 triệu USD"


def test_gettext_without_arguments_leaves_braces_alone():
    assert catalog.translator("en").gettext("more than {amount}") == "more than {amount}"


def test_ngettext_offers_n_as_a_placeholder():
    tr = catalog.translator("hi")
    assert tr.ngettext("first month of {year}", "first {n} months of {year}", 1, year=2024) == "2024 का पहला महीना"
    assert tr.ngettext("first month of {year}", "first {n} months of {year}", 9, year=2024) == "2024 के पहले 9 महीने"
    en = catalog.translator("en")
    assert en.ngettext("first month of {year}", "first {n} months of {year}", 3, year=2024) == "first 3 months of 2024"


@pytest.mark.parametrize("lang", ["fr", None, "", "xx-YY"])
def test_unknown_language_falls_back_to_english(lang):
    tr = catalog.translator(lang)
    assert tr.lang == "en"
    assert tr.gettext("per year") == "per year"


def test_translators_are_cached_and_tags_normalised():
    assert catalog.translator("vi") is catalog.translator("vi-VN")
    assert catalog.translator("vi", "bot") is not catalog.translator("vi")


def test_missing_translation_falls_back_to_the_msgid():
    assert catalog.translator("ur").gettext("no such message {x}", x=1) == "no such message 1"


def test_n_marker_returns_its_argument():
    assert catalog.N_("Foreign NGOs") == "Foreign NGOs"


def test_stale_or_missing_mo_is_compiled_on_load(locale_copy):
    po_file = locale_copy / "vi" / "LC_MESSAGES" / "messages.po"
    mo_file = po_file.with_suffix(".mo")
    assert not mo_file.exists()
    assert catalog.translator("vi", locale_dir=locale_copy).gettext("per year") == "mỗi năm"
    assert mo_file.exists()

    _edit_po(po_file, lambda cat: setattr(cat["per year"], "string", "hằng năm"))
    old = mo_file.stat().st_mtime
    os.utime(po_file, (old + 10, old + 10))  # the .po is now newer than its .mo
    catalog.clear_cache()
    assert catalog.translator("vi", locale_dir=locale_copy).gettext("per year") == "hằng năm"


# ---------------------------------------------------------------- extract / update

SOURCES = {
    "actions/answer.py": """
        from i18n.catalog import N_, translator
        LABELS = {"aid": N_("Foreign aid received")}
        def reply(tr, n):
            a = tr.gettext("Hello {name}", name="x")
            b = tr.ngettext("{n} NGO", "{n} NGOs", n)
            return _("Plain underscore") + a + b
    """,
    "bot/texts.py": """
        def welcome(tr):
            return tr.gettext("Welcome to the bot")
    """,
}


def _pot_ids(pot_file: Path) -> set:
    with open(pot_file, "rb") as f:
        return {m.id for m in read_po(f) if m.id}


def test_extract_finds_method_calls_markers_and_plurals_per_domain(tmp_path):
    _write_sources(tmp_path, SOURCES)
    locale = tmp_path / "locale"
    locale.mkdir()
    catalogs.extract(root=tmp_path, locale_dir=locale)

    messages = _pot_ids(locale / "messages.pot")
    assert {"Foreign aid received", "Hello {name}", ("{n} NGO", "{n} NGOs"), "Plain underscore"} <= messages
    assert "Welcome to the bot" not in messages
    assert _pot_ids(locale / "bot.pot") == {"Welcome to the bot"}


def test_real_extract_covers_formatting_messages():
    template = catalogs.extract_catalog([REPO / "i18n"])
    ids = {m.id for m in template if m.id}
    assert {"more than {amount}", "US${amount}", "{number} crore", "per year",
            ("first month of {year}", "first {n} months of {year}")} <= ids
    locations = {loc[0] for m in template if m.id for loc in m.locations}
    assert locations == {"i18n/formatting.py"}


def test_update_creates_every_language_and_keeps_translations(tmp_path):
    _write_sources(tmp_path, SOURCES)
    locale = tmp_path / "locale"
    locale.mkdir()
    catalogs.extract(root=tmp_path, locale_dir=locale)
    catalogs.update(locale_dir=locale)
    for lang in ["en", "vi", "ur", "hi", "ms"]:
        assert (locale / lang / "LC_MESSAGES" / "messages.po").exists()
        assert (locale / lang / "LC_MESSAGES" / "bot.po").exists()

    vi_po = locale / "vi" / "LC_MESSAGES" / "messages.po"
    _edit_po(vi_po, lambda cat: setattr(cat["Hello {name}"], "string", "Xin chào {name}"))

    _write_sources(tmp_path, {"actions/more.py": 'def f(tr):\n    return tr.gettext("Brand new message")\n'})
    catalogs.extract(root=tmp_path, locale_dir=locale)
    catalogs.update(locale_dir=locale)

    with open(vi_po, "rb") as f:
        updated = read_po(f)
    assert updated["Hello {name}"].string == "Xin chào {name}"
    assert updated["Brand new message"].string == ""
    problems = {(p.po_file.parent.parent.name, p.msgid, p.reason) for p in catalogs.check(locale)}
    assert ("vi", "Brand new message", "untranslated") in problems
    assert not any(lang == "en" for lang, _, _ in problems)


def test_update_twice_rewrites_nothing(locale_copy):
    catalogs.update(locale_dir=locale_copy)
    assert catalogs.update(locale_dir=locale_copy) == []


# ---------------------------------------------------------------- check

def _formatting_msgids() -> set:
    return {m.id if isinstance(m.id, str) else m.id[0]
            for m in catalogs.extract_catalog([REPO / "i18n"]) if m.id}


def test_real_catalogs_translate_every_formatting_message():
    formatting_msgids = _formatting_msgids()
    problems = [p for p in catalogs.check() if p.msgid in formatting_msgids]
    assert problems == []


def test_check_reports_a_missing_translation(locale_copy, capsys):
    _edit_po(locale_copy / "ms" / "LC_MESSAGES" / "messages.po",
             lambda cat: setattr(cat["per year"], "string", ""))
    assert catalogs.main(["check", "--locale-dir", str(locale_copy)]) == 1
    err = capsys.readouterr().err
    assert "ms/LC_MESSAGES/messages.po: 'per year': untranslated" in err


def test_check_reports_a_mismatched_placeholder(locale_copy, capsys):
    _edit_po(locale_copy / "hi" / "LC_MESSAGES" / "messages.po",
             lambda cat: setattr(cat["more than {amount}"], "string", "{राशि} से अधिक"))
    assert catalogs.main(["check", "--locale-dir", str(locale_copy)]) == 1
    assert "'more than {amount}': placeholders" in capsys.readouterr().err


def test_check_reports_fuzzy_and_plural_form_problems(locale_copy):
    def edit(cat):
        cat["per year"].flags.add("fuzzy")
        cat[("first month of {year}", "first {n} months of {year}")].string = ("{year}", "{n} {month}")
    _edit_po(locale_copy / "ur" / "LC_MESSAGES" / "messages.po", edit)
    reasons = {(p.msgid, p.reason.split(" ")[0]) for p in catalogs.check(locale_copy)}
    assert ("per year", "fuzzy") in reasons
    assert ("first month of {year}", "placeholders") in reasons


def test_check_passes_on_complete_catalogs(tmp_path, capsys):
    _write_sources(tmp_path, {"actions/a.py": 'def f(tr):\n    return tr.gettext("Hi {name}")\n'})
    locale = tmp_path / "locale"
    locale.mkdir()
    catalogs.extract(root=tmp_path, locale_dir=locale)
    catalogs.update(locale_dir=locale)
    for lang in ["vi", "ur", "hi", "ms"]:
        _edit_po(locale / lang / "LC_MESSAGES" / "messages.po",
                 lambda cat: setattr(cat["Hi {name}"], "string", "{name}!"))
    assert catalogs.main(["check", "--locale-dir", str(locale)]) == 0


def test_compile_writes_a_mo_per_catalog(locale_copy):
    compiled = catalogs.compile_all(locale_copy)
    assert sorted(p.relative_to(locale_copy).as_posix() for p in compiled) == sorted(
        f"{lang}/LC_MESSAGES/{domain}.mo" for lang in ["en", "vi", "ur", "hi", "ms"] for domain in ["bot", "messages"]
    )
