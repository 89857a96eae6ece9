"""PlaceExtractor: the places a message names, as unit codes of the aid database.

Known names and aliases (any language or script, typos, abbreviations) are found
by the database's place index; a name the CRF tagged that the index does not know
is resolved on its own, so "Atlantis" comes back as an unknown place and can be
answered as such; when neither found anything, a name beside a kind word ("tỉnh Hòa
Phong") or a capitalised unknown word is (nlu.unknown_places). Entities: value = unit code when found, else the typed text,
with `status` (found | ambiguous | unknown) and `candidates` (unit codes). A country
the database does not hold ("Cambodia", "Thái Lan") comes back with status "foreign"
and its ISO code as value.
"""
from __future__ import annotations

from dataclasses import replace
from typing import Any, Dict, List, Optional

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message

from i18n import languages, periods
from nlu.base import RuleComponent, entities, is_payload, replace_entities
from nlu.language_id import identify, markers
from nlu.text import fold, shorthand, words
from nlu.countries import find_countries, not_place_matcher
from nlu.common_words import is_common
from nlu.foreign_cities import city_names, find_cities
from nlu.metrics import metric_matcher
from nlu.services import aid_database
from nlu.unknown_places import find_unknown_place, known_words, numbered_group, place_marker_languages, unknown_recipient

# A CRF guess this short is more likely a stray word than a place nobody knows.
MIN_UNKNOWN_PLACE_CHARS = 3


def _entity(resolution, start: int, end: int, typed: str) -> Dict[str, Any]:
    codes = [c.unit_code for c in resolution.candidates]
    found = resolution.status == "found"
    entity = {"entity": "place", "start": start, "end": end, "value": codes[0] if found else typed,
              "status": resolution.status, "candidates": codes, "text": typed,
              "extractor": "PlaceExtractor"}
    alternatives = getattr(resolution, "alternatives", None)
    if alternatives:
        entity["alternatives"] = [getattr(a, "unit_code", a) for a in alternatives]
    return entity


def _common_word(typed: str, text: str) -> bool:
    """"hue" typed in lower case is Hindi/Urdu for "were" ("kitne sign hue"), not Huế: a
    one-word name, lower case, that is an everyday word of a language typed in Latin
    letters other than its own script, in a message written in that language ("and hue?"
    is English: Huế), unless a word that follows place names comes next ("hue ko")."""
    if typed != typed.lower() or len(typed.split()) != 1:
        return False
    typed_in = [code for code in markers().words.get(fold(typed), {})
                if languages.get(code).scripts and "Latin" not in languages.get(code).scripts]
    if not typed_in:
        return False
    at = text.find(typed)
    following = next((w for w in words(text) if w.start >= at + len(typed)), None) if at >= 0 else None
    if following and set(typed_in) & place_marker_languages().get(following.folded, frozenset()):
        return False    # "hue ko kitni imdad mili": a name, right before the word that follows names
    found = identify(text, [(at, at + len(typed))] if at >= 0 else [])
    return bool(set(typed_in) & ({found.code} | set(found.candidates)))


def _short_form(typed: str, adb) -> bool:
    """"sl ngo" is "số lượng" (the number of) NGOs, "SL" Sơn La: a chat short form of
    something else typed in lower case is that short form, an abbreviation of a place is
    typed in capitals ("tphcm" is short for the city's own name)."""
    expansion = shorthand().get(fold(typed))
    return typed.islower() and expansion is not None and \
        adb.resolve_place(" ".join(expansion)).status != "found"


def _ordinary_words(text: str, start: int, end: int) -> bool:
    """A tagged word the assistant knows as an ordinary word ("Trong" = in, "thuộc" = belongs
    to) is no unknown place; two or more capitalised words ("Phu Lam") may well be one, and
    so may one capitalised inside a sentence ("di Selangor")."""
    typed_words = [w for w in words(text) if start <= w.start and w.end <= end]
    named = len(typed_words) > 1 and all(w.text[:1].isupper() for w in typed_words)
    return not named and all(w.folded in known_words() or is_common(
        w.text, as_name=w.text[:1].isupper() and not w.initial) for w in typed_words)


