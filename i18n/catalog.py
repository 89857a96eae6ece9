"""Gettext translators for the project's catalogs.

Catalogs live in `locale/<lang>/LC_MESSAGES/<domain>.po`. The compiled `.mo`
beside each `.po` is a build product (gitignored): when it is missing or
older than its `.po` it is compiled on load, so a fresh clone works without
`make catalogs`.
"""

from __future__ import annotations

import functools
import gettext as _gettext
import io
import logging
import threading
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

from i18n import languages
from i18n.paths import LOCALE_DIR

log = logging.getLogger(__name__)

DEFAULT_DOMAIN = "messages"


def N_(msgid: str) -> str:
    """Mark a string for extraction without translating it (module-level tables)."""
    return msgid


class Translator:
    """Translates msgids of one domain into one language, then fills {placeholders}."""

    def __init__(self, lang: str, domain: str, translations: _gettext.NullTranslations):
        self.lang = lang
        self.domain = domain
        self._translations = translations

    def gettext(self, msgid: str, **kwargs) -> str:
        text = self._translations.gettext(msgid)
        return text.format(**kwargs) if kwargs else text

    def ngettext(self, singular: str, plural: str, n: int, **kwargs) -> str:
        # {n} is the raw number; pass a separately formatted one under another name.
        text = self._translations.ngettext(singular, plural, n)
        return text.format(n=n, **kwargs)

    def __repr__(self) -> str:
        return f"Translator(lang={self.lang!r}, domain={self.domain!r})"


def po_path(lang: str, domain: str = DEFAULT_DOMAIN, locale_dir: Path = LOCALE_DIR) -> Path:
    return Path(locale_dir) / lang / "LC_MESSAGES" / f"{domain}.po"


def compile_po(po_file: Path, mo_file: Path | None = None) -> bytes:
    """Compile a .po (fuzzy entries excluded) and return the .mo bytes; write them if asked."""
    with open(po_file, "rb") as f:
        catalog = read_po(f)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    data = buffer.getvalue()
    if mo_file is not None:
        mo_file.write_bytes(data)
    return data


def _load_translations(po_file: Path) -> _gettext.NullTranslations:
    if not po_file.exists():
        return _gettext.NullTranslations()
    mo_file = po_file.with_suffix(".mo")
    if mo_file.exists() and mo_file.stat().st_mtime >= po_file.stat().st_mtime:
        data = mo_file.read_bytes()
    else:
        data = compile_po(po_file)
        try:
            mo_file.write_bytes(data)
        except OSError as error:  # read-only checkout: the in-memory copy is enough
            log.warning("cannot write %s: %s", mo_file, error)
    return _gettext.GNUTranslations(io.BytesIO(data))


_lock = threading.Lock()


@functools.lru_cache(maxsize=None)
def _translator(lang: str, domain: str, locale_dir: Path) -> Translator:
    return Translator(lang, domain, _load_translations(po_path(lang, domain, locale_dir)))


def translator(lang: str | None, domain: str = DEFAULT_DOMAIN, locale_dir: Path = LOCALE_DIR) -> Translator:
    """The cached translator for (lang, domain); an unknown language gets the default one."""
    code = languages.normalize(lang) or languages.default()
    with _lock:  # one compile per catalog even when threads race
        return _translator(code, domain, Path(locale_dir))


def clear_cache() -> None:
    """Forget loaded catalogs (after recompiling them in a running process)."""
    _translator.cache_clear()
