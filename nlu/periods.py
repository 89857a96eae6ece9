"""PeriodExtractor: the periods a message names ("since 2019", "năm 2023", "२०१९ से").

Templates per language are data (locale/periods.yml, read by i18n.periods).
Entities: value = "START..END" (ISO dates, empty for an open end) and `kind`, or
one of i18n.periods.RELATIVE_KINDS for a period relative to the conversation ("and
the year before?", "and Quang Nam that year?", "and the second half?"); an impossible period ("year 3000") gives one entity with
status "invalid".
"""
from __future__ import annotations

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from i18n import periods
from nlu.base import RuleComponent, is_payload, replace_entities


# "and the year before?", "and Quang Nam that year?": resolved against the conversation
RELATIVE = periods.RELATIVE_KINDS


def _iso(day) -> str:
    return day.isoformat() if day else ""


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class PeriodExtractor(RuleComponent):
    def process_message(self, message: Message) -> None:
        if is_payload(message):
            return
        text = message.get(TEXT)
        try:
            found = [{"entity": "period", "start": f.start, "end": f.end,
                      "value": f.period.kind if f.period.kind in RELATIVE else f"{_iso(f.period.start)}..{_iso(f.period.end)}",
                      "kind": f.period.kind,
                      "status": "found", "text": text[f.start:f.end], "extractor": "PeriodExtractor"}
                     for f in periods.find_period_spans(text)]
        except periods.InvalidPeriod as error:
            start = text.find(error.text) if error.text else -1
            found = [{"entity": "period", "start": max(start, 0),
                      "end": start + len(error.text) if start >= 0 else len(text),
                      "value": error.text or text, "status": "invalid", "reason": error.reason,
                      "text": error.text or text, "extractor": "PeriodExtractor"}]
        replace_entities(message, "period", found)