def _question_words(text: str) -> list:
    from nlu.router import question_words     # the router reads these lists too

    return question_words().find(text)


def _question_spans(cues: list) -> List[tuple]:
    """"over how long tho": a question word is no part of a place's name."""
    from nlu.router import ASKING

    return [(m.start, m.end) for m in cues if m.label in ASKING + ("period_question",)]


def _asks_figure(cues: list) -> bool:
    """A question word that asks for a number ("how many", "kitni", "bao nhiêu")."""
    from nlu.router import ASKING

    return any(m.label in ASKING for m in cues)


def _overlaps(start: int, end: int, spans: List[tuple]) -> bool:
    return any(s < end and start < e for s, e in spans)


def _period_spans(text: str) -> List[tuple]:
    """"trong H1/2024", "2022 me": a period is no place, whatever the tagger guessed."""
    try:
        return [(f.start, f.end) for f in periods.find_period_spans(text)]
    except periods.InvalidPeriod:
        return []


def _spans(found: List[Dict[str, Any]]) -> List[tuple]:
    return [(f["start"], f["end"]) for f in found]


def _foreign(text: str, start: int, end: int, code: str, city: bool) -> Dict[str, Any]:
    entity = {"entity": "place", "start": start, "end": end, "value": code, "status": "foreign",
              "candidates": [], "text": text[start:end], "extractor": "PlaceExtractor"}
    if city:
        entity["city"] = True
    return entity


def _span(text: str, piece: str, cursor: int) -> Optional[tuple]:
    at = text.find(piece, cursor)
    return (at, at + len(piece)) if at >= 0 else None


def _widen_to_kind_names(text: str, found: List[Dict[str, Any]]) -> None:
    """"wilayah Tan Phu Long", "tỉnh Thanh Sơn Hà": a tagged name nobody knows is the whole
    name beside the kind word when it lies inside it."""
    unknown = [e for e in found if e["status"] == "unknown"]
    span = find_unknown_place(text, beside_kind_only=True) if unknown else None
    if span is None:
        return
    for entity in unknown:
        if span[0] <= entity["start"] and entity["end"] <= span[1] and span[1] - span[0] > entity["end"] - entity["start"]:
            typed = text[span[0]:span[1]]
            entity.update(start=span[0], end=span[1], value=typed, text=typed)


def _other_numbered_group(text: str, found: List[Dict[str, Any]], adb) -> None:
    """"क्लस्टर 1", "کلسٹر 3", "Kluster Emulasi I": a group word alone names the cluster the
    database holds, but followed by another number it names a group the database lacks;
    the found group gives way to that unknown one."""
    span = numbered_group(text)
    if span is None:
        return
    resolution = adb.resolve_place(text[span[0]:span[1]])
    if resolution.status == "found":
        return      # "emulation clustr 2": the cluster, typed with a slip
    inside = [e for e in found if span[0] <= e["start"] and e["end"] <= span[1]]
    if not inside:
        return
    for entity in inside:
        found.remove(entity)
    found.append(_entity(replace(resolution, status="unknown"), span[0], span[1], text[span[0]:span[1]]))


def _home(entity: Dict[str, Any], adb, country: bool) -> bool:
    """A Vietnamese unit found: the country itself (`country`) or one of its units."""
    unit = adb.unit(entity["value"]) if entity["status"] == "found" else None
    return unit is not None and not unit.is_foreign and (unit.kind == "country") == country


