"""The language registry, read from `locale/languages.yml`.

Everything language-specific that code needs (Babel locale, script, text
direction, Telegram codes, money scale words) is data in that file, so adding
a language never touches code.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

from i18n.paths import LOCALE_DIR

REGISTRY_FILE = LOCALE_DIR / "languages.yml"


@dataclass(frozen=True)
class Language:
    code: str
    babel_locale: str
    native_name: str
    english_name: str
    direction: str  # "ltr" | "rtl"
    telegram_codes: tuple[str, ...]
    scripts: tuple[str, ...]
    money_scales: tuple[str, ...]
    date_format: str | None = None  # CLDR pattern; None = Babel's "long" format
    aliases: tuple[str, ...] = ()  # other names users type for the language
    switch_evidence: float = 0.5  # word evidence a message needs to switch replies to this language
    head_first: bool = False      # the head noun comes first ("dự án viện trợ" = aid projects)
    mixed_in: bool = False        # its words are typed inside other languages' messages
    clitics: tuple[str, ...] = () # endings attached to words ("peningkatannya" = its increase)

    @property
    def is_rtl(self) -> bool:
        return self.direction == "rtl"


@dataclass(frozen=True)
class Registry:
    languages: dict[str, Language]  # in file order
    default: str


def load_registry(path: Path = REGISTRY_FILE) -> Registry:
    """Parse and validate a registry file (fails loudly on a bad entry)."""
    data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    languages: dict[str, Language] = {}
    for entry in data["languages"]:
        code = entry["code"]
        direction = entry.get("direction", "ltr")
        if direction not in ("ltr", "rtl"):
            raise ValueError(f"{path}: {code}: direction must be ltr or rtl, not {direction!r}")
        if code in languages:
            raise ValueError(f"{path}: language {code!r} is listed twice")
        languages[code] = Language(
            code=code,
            babel_locale=entry["babel_locale"],
            native_name=entry["native_name"],
            english_name=entry["english_name"],
            direction=direction,
            telegram_codes=tuple(entry.get("telegram_codes") or [code]),
            scripts=tuple(entry["scripts"]),
            money_scales=tuple(entry.get("money_scales") or ()),
            date_format=entry.get("date_format"),
            aliases=tuple(entry.get("aliases") or ()),
            switch_evidence=float(entry.get("switch_evidence", 0.5)),
            head_first=bool(entry.get("head_first", False)),
            mixed_in=bool(entry.get("mixed_in", False)),
            clitics=tuple(entry.get("clitics") or ()),
        )
    default = data["default"]
    if default not in languages:
        raise ValueError(f"{path}: default language {default!r} is not in the registry")
    return Registry(languages=languages, default=default)


@functools.lru_cache(maxsize=1)
def registry() -> Registry:
    return load_registry()


def supported() -> list[str]:
    """Codes of all languages, in registry order."""
    return list(registry().languages)


def get(code: str) -> Language:
    """The registry entry for `code`; KeyError for an unknown code."""
    try:
        return registry().languages[code]
    except KeyError:
        raise KeyError(f"unsupported language {code!r}; supported: {supported()}") from None


def default() -> str:
    return registry().default


def all_languages() -> list[Language]:
    return list(registry().languages.values())


_TAG_SEPARATOR = re.compile(r"[-_@.]")


def normalize(code_or_tag: str | None) -> str | None:
    """Map a language tag ("en-US", "vi_VN", Telegram's "ms") to a registry code.

    Returns None for empty or unsupported tags so callers can fall back.
    """
    if not code_or_tag:
        return None
    primary = _TAG_SEPARATOR.split(code_or_tag.strip().lower(), maxsplit=1)[0]
    if not primary:
        return None
    for language in registry().languages.values():
        if primary == language.code or primary in language.telegram_codes:
            return language.code
    return None
