"""Scores one reply of the assistant against what a blind writer expected.

A turn is right when
- the reply is in the expected language (its own sentences: source lines and
  quotes from the documents are in the documents' languages);
- every expected figure is stated (its amount, as the assistant formats it in
  that language, in a figure line);
- it states at most one figure beyond the expected ones (a whole briefing is not
  an answer to "how many NGOs?");
- for a no-data question: it names the place or the period asked and states no
  figure, except a figure of that place whose longer period contains the one asked,
  which a careful answer may show clearly labelled.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from typing import Dict, Iterable, List, Optional, Sequence

from db.period_relation import relation
from db.api import AidDatabase, PeriodQuery
from i18n import detect, formatting, periods

_PARENS = re.compile(r"\([^()]*\)")
_REFS = re.compile(r"\[\d+\]")
_URL = re.compile(r"https?://\S+")
_QUOTE = re.compile(r"“[^”]*”")


def own_text(reply: str) -> str:
    """The reply without source lines, URLs and quoted document sentences."""
    lines = [line for line in reply.splitlines()
             if "http" not in line and not re.match(r"^\s*\[\d+\]", line)]
    return _QUOTE.sub(" ", "\n".join(lines))


def reply_language(reply: str) -> Optional[str]:
    detected = detect.detect_language(own_text(reply))
    return detected.code if detected else None


def figure_lines(reply: str) -> List[str]:
    """What follows "label:" in lines stating figures ("• Foreign NGOs: 77 (2023) [1]"),
    without periods in brackets, references and URLs (a source line's date is no figure)."""
    out = []
    for line in reply.splitlines():
        if re.match(r"^\s*\[\d+\]", line):
            continue            # a source line: titles hold numbers that are no figures
        line = _URL.sub(" ", _REFS.sub(" ", line))
        if ":" not in line:
            continue
        line = line.split(":", 1)[1]
        while _PARENS.search(line):
            line = _PARENS.sub(" ", line)
        out.append(line)
    return out


def _bounded(amount: str) -> re.Pattern:
    return re.compile(r"(?<![\w.,])" + re.escape(amount) + r"(?![\w]|[.,]\d)")


def _unaccented(text: str) -> str:
    """"Bắc Hải" names "Bac Hai": a place is named whatever accents the writer typed."""
    decomposed = unicodedata.normalize("NFKD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _country_names(text: str) -> set:
    """A foreign country asked about, by its name in every registry language."""
    from babel import Locale
    from i18n import languages
    from nlu.countries import find_countries

    codes = {m.label for m in find_countries(text)}
    return {Locale.parse(lang.babel_locale).territories.get(code, code)
            for code in codes for lang in languages.all_languages()}


@dataclass
class Verdict:
    ok: bool
    problems: List[str] = field(default_factory=list)
    language: Optional[str] = None
    stated: List[str] = field(default_factory=list)


class Scorer:
    def __init__(self, adb: AidDatabase):
        self.adb = adb
        self.figures = {f.id: f for code in adb.units_with_figures()
                        for f in (m.figure for m in adb.figures(code, include_predecessors=False))}

    def amount(self, figure_id: str, lang: str) -> str:
        f = self.figures[figure_id]
        return formatting.format_amount(f.value_low, f.value_high, f.qualifier, f.unit, lang)

    def stated_figures(self, reply: str, lang: str) -> List[str]:
        """Ids of the figures whose amounts appear in figure lines; longer amounts
        first, each occurrence used once ("nearly US$4.9 million" is not also "US$4.9 million")."""
        lines = figure_lines(reply)
        by_amount: Dict[str, List[str]] = {}
        for fid in self.figures:
            by_amount.setdefault(self.amount(fid, lang), []).append(fid)
        found: List[str] = []
        for amount in sorted(by_amount, key=len, reverse=True):
            pattern = _bounded(amount)
            for i, line in enumerate(lines):
                if pattern.search(line):
                    found += [fid for fid in by_amount[amount] if fid not in found]
                    lines[i] = pattern.sub(" ", line)
        return found

    def score(self, turn: dict, reply: str, file_lang: str) -> Verdict:
        wanted_langs = str(turn.get("lang") or file_lang).split("|")
        verdict = Verdict(ok=True, language=reply_language(reply))
        if verdict.language not in wanted_langs:
            verdict.problems.append(f"language {verdict.language}, expected {'|'.join(wanted_langs)}")
        lang = verdict.language if verdict.language in wanted_langs else wanted_langs[0]
        kind = turn.get("kind", "question")
        if kind == "other":
            verdict.ok = not verdict.problems
            return verdict
        stated = self.stated_figures(reply, lang)
        verdict.stated = stated
        if kind == "no_data":
            allowed = self._longer_periods(turn.get("asked") or {})
            leaked = [fid for fid in stated if fid not in allowed]
            if leaked:
                verdict.problems.append(f"no-data answer states {leaked}")
            if not self._names_what_was_asked(turn.get("asked") or {}, reply, lang):
                verdict.problems.append("does not name the place or period asked")
        else:
            expected = [fid for fid in turn.get("expect") or []]
            unknown = [fid for fid in expected if fid not in self.figures]
            if unknown:
                verdict.problems.append(f"test names unknown figures {unknown}")
            missing = [fid for fid in expected if fid in self.figures and fid not in stated]
            if missing:
                verdict.problems.append(f"missing {missing}")
            extra = [fid for fid in stated if fid not in expected and not self._same_money(fid, expected)]
            if len(extra) > 1:
                verdict.problems.append(f"{len(extra)} figures beyond the expected ones: {extra}")
        verdict.ok = not verdict.problems
        return verdict

    def _same_money(self, fid: str, expected: Iterable[str]) -> bool:
        """The VND line of an amount whose USD line was expected (the same money)."""
        f = self.figures[fid]
        return any(self.figures[e].unit_code == f.unit_code and self.figures[e].metric == f.metric
                   and self.figures[e].period_start == f.period_start and self.figures[e].period_end == f.period_end
                   for e in expected if e in self.figures)

    def _asked_unit(self, asked: dict) -> Optional[str]:
        place = asked.get("place")
        if not place:
            return None
        resolution = self.adb.resolve_place(str(place))
        return resolution.candidates[0].unit_code if resolution.status == "found" else None

    def _asked_period(self, asked: dict) -> Optional[PeriodQuery]:
        text = asked.get("period")
        if not text:
            return None
        try:
            parsed = periods.parse_period(str(text))
        except periods.InvalidPeriod:
            return None
        return PeriodQuery(parsed.start, parsed.end) if parsed else None

    def _longer_periods(self, asked: dict) -> set:
        """Figures of the asked place for a period that overlaps the asked one without
        answering it (a 2019–2024 total asked for 2022; the first half of a year asked
        for the whole year): a careful answer may show them, labelled with their period."""
        unit, period = self._asked_unit(asked), self._asked_period(asked)
        if unit is None or period is None:
            return set()
        return {m.figure.id for m in self.adb.figures(unit, period=period)
                if m.relation in ("contains", "inside", "overlapping")}

    def _names_what_was_asked(self, asked: dict, reply: str, lang: str) -> bool:
        text = reply.casefold()
        names = set()
        unit = self._asked_unit(asked)
        if unit is not None:
            info = self.adb.unit(unit)
            names |= set((info.names or {}).values())
            lineage = [unit] + ([info.successor] if info.successor else []) + list(info.predecessors)
            names |= {self.adb.unit_name(code, lang) for code in lineage}
        if asked.get("place"):
            names.add(str(asked["place"]))
            names |= _country_names(str(asked["place"]))
        years = re.findall(r"\d{4}", str(asked.get("period") or ""))
        if not names and not years:
            return True
        plain = _unaccented(text)
        return any(_unaccented(n.casefold()) in plain for n in names if n) or any(y in text for y in years)