def _mark_containers(cues: list, found: List[Dict[str, Any]], adb) -> None:
    """"CSR kat Vietnam. Quang Nam punya total NGO funding berapa?", "ویتنام کے سون لا صوبے میں":
    the country named beside one of its provinces is where the province lies, not a second
    place asked about, unless a word sets them side by side ("Quang Nam vs cả nước", "Son La
    and Vietnam"). Its status becomes "container"."""
    cues = [m for m in cues if m.label in ("compare", "conjunction")]
    for country in (e for e in found if _home(e, adb, True)):
        for province in (e for e in found if _home(e, adb, False)):
            first, second = sorted((country, province), key=lambda e: e["start"])
            if not any(first["end"] <= c.start and c.end <= second["start"] for c in cues):
                country["status"] = "container"
                break


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR, is_trainable=False)
class PlaceExtractor(RuleComponent):
    @classmethod
    def create(cls, config, model_storage, resource, execution_context) -> "PlaceExtractor":
        city_names()    # built once when the model loads (seconds), not on a user's first message
        return cls(config)

    def process_message(self, message: Message) -> None:
        if is_payload(message):
            return
        text = message.get(TEXT)
        adb = aid_database()
        found: List[Dict[str, Any]] = []
        cursor = 0
        for resolution in adb.find_places(text):
            span = _span(text, resolution.text, cursor)
            if span is None or _common_word(resolution.text, text) or _short_form(resolution.text, adb):
                continue
            found.append(_entity(resolution, span[0], span[1], resolution.text))
            cursor = span[1]
        metric_spans = [(m.start, m.end) for m in metric_matcher().find(text)]
        cues = _question_words(text)
        # "phía Bắc" (the north), "kampung vietnam", "उत्तरी प्रांतों": phrases that name no place,
        # whatever the tagger or the shape of the sentence suggests
        no_place = [(m.start, m.end) for m in not_place_matcher().find(text)] + _period_spans(text) + \
            _question_spans(cues)
        # a country the sources do not name, or a city abroad ("Vientiane"): recognised as
        # foreign, not unknown; never inside a metric ("مالی امداد" is financial aid, not Mali)
        abroad = [(c.start, c.end, c.label, False) for c in find_countries(text)] + \
            [(c.start, c.end, c.country, True) for c in find_cities(text)]
        for start, end, code, city in abroad:
            if not _overlaps(start, end, _spans(found) + metric_spans):
                found.append(_foreign(text, start, end, code, city))
        for guess in entities(message, "place"):
            start, end = guess.get("start"), guess.get("end")
            if start is None or end is None or _overlaps(start, end, _spans(found) + metric_spans + no_place):
                continue
            typed = text[start:end].strip()
            if len(typed) < MIN_UNKNOWN_PLACE_CHARS:
                continue
            if _common_word(typed, text):
                continue        # "process hue": Hindi/Urdu "were", not Huế
            resolution = adb.resolve_place(typed)
            if resolution.status != "found" and _ordinary_words(text, start, end):
                continue        # "Trong" (in), "thuộc": words of the assistant's own, no place
            found.append(_entity(resolution, start, end, typed))
        _widen_to_kind_names(text, found)
        _other_numbered_group(text, found, adb)
        _mark_containers(cues, found, adb)
        asks_figure = bool(metric_spans) or _asks_figure(cues)
        # "Bihar ko Vietnam ke NGOs se kitni sahayata mili": the unknown name the question
        # is plainly about is its subject, whatever else it names
        recipient = unknown_recipient(text, asks_figure)
        named = [e for e in found if e["status"] != "container"]
        country_only = bool(named) and all(_home(e, adb, True) for e in named)
        span = recipient if named and not country_only else \
            recipient or find_unknown_place(text, asks_figure, beside_kind_only=country_only)
        if country_only and span is not None and span != recipient:
            for entity in named:
                entity["status"] = "container"     # "Wilayah Tanjung Emas kat Vietnam"
        for entity in found:
            if recipient and entity["status"] in ("unknown", "foreign") and \
                    _overlaps(entity["start"], entity["end"], [recipient]):
                entity["subject"] = True
        if span is not None and not _overlaps(span[0], span[1], _spans(found) + no_place):
            typed = text[span[0]:span[1]]
            resolution = adb.resolve_place(typed)
            if resolution.status != "found" or not resolution.candidates[0].exact:
                # a guess from the shape of the sentence is no place found by likeness
                resolution = replace(resolution, status="unknown")
            entity = _entity(resolution, span[0], span[1], typed)
            if found and span == recipient:
                entity["subject"] = True
            found.append(entity)
        found.sort(key=lambda e: e["start"])
        replace_entities(message, "place", found)
