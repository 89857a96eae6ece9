"""Turns query results into reply text in the user's language.

Every number shown comes from a stored figure and is formatted by Babel via
i18n.formatting; every fact about the 2025 reorganisation comes from the
succession records; every sentence is a catalog msgid. No arithmetic here.
"""
from __future__ import annotations

from typing import Dict, Iterable, List, Optional

from babel import Locale

from i18n import formatting, languages

from actions import metrics


class Renderer:
    def __init__(self, adb, lang: str, tr):
        self.adb, self.lang, self.tr = adb, lang, tr
        self._refs: Dict[str, int] = {}          # source id -> [n]
        self._ref_lines: List[str] = []

    # -- names -------------------------------------------------------------
    def name(self, code: str) -> str:
        return self.adb.unit_name(code, self.lang)

    def names(self, codes: Iterable[str]) -> str:
        return formatting.format_list([self.name(c) for c in codes], self.lang)

    def former(self, code: str) -> str:
        """An old unit whose name a new one reuses is called 'former X'."""
        unit = self.adb.unit(code)
        if unit is not None and unit.successor:
            return self.tr.gettext("former {name}", name=self.name(code))
        return self.name(code)

    # -- figures -----------------------------------------------------------
    def amount(self, fig) -> str:
        return formatting.format_amount(fig.value_low, fig.value_high, fig.qualifier, fig.unit, self.lang)

    def period(self, fig) -> str:
        return formatting.format_period(fig.period_start, fig.period_end, fig.period_kind, self.lang)

    def figure_line(self, fig, asked_unit: Optional[str] = None, with_place: bool = False) -> str:
        """"• label: amount (period) [n]", naming the unit when it is not the one asked
        about (a predecessor's or the other side's figures) or when several places are listed."""
        label = self.tr.gettext(metrics.LABELS.get(fig.metric, fig.metric))
        if fig.metric in metrics.CHANGES and fig.base_period_start:
            label = self.tr.gettext(metrics.CHANGES[fig.metric], base=self._base_period(fig))
        line = self.tr.gettext("{label}: {amount} ({period})",
                               label=label, amount=self.amount(fig), period=self.period(fig))
        if with_place or (asked_unit and fig.unit_code != asked_unit):
            line = self.tr.gettext("{place} — {line}", place=self.former(fig.unit_code), line=line)
        items = self.items(fig)
        if items:
            line += " — " + items
        if fig.derived:
            line += " " + self.tr.gettext("(worked out from two figures the source states, not stated directly)")
        return f"• {line} [{self.cite(fig)}]"

    def _base_period(self, fig) -> str:
        return formatting.format_period(fig.base_period_start, fig.base_period_end, "range", self.lang)

    def country(self, code: str) -> str:
        """A country's name in the reader's language (Babel's CLDR names)."""
        return Locale.parse(languages.get(self.lang).babel_locale).territories.get(code, code)

    def items(self, fig) -> str:
        """What a figure lists (the countries of sister localities, a cluster's members),
        in the reader's language: countries by Babel's names, units by ours."""
        names = []
        for item in fig.items:
            if item.kind == "country":
                names.append(self.country(item.code))
            elif item.kind == "unit":
                names.append(self.name(item.code))
            else:
                names.append(item.name)
        return formatting.format_list(names, self.lang) if names else ""

    def cite(self, fig) -> int:
        """Number the figure's source (preferring a document in the reply language)."""
        source = self.best_citation(fig).source
        if source.id not in self._refs:
            self._refs[source.id] = len(self._refs) + 1
            self._ref_lines.append(f"[{self._refs[source.id]}] {self.source_line(source)}")
        return self._refs[source.id]

    def best_citation(self, fig):
        for citation in fig.citations:
            if citation.source.language == self.lang:
                return citation
        return fig.citations[0]

    def source_line(self, source) -> str:
        title = source.title_in(self.lang)
        parts = [title, source.publisher]
        if source.published:
            parts.append(formatting.format_date(source.published, self.lang))
        else:
            parts.append(self.tr.gettext("date not stated"))
        if source.url:
            parts.append(source.url)
        return ", ".join(p for p in parts if p)

    def sources_block(self) -> List[str]:
        if not self._ref_lines:
            return []
        return [self.tr.gettext("Sources:")] + self._ref_lines

    # -- the 2025 reorganisation -------------------------------------------
    @staticmethod
    def _basis(basis: Optional[str]) -> str:
        """The legal basis as the succession records state it ("Resolution 202/2025/QH15")."""
        return basis or ""

    def history_note(self, code: str) -> Optional[str]:
        """One sentence on the 2025 merger for a unit, or None if it was unchanged."""
        unit = self.adb.unit(code)
        if unit is None:
            return None
        if unit.successor:
            successor = self.adb.unit(unit.successor)
            others = [p for p in (successor.predecessors if successor else []) if p != code]
            when = formatting.format_date(unit.successor_date or unit.valid_to, self.lang)
            basis = self._basis(unit.successor_legal_basis)
            if self.name(code) == self.name(unit.successor):
                return self.tr.gettext(
                    "Since {date}, {place} also includes {others} ({basis}). "
                    "These figures are for {place} before the merger.",
                    date=when, place=self.name(code), basis=basis,
                    others=formatting.format_list([self.former(o) for o in others], self.lang))
            return self.tr.gettext(
                "{place} merged into {new} on {date} ({basis}). "
                "Figures stay with {place}, the unit they were reported for.",
                place=self.name(code), new=self.name(unit.successor), date=when, basis=basis)
        if unit.predecessors:
            when = formatting.format_date(unit.valid_from, self.lang) if unit.valid_from else ""
            return self.tr.gettext(
                "{place} was formed on {date} from {olds} ({basis}). "
                "Figures stay with the unit they were reported for.",
                place=self.name(code), date=when, basis=self._basis(unit.formed_legal_basis),
                olds=formatting.format_list([self.former(p) for p in unit.predecessors], self.lang))
        return None

    def foreign_note(self, code: str) -> Optional[str]:
        """Sekong and Laos are named by the sources but are not Vietnamese units."""
        unit = self.adb.unit(code)
        if unit is None or not unit.is_foreign:
            return None
        if unit.parent:
            return self.tr.gettext("{place} is in {country}, not in Vietnam.",
                                   place=self.name(code), country=self.name(unit.parent))
        return self.tr.gettext("{place} is not part of Vietnam.", place=self.name(code))

    def place_note(self, code: str) -> Optional[str]:
        """What a reader should know about a place besides its figures."""
        return self.history_note(code) or self.foreign_note(code)

    def unchanged_note(self, code: str) -> str:
        change = self.adb.reorganisation()
        return self.tr.gettext("{place} was not changed by the reorganisation of {date} ({basis}).",
                               place=self.name(code), date=formatting.format_date(change.effective_date, self.lang),
                               basis=self._basis(change.legal_basis))

    def reorganisation_line(self) -> str:
        change = self.adb.reorganisation()
        return self.tr.gettext(
            "I also know how the {before} provinces and cities were merged into {after} on {date} ({basis}).",
            before=formatting.format_number(change.units_before, self.lang),
            after=formatting.format_number(change.units_after, self.lang),
            date=formatting.format_date(change.effective_date, self.lang), basis=self._basis(change.legal_basis))

    # -- availability ------------------------------------------------------
    def availability_lines(self, code: str, limit: int = 12) -> List[str]:
        rows = sorted(self.adb.available(code), key=lambda a: metrics.briefing_rank(a.metric))
        lines = []
        for row in rows[:limit]:
            label = self.tr.gettext(metrics.LABELS.get(row.metric, row.metric))
            period = formatting.format_period(row.period_start, row.period_end, row.period_kind, self.lang)
            place = "" if row.unit_code == code else f"{self.former(row.unit_code)} — "
            lines.append(f"• {place}{label} ({period})")
        return lines
