"""What this turn names, as the NLU pipeline understood it (nlu/): places as unit
codes, periods as dates, metrics as codes. Nothing is re-extracted here."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Optional, Tuple

from actions.question import Period
from i18n.periods import LAST_YEAR, RELATIVE_KINDS
from actions.turn import Entity, Turn
from actions import metrics


@dataclass(frozen=True)
class PlaceProblem:
    text: str                         # what the user typed
    kind: str                         # "unknown" | "ambiguous" | "foreign"
    candidates: Tuple[str, ...] = ()  # unit codes: suggestions or the ambiguous ones
    country: Optional[str] = None     # ISO code of a foreign country
    subject: bool = False             # the place the question is plainly about
    city: bool = False                # a city of that foreign country, named as typed


@dataclass(frozen=True)
class Frame:
    places: Tuple[str, ...] = ()
    place_problems: Tuple[PlaceProblem, ...] = ()
    place_alternatives: Tuple[Tuple[str, Tuple[str, ...]], ...] = ()   # (code, other units it could mean)
    periods: Tuple[Period, ...] = ()
    invalid_period: Optional[str] = None
    metrics: Tuple[str, ...] = ()
    languages: Tuple[str, ...] = ()
    reverse: bool = False               # "and the other direction?"
    unavailable: str = ""               # something asked that no source reports ("FDI"), as typed
    among: bool = False                 # "is Belarus one of them?": asks about the last list
    which_ones: bool = False            # "which ones are they?": the names, not the count
    side_by_side: bool = False          # "compare 2022 and 2023": each side's figure
    ratio: bool = False                 # "average per project", "anupaat": the figures a ratio is made of

    @property
    def names_anything(self) -> bool:
        return bool(self.places or self.place_problems or self.periods or self.metrics)


def _add(items: list, item) -> None:
    if item not in items:
        items.append(item)


def _period(entity: Entity) -> Optional[Period]:
    if entity.value in RELATIVE_KINDS:
        return Period(None, None, entity.text, relative=entity.value)
    start, _, end = entity.value.partition("..")
    try:
        # "last year" is counted from today, unless a follow-up leans on a year (actions.context)
        return Period(date.fromisoformat(start) if start else None,
                      date.fromisoformat(end) if end else None, entity.text,
                      relative=LAST_YEAR if entity.kind == LAST_YEAR else None)
    except ValueError:
        return None


def _without_partners(places: list, found_metrics: list, adb) -> list:
    """When a message names a Vietnamese and a foreign place, one is the subject and the
    other its partner: in a question about relations ("apart from Laos, which countries
    does QN have ties with?", "Quang Tri's villages twinned with Laos") the Vietnamese
    one; otherwise the first named ("Sekong receives how much from QN?"). A foreign
    place alone is the subject ("the Lao side")."""
    foreign = [code for code in places if adb.unit(code).is_foreign]
    if not foreign or len(foreign) == len(places):
        return places
    if any(m in metrics.RELATIONS for m in found_metrics):
        return [code for code in places if code not in foreign]
    return places[:1]


def read_frame(turn: Turn, adb) -> Frame:
    places, problems, alternatives = [], [], []
    for entity in turn.of("place"):
        if (entity.status == "found" or turn.is_payload) and entity.status != "foreign":
            code = entity.value
            if adb.unit(code) is None:       # a crafted payload naming no unit
                problems.append(PlaceProblem(entity.text, "unknown"))
                continue
            _add(places, code)
            if entity.alternatives:
                alternatives.append((code, entity.alternatives))
        elif entity.status in ("ambiguous", "unknown", "foreign"):
            problems.append(PlaceProblem(entity.text, entity.status, entity.candidates,
                                         entity.value if entity.status == "foreign" else None, entity.subject,
                                         entity.city))
    periods, invalid = [], None
    for entity in turn.of("period"):
        if entity.status == "invalid":
            invalid = entity.text
            continue
        period = _period(entity)
        if period is not None:
            _add(periods, period)
    found_metrics: list = []
    for value in turn.values("metric"):
        if metrics.known(value):
            _add(found_metrics, value)
    places = _without_partners(places, found_metrics, adb)
    langs = []
    for value in turn.values("language"):
        _add(langs, value)
    unavailable = next((e.text for e in turn.of("unavailable")), "")
    if places:
        # a name the tagger guessed that nobody knows, beside a known place, is something
        # else ("100 Resilient Cities"); an ambiguous one still needs asking, and so does the
        # plain subject of the question ("Bihar ko Vietnam ke NGOs se kitni sahayata mili")
        problems = [p for p in problems if p.kind not in ("unknown", "foreign") or p.subject]
    reverse = any(e.value == "reverse" for e in turn.of("direction"))
    if any(m in metrics.MEASURED_AGAINST_THE_COUNTRY for m in found_metrics):
        # "how many are among the top in GRDP nationally": the country is the yardstick
        places = [code for code in places if code != metrics.COUNTRY]
    return Frame(tuple(places), tuple(problems), tuple(alternatives), tuple(periods), invalid,
                 tuple(found_metrics), tuple(langs), reverse, unavailable, bool(turn.of("among")),
                 bool(turn.of("which_ones")), bool(turn.of("side_by_side")), bool(turn.of("ratio")))
