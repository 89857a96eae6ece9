"""Checking that a citation's quote really is in the seed document it names."""
from __future__ import annotations

import unicodedata
from pathlib import Path

# Typography that differs between a document and a hand-typed quote without
# changing what is said.
_TYPOGRAPHY = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                             "\u2013": "-", "\u2014": "-", "\u00a0": " "})


def comparable_text(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).translate(_TYPOGRAPHY)
    return " ".join(text.split())


class QuoteChecker:
    def __init__(self, seeds_dir: Path):
        self._dir = seeds_dir
        self._texts: dict[str, str | None] = {}

    def document_exists(self, file: str) -> bool:
        return self._text(file) is not None

    def _text(self, file: str) -> str | None:
        if file not in self._texts:
            path = self._dir / file
            # a source file name must not lead outside the seeds folder
            inside = path.resolve().parent == self._dir.resolve()
            self._texts[file] = comparable_text(path.read_text(encoding="utf-8")) \
                if inside and path.is_file() else None
        return self._texts[file]

    def contains(self, file: str, quote: str) -> bool:
        text = self._text(file)
        return text is not None and comparable_text(quote) in text


def citation_problems(source_id: str, quote: str, source_files: dict[str, str],
                      quotes: "QuoteChecker") -> list[str]:
    """Why a (source, quote) citation is unusable: unknown source, no quote, or a quote
    the source's document does not contain. Empty when it is fine."""
    if not source_id:
        reasons = ["source_id is required"]
    elif source_id not in source_files:
        reasons = [f"unknown source id {source_id!r}"]
    else:
        reasons = []
    if not quote:
        reasons.append("quote is required")
    elif source_id in source_files and not quotes.contains(source_files[source_id], quote):
        reasons.append(f"quote not found in seed document {source_files[source_id]!r}")
    return reasons
