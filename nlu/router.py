"""IntentRouter: the intent, corrected by what the message names.

The classifier reads the wording; the extractors know what the message is about.
When they disagree, the things named win (all word lists: locale/question_words.yml):
- a message that names a place, a metric or a period is a question about figures,
  whatever small-talk intent (greeting, thanks, help, out of scope, low confidence)
  the classifier saw in it ("thanks, and Son La?", "projek pula?");
- a message that is little more than a place, a period or a metric ("Son La?",
  "and Can Tho", "2022 thi sao") leans on the previous question, unless it asks for
  an overview ("tell me about Son La");
- a question about the period of the last figure ("over what years?", "kab tak")
  is a follow-up;
- "NGO delegations" are delegations, "NGO funding" money: a metric word that only
  describes the one next to it is dropped, and a broad metric gives way to a narrower one;
- a change ("how much more aid", "did funding go up") is the question, the money
  words around it its subject;
- when a message names both money and something counted ("how much NGO funding",
  "how many aid projects"), the classifier's money-or-count reading decides which
  it asks about.
"""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Dict, List, Optional, Sequence, Tuple

import yaml
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.shared.nlu.constants import ENTITIES, INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message

from db.vocabulary import AID_METRICS, RELATIONS
from i18n import languages
from nlu.base import RuleComponent, entities, is_payload, replace_entities
from nlu.language_id import ATTRIBUTE as LANGUAGE, markers
from nlu.lexicon import PhraseMatcher
from nlu.metrics import metric_relations
from nlu.text import LOCALE_DIR, fold, words

QUESTION_WORDS_FILE = LOCALE_DIR / "question_words.yml"
MONEY = set(AID_METRICS) | {"aid_change"}
ASKING = ("count_question", "amount_question", "quantity_question")
QUESTION = "follow_up"      # a question that may lean on the conversation so far
# Intents a message naming something is never meant as.
SMALL_TALK = {"greet", "goodbye", "thank", "out_of_scope", "nlu_fallback", "help"}
# Intents a short message naming something is rarely meant as: the classifier is
# overruled when it is unsure.
UNSURE_ABOUT = {"ask_source", "ask_available_data", "choose_language"}
UNSURE = 0.7
# Intents a message that is little more than a name leans on the conversation from.
BARE_FROM = SMALL_TALK | UNSURE_ABOUT | {"ask_briefing"}
BARE_MAX_OTHER_WORDS = 2
SIGNS_JOINING = ("+", "&")
# Words that, with nothing named, point at the last figure: a word for a stretch of time
# ("trong bao nhiêu năm", "کن برسوں میں") or the figure itself ("angka itu", "số đó").
BACK_TO_THE_FIGURE = {"time_word", "figure_reference"}
PARTING = {"greet", "goodbye", "thank"}
THAT_PERIOD, YEAR_BEFORE = "that_period", "year_before"
NUMBER_CHECK_MAX_WORDS = 6
PER_COUNTRY_MAX_WORDS = 4   # "sister locality Thailand me", "sister cities does Quang Nam have in Japan"
# Things no sum of money is reported for: money asked of them is a figure the sources lack
# (places, projects, donors and the cluster's members do have their sums).
NO_MONEY_OF = {"twinned_villages", "sister_localities", "events", "international_agreements", "mous",
               "abtc_applications", "consular_cases", "citizen_protection_cases", "international_memberships"}


@lru_cache(maxsize=1)
def question_words(path: Path = QUESTION_WORDS_FILE) -> PhraseMatcher:
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    return PhraseMatcher([(w, kind) for kind, by_lang in data.items() for ws in by_lang.values() for w in ws])


def _named(message: Message) -> List[Dict[str, Any]]:
    # a foreign or unknown place is named too ("थाईलैंड को?" is a question, not small talk)
    places = [e for e in entities(message, "place") if e.get("status") in ("found", "ambiguous", "foreign", "unknown")]
    return (places + entities(message, "metric") + entities(message, "period") + entities(message, "direction")
            + entities(message, "unavailable"))


def _other_words(text: str, spans: List[Tuple[int, int]]) -> int:
    return sum(1 for w in words(text) if not any(s <= w.start < e for s, e in spans))


def _adjacent(text: str, first: Dict[str, Any], second: Dict[str, Any]) -> bool:
    return first["end"] <= second["start"] and not text[first["end"]:second["start"]].strip()


def _between(text: str, start: int, end: int, allowed: List[Tuple[int, int]]) -> bool:
    """Only spaces, commas and `allowed` spans (modifiers, conjunctions) lie between."""
    gap = list(text[start:end])
    for s, e in allowed:
        for i in range(max(s, start), min(e, end)):
            gap[i - start] = " "
    return not "".join(gap).strip(" ,/")


def _without_modifiers(text: str, head_first: bool, decided: bool, cues: List[Any],
                       metrics: List[Dict[str, Any]], separate: bool = False) -> List[Dict[str, Any]]:
    """Of two metric words side by side, the head is asked about and the other only
    describes it: "NGO delegations" are delegations, "NGO funding" and "bantuan NGO" money,
    "nilai projek" a value (the head comes first in a head-first language). A metric right
    after a question word is asked about whatever its neighbour ("kitne NGO madad ke liye
    aaye" counts NGOs; words like "foreign" may stand between), and money beside a count
    is left to the intent when it says which (`decided`: "được NGO tài trợ bao nhiêu" is
    money). A broad metric gives way to a narrower one first ("hantar delegasi ke luar
    negara" is outgoing), and one that describes another named metric to it ("visitors
    with the delegations") unless the two are joined ("NGOs and individuals": both asked), or asked in
    clauses of their own (`separate`)."""
    relations = metric_relations()
    modifiers = [(c.start, c.end) for c in cues if c.label == "counted_modifier"]
    determiners = [(c.start, c.end) for c in cues if c.label == "determiner"]
    demonstratives = [(c.start, c.end) for c in cues if c.label == "demonstrative"]

    def pointed_back(metric: Dict[str, Any]) -> bool:
        return any(not text[metric["end"]:start].strip() for start, _ in demonstratives if start >= metric["end"])

    def worth_of_those(i: int) -> bool:
        """"mấy dự án đó trị giá bao nhiêu": those projects, then what they are worth."""
        following = metrics[i + 1] if i + 1 < len(metrics) else None
        return following is not None and pointed_back(metrics[i]) and metrics[i]["value"] not in MONEY \
            and following["value"] in AID_METRICS and metrics[i]["end"] < following["start"] \
            and _between(text, metrics[i]["end"], following["start"], demonstratives)
    joints = [(c.start, c.end) for c in cues if c.label == "conjunction"]

    def joined_pair(metric: Dict[str, Any], other: Dict[str, Any]) -> bool:
        first, second = sorted((metric, other), key=lambda e: e["start"])
        if text[first["end"]:second["start"]].strip() in SIGNS_JOINING:
            return True     # "projects + value": a sign no word list can hold
        return any(first["end"] <= s and e <= second["start"] for s, e in joints) \
            and _between(text, first["end"], second["start"], joints + modifiers)

    def asked_again(metric: Dict[str, Any], other: Dict[str, Any]) -> bool:
        """"kitne members h aur unme se kitno ki growth...": a second question after "and"."""
        first, second = sorted((metric, other), key=lambda e: e["start"])
        return any(first["end"] <= j_start and any(j_end <= c.start and c.end <= second["start"]
                                                    for c in cues if c.label in ASKING)
                   for j_start, j_end in joints)

    # "how many members, and how many of them grow faster" asks both; otherwise the
    # narrower one ("mấy tỉnh thuộc top đầu GRDP")
    metrics = sorted((m for m in metrics if not any(
        o["value"] in relations.narrower.get(m["value"], set()) and not joined_pair(m, o)
        and not asked_again(m, o) for o in metrics)), key=lambda e: e["start"])

    def heads_nothing(metric: Dict[str, Any]) -> bool:
        return not any(other is not metric and _adjacent(text, metric, other) for other in metrics)

    def asks(cue, metric) -> bool:
        # "how much" asks for money, "how many" for a count, "kitni" for either; the word
        # stands before what it asks about, or right after it ("commitment kitni thi");
        # "how many money" asks for money all the same (but "how many aid projects" projects)
        before = cue.end <= metric["start"] and _between(text, cue.end, metric["start"], modifiers)
        fits = cue.label == "quantity_question" or (cue.label == "amount_question") == (metric["value"] in MONEY) \
            or (cue.label == "count_question" and metric["value"] in AID_METRICS and before
                and not text[cue.end:metric["start"]].strip() and heads_nothing(metric))
        after = metric["end"] <= cue.start and not text[metric["end"]:cue.start].strip()
        return cue.label in ASKING and fits and (before or after)

    asked = [any(asks(c, m) for c in cues) for m in metrics]
    # "kitne NGO madad ke liye aaye": a count word asks for the NGOs; "kitni videshi NGO
    # sahayata" (either word) asks for the whole "NGO aid", whose head is the aid
    counted = [any(asks(c, m) for c in cues if c.label == "count_question") for m in metrics]

    def joined(metric: Dict[str, Any]) -> bool:
        return any(other is not metric and joined_pair(metric, other) for other in metrics)

    english = [_english(m) for m in metrics]

    def siblings(metric: Dict[str, Any], other: Dict[str, Any]) -> bool:
        """"đoàn ra đoàn vào": two kinds of one thing are both asked, neither describes the other."""
        return any({metric["value"], other["value"]} <= narrower for narrower in relations.narrower.values())

    def head_of(i: int) -> Tuple[Optional[Dict[str, Any]], bool]:
        """The neighbour that would be metric i's head, and whether it comes first. Two
        English loanwords are typed in either order ("NGO project ở Cụm 2", "delegation
        NGO"): the one naming the donors describes the other."""
        for k in (i - 1, i + 1):
            if english[i] and 0 <= k < len(metrics) and english[k]:
                donor, other = (metrics[i]["value"] in relations.donors, metrics[k]["value"] in relations.donors)
                if donor and not other:
                    return metrics[k], k < i
                if other and not donor:
                    return None, head_first
        j = i - 1 if head_first else i + 1
        return (metrics[j] if 0 <= j < len(metrics) else None), head_first

    for i, metric in enumerate(metrics):
        head, first = head_of(i)
        # "NGO asing salurkan brp": the givers before the giving, in a head-first language, are its
        # subject; the money stays asked
        givers_then_giving = first and head["value"] in relations.donors and metric["value"] in MONEY \
            if head is not None else False
        if head is not None and asked[i] and not counted[i] and head["value"] != metric["value"] and (
                _adjacent(text, head, metric) if first else _adjacent(text, metric, head)) and not givers_then_giving:
            j = metrics.index(head)
            asked[i], asked[j] = False, True    # "kitni NGO sahayata": the whole, headed by the aid
    possessives = [(c.start, c.end) for c in cues if c.label == "possessive"]
    for i in range(len(metrics) - 1):
        owner, owned = metrics[i], metrics[i + 1]
        if asked[i] and owner["end"] < owned["start"] and any(
                owner["end"] <= s and e <= owned["start"] for s, e in possessives) and \
                _between(text, owner["end"], owned["start"], possessives):
            asked[i], asked[i + 1] = False, True    # "kitni grants ki raqam": the grants' amount
    direct = list(asked)
    for i, metric in enumerate(metrics):
        # "kitni grants aur projects": what is joined to the asked thing is asked too
        asked[i] = asked[i] or any(direct[k] and joined_pair(metric, other)
                                   for k, other in enumerate(metrics) if other is not metric)
    kept = []
    for i, metric in enumerate(metrics):
        head, first = head_of(i)
        adjacent = head is not None and head["value"] != metric["value"] and (
            _adjacent(text, head, metric) if first else _adjacent(text, metric, head)) \
            and not siblings(metric, head)
        mixed = head is not None and (metric["value"] in MONEY) != (head["value"] in MONEY)
        if adjacent and head["value"] == "aid_change" and "aid_change" in relations.described.get(metric["value"], set()):
            adjacent = False    # "above avg growth": the growth is this metric's, not aid's
        # "nilai projek", "giá trị mấy dự án đó" (head first): the value of the projects is
        # asked, whatever the intent
        value_of = head is not None and first and head["value"] in AID_METRICS and metric["value"] not in MONEY \
            and metric["value"] not in relations.donors and (not counted[i] or pointed_back(metric)) \
            and (adjacent or (head["end"] < metric["start"] and _between(text, head["end"], metric["start"], determiners)))
        # a change ("how much more aid") is a question about its neighbour, never its modifier
        if (adjacent or value_of) and metric["value"] != "aid_change" and (
                value_of or (not (counted[i] and mixed) and not (mixed and decided))):
            continue
        if worth_of_those(i):
            continue
        kept.append(dict(metric, asked=True) if asked[i] else metric)
    # then among the heads: "đón bao nhiêu đoàn khách" keeps its delegations, "khách" was a modifier
    heads = {e["value"] for e in kept}
    withs = [(c.start, c.end) for c in cues if c.label == "with"]

    def partner_of_another(metric: Dict[str, Any]) -> bool:
        """"mou w foreign partners how many", "MOU với đối tác": what follows "with" after the
        thing it describes is that thing's partner, however the question word lies."""
        for other in kept:
            if metric["value"] in relations.described.get(other["value"], set()) and any(
                    other["end"] <= start and end <= metric["start"] and not text[end:metric["start"]].strip(" ,")
                    for start, end in withs):
                return True
        return False

    return [dict(m, joined=True) if joined(m) else m for m in kept
            if not partner_of_another(m) and (m.get("asked") or joined(m) or separate or not any(
                m["value"] in relations.described.get(other, set()) for other in heads))]


def _english(metric: Dict[str, Any]) -> bool:
    """A metric typed as English loanwords ("NGO", "project", "funding")."""
    folded = [w.folded for w in words(metric.get("text") or "")]
    return bool(folded) and all(markers().loans.get(w) == "en" for w in folded)


def _head_first(message: Message) -> bool:
    """Vietnamese and Malay put the head noun first ("dự án viện trợ", "bantuan NGO")."""
    code = (message.get(LANGUAGE) or {}).get("code")
    return bool(code) and languages.get(code).head_first


def _given_by(text: str, metric: Dict[str, Any], givers: Sequence[Tuple[int, int]]) -> bool:
    """A word naming the giver right before or after the metric ("from NGOs", "NGOs se")."""
    return any(not text[end:metric["start"]].strip() for _, end in givers if end <= metric["start"]) or \
        any(not text[metric["end"]:start].strip() for start, _ in givers if start >= metric["end"])


def _separate_questions(text: str, metrics: List[Dict[str, Any]], cue_matches: List[Any]) -> bool:
    """"projects how many, value how much?", "kitne programmes aur grants mile aur unki maaliyat
    kya thi", "कितने निकाय हैं और कितने देशों के": two things in two clauses (split by a comma
    or "and"), each with its own question word, are two questions."""
    asking = [(c.start, c.end) for c in cue_matches if c.label in ASKING]
    breaks = [(c.start, c.end) for c in cue_matches if c.label == "conjunction"] + \
        [(i, i + 1) for i, ch in enumerate(text) if ch in ",;"]
    for i, one in enumerate(metrics):
        for other in metrics[i + 1:]:
            if one.get("value") == other.get("value"):
                continue
            first, second = sorted((one, other), key=lambda e: e["start"])
            for start, end in breaks:
                if first["end"] <= start and end <= second["start"] and \
                        any(s < start for s, _ in asking) and any(s >= end for s, _ in asking) and \
                        _alone_in_clause(first, metrics, 0, start) and _alone_in_clause(second, metrics, end, len(text)):
                    return True
    return False


def _alone_in_clause(metric: Dict[str, Any], metrics: List[Dict[str, Any]], start: int, end: int) -> bool:
    """No metric of the other kind (money or count) shares the clause: "un projects pe kitna
    paisa laga, funding kitni thi" asks for money twice, not for the projects."""
    money = metric.get("value") in MONEY
    return not any(start <= m["start"] and m["end"] <= end and (m.get("value") in MONEY) != money
                   for m in metrics)


def _keep_metrics(intent: str, cues: set, metrics: List[Dict[str, Any]], places: int, text: str,
                  givers: Sequence[Tuple[int, int]], separate: bool = False) -> List[Dict[str, Any]]:
    if intent == "compare" and places >= 2:
        # "the difference between Bac Ninh and Hai Duong" compares places, not a change
        metrics = [e for e in metrics if e.get("value") != "aid_change"]
    if any(e.get("value") == "aid_change" for e in metrics):
        # "peningkatan bantuan NGO asing": the NGOs' aid changed, nothing of theirs is counted
        metrics = [e for e in metrics if e.get("value") not in AID_METRICS and not (
            e.get("value") in metric_relations().donors and not e.get("asked"))]
    # "Son La ka NGO kitna hai registered": "kitna" asks for money only when the classifier
    # does not read a count
    asks_amount = (intent == "ask_aid_amount" or ("amount_question" in cues and intent != "ask_count")) \
        and "count_question" not in cues
    if asks_amount and metrics and "arrival" not in cues and all(
            e.get("value") in metric_relations().donors and not e.get("asked")
            and ("amount_question" in cues or _given_by(text, e, givers)) for e in metrics):
        # "how much did Quang Nam get from foreign NGOs?", "QN dapat brp dari NGO": the NGOs
        # give, the money is asked ("ngo kat sana ad brp" counts them, and so does "kitna NGO
        # sanstha aaya": they came)
        return []
    money = [e for e in metrics if e.get("value") in MONEY]
    counts = [e for e in metrics if e.get("value") not in MONEY]
    relations = metric_relations()
    if money and all(fold(e.get("text") or "") in relations.ambiguous for e in money) \
            and any(e.get("value") not in relations.donors or "arrival" in cues for e in counts):
        # "कितनी संस्थाएं और लोग मदद करने आए": they came to help, the help is no sum
        return counts
    if money and counts:
        if separate or {e.get("value") in MONEY for e in money + counts if e.get("asked")} == {True, False}:
            # "kitne projects mile aur unki total commitment kitni thi": two questions
            return metrics
        if any(fold(e.get("text") or "") in relations.currencies for e in money):
            return money    # "grants mile NGOs se, kul kitne the dollars me": an amount in a currency
        if any(e.get("asked") and e.get("value") in AID_METRICS for e in money) and \
                not any(e.get("asked") for e in counts):
            return money    # "how many money from foreign NGO": the money is what the question word asks
        asks_count, asks_amount = "count_question" in cues, "amount_question" in cues
        if asks_count != asks_amount:
            return counts if asks_count else money
        if any(e.get("joined") for e in money) and any(e.get("joined") for e in counts):
            return metrics      # "ngo projects + value": both, joined
        asked = {e.get("value") in MONEY for e in money + counts if e.get("asked")}
        if not asks_count and len(asked) == 1:
            # "کتنی foreign NGOs آئیں aid کے لیے": what follows the question word is asked
            return money if asked.pop() else counts
        if intent == "ask_aid_amount":
            return money
        if intent == "ask_count":
            return counts
    return metrics


def route(intent: str, confidence: float, text: str, named: List[Dict[str, Any]], cues: set) -> str:
    doubtful = intent in SMALL_TALK or (intent in UNSURE_ABOUT and confidence < UNSURE)
    places = any(e.get("entity") == "place" for e in named)
    # "20 tahun tu dari tahun bila ke bila": "that period" points back, it names no period
    pointing_back = [e for e in named if e.get("entity") == "period" and e.get("value") == THAT_PERIOD]
    if "period_question" in cues and (doubtful or intent in ("ask_briefing", "ask_available_data", "ask_source")
                                      or (intent == "ask_history" and not places)
                                      or (intent in ("ask_aid_amount", "ask_count") and len(named) == len(pointing_back))):
        return QUESTION     # "over what years?", "is that per yr or in total": the last figure's period
    if intent == "ask_history" and cues & set(ASKING) and not places:
        return QUESTION     # "jadi 2023 semuanya berapa": a number asked, no merger to date
    if not named and cues & BACK_TO_THE_FIGURE and intent not in PARTING and "total" not in cues:
        # "over what stretch of years?", "is that figure stated or worked out?", "hồi nào
        # dô dợ": nothing new is named, the question is about the last figure (the total of
        # the whole period is a question of its own: "vay tong ca giai doan la bn")
        return QUESTION
    if not named and "side_by_side" in cues and intent not in PARTING:
        return QUESTION     # "dono varsh ke aankde bhi": the last question, each side's figure
    if named and cues & BACK_TO_THE_FIGURE and intent in ("ask_available_data", "ask_briefing") \
            and "briefing" not in cues:
        return QUESTION     # "Quang Nam ke liye yahi aankda dijiye": that figure, for another place
    if not named and "total" in cues and doubtful and intent not in PARTING:
        return QUESTION     # "jumlah penuh?", "in total?": the last question, its total
    if "which_ones" in cues and not named and (doubtful or intent in UNSURE_ABOUT | {"ask_briefing", "rank"}):
        return QUESTION     # "which ones are they?": the things the last figure counts
    if not named:
        if any(ch.isdigit() for ch in text) and len(words(text)) <= NUMBER_CHECK_MAX_WORDS:
            return QUESTION     # "is it 31", "more than 400?": a check of the last figure, answered with it
        if intent in SMALL_TALK and cues & set(ASKING):
            return QUESTION     # "habis tu total keseluruhan brp": a question word is no goodbye
        if doubtful and cues & {"rank", "compare"}:
            # "mana lg byk": which of the places just answered has more
            return "rank" if "rank" in cues else "compare"
        return intent
    if intent in ("help", "thank") and all(
            e.get("entity") == "metric" and fold(e.get("text") or "") in metric_relations().ambiguous for e in named):
        return intent       # "मदद कीजिए", "शुक्रिया बहुत मदद मिली": help is no aid here
    if intent == "ask_aid_amount" and "count_question" in cues and "amount_question" not in cues and \
            not any(e.get("entity") == "metric" for e in named):
        return "ask_count"  # "aur Son La ko 2023 mein kitne mile": a count, of what the conversation counts
    if intent == "compare" and "compare" not in cues:
        return QUESTION     # "còn riêng Sơn La năm 2023": nothing is set against anything
    if intent == "compare" and any(e.get("value") == "aid_change" for e in named if e.get("entity") == "metric") \
            and sum(e.get("entity") == "place" for e in named) < 2 and sum(e.get("entity") == "period" for e in named) < 2:
        return QUESTION     # "2022 के मुकाबले कितना फर्क आया": a change, stated against its base year
    if intent == "rank" and "rank" not in cues:
        return QUESTION     # "projects they got?": nothing asks for the most or the least
    if "correction" in cues:
        return QUESTION     # "sorry, I meant Son La": the last question, about another place
    if intent == "ask_source" and "source" not in cues:
        return QUESTION     # "so the difference is": nothing asks where a figure comes from
    if doubtful or intent == "choose_language":
        # "english me batana pls: how much more than 2022?": the language request is
        # kept (LanguageNameExtractor); the question is answered in it
        return QUESTION
    spans = [(e["start"], e["end"]) for e in named if isinstance(e.get("start"), int)]
    bare = _other_words(text, spans) <= BARE_MAX_OTHER_WORDS and "briefing" not in cues
    return QUESTION if intent in BARE_FROM and bare else intent


def _abroad_in_database(place: Dict[str, Any]) -> bool:
    """Laos or Sekong: foreign places the sources name, held by the database."""
    from nlu.services import aid_database

    unit = aid_database().unit(place.get("value")) if place.get("status") == "found" else None
    return unit is not None and unit.is_foreign


def _per_country(text: str, metrics: List[Dict[str, Any]], places: List[Dict[str, Any]], cues: set):
    """A relation (sister localities, MOUs...) or aid, with a foreign country a few words from
    it, a Vietnamese place named and no word asking for the total: the sources break neither
    down by country. (the metric entity, an `unavailable` entity) or None."""
    foreign = [p for p in places if p.get("status") == "foreign" or _abroad_in_database(p)]
    if "total" in cues or not any(p.get("status") == "found" for p in places) or len(foreign) > 1 \
            or any(m.get("value") == "partner_countries" for m in metrics):
        return None     # "Thailand is one of them; how many partner countries in total?",
                        # "kitne countries hain? Laos, China etc", "kat Laos, China, Jepun semua tu":
                        # examples of the countries asked
    # relations, and money given by one country ("ODA kerajaan Jepun utk Son La")
    for metric in (m for m in metrics if m.get("value") in RELATIONS or m.get("value") in AID_METRICS):
        for place in (p for p in places if p.get("status") == "foreign" and isinstance(p.get("start"), int)):
            first, second = sorted((metric, place), key=lambda e: e["start"])
            named = [(p["start"], p["end"]) for p in places if isinstance(p.get("start"), int)]
            gap = [w for w in words(text[first["end"]:second["start"]])
                   if not any(s <= first["end"] + w.start < e for s, e in named)]
            if len(gap) <= PER_COUNTRY_MAX_WORDS:
                asked = f"{text[metric['start']:metric['end']]} – {text[place['start']:place['end']]}"
                return metric, {"entity": "unavailable", "start": first["start"], "end": second["end"],
                                "value": asked, "text": asked, "extractor": "IntentRouter"}
    return None


def _money_of(text: str, kept: List[Dict[str, Any]], named: List[Dict[str, Any]]):
    """"in gaon ko kitna fund mila", "funding for the twinned villages": money asked of
    something that is no place, no project and no donor; the sources state no such sum.
    An `unavailable` entity, or None."""
    if not kept or any(e.get("value") not in AID_METRICS for e in kept):
        return None
    for money in kept:
        for other in (e for e in named if e.get("value") in NO_MONEY_OF and isinstance(e.get("start"), int)):
            first, second = sorted((money, other), key=lambda e: e["start"])
            if len(words(text[first["end"]:second["start"]])) <= PER_COUNTRY_MAX_WORDS:
                asked = f"{text[money['start']:money['end']]} – {text[other['start']:other['end']]}"
                return {"entity": "unavailable", "start": first["start"], "end": second["end"],
                        "value": asked, "text": asked, "extractor": "IntentRouter"}
    return None


def _mark(message: Message, cue_matches: List[Any], label: str, value: str) -> None:
    """An entity named after a cue ("which_ones", "among", "side_by_side"), at its first
    match, for the actions to read how this turn asks."""
    cue = next(m for m in cue_matches if m.label == label)
    replace_entities(message, label, [{"entity": label, "start": cue.start, "end": cue.end,
                                       "value": value, "extractor": "IntentRouter"}])


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER, is_trainable=False)
class IntentRouter(RuleComponent):
    def process_message(self, message: Message) -> None:
        if is_payload(message):
            return
        classified = message.get(INTENT) or {}
        intent, confidence = classified.get("name"), classified.get("confidence", 0.0)
        text = message.get(TEXT)
        metric_spans = [(e["start"], e["end"]) for e in entities(message, "metric") if isinstance(e.get("start"), int)]
        # "top đầu cả nước" names a metric, it asks for no ranking
        cue_matches = [m for m in question_words().find(text) if m.label not in ("rank", "compare", "ratio")
                       or not any(s <= m.start and m.end <= e for s, e in metric_spans)]
        cues = {m.label for m in cue_matches}
        # "is that per yr or in total": a question about the period, "total" names no money
        asks_period = [(m.start, m.end) for m in cue_matches if m.label == "period_question"]
        named = [e for e in _named(message) if not (e.get("entity") == "metric" and any(
            s <= e["start"] and e["end"] <= t for s, t in asks_period))]
        routed = route(intent, confidence, text, named, cues)
        if routed != intent:
            message.set(INTENT, {"name": routed, "confidence": confidence, "routed_from": intent},
                        add_to_output=True)
        metrics = [e for e in entities(message, "metric")
                   if not any(s <= e["start"] and e["end"] <= t for s, t in asks_period)]
        decided = routed in ("ask_aid_amount", "ask_count") or ("count_question" in cues) != ("amount_question" in cues)
        places = sum(1 for e in entities(message, "place") if e.get("status") == "found")
        # "tổ chức từ thiện" (charities) holds "từ" (from) in a metric's name
        givers = tuple((m.start, m.end) for m in cue_matches if m.label == "from"
                       and not any(s <= m.start and m.end <= e for s, e in metric_spans))
        if any(e.get("value") in MONEY for e in metrics):
            # "Total aid utk VN tahun 2023 from foreign NGOs berapa": the NGOs give the money asked
            metrics = [e for e in metrics if not (e.get("value") in metric_relations().donors
                                                  and _given_by(text, e, givers))]
        separate = _separate_questions(text, metrics, cue_matches)
        heads = _without_modifiers(message.get(TEXT), _head_first(message), decided, cue_matches, metrics, separate)
        kept = _keep_metrics(routed, cues, heads, places, text, givers, separate)
        kept = [{k: v for k, v in e.items() if k != "asked"} for e in kept]
        if routed in ("help", "thank"):
            # "مدد کیجیے", "shukriya bahut madad mili": the help is no metric
            kept = [e for e in kept if fold(e.get("text") or "") not in metric_relations().ambiguous]
        money_of = _money_of(text, kept, metrics)
        if money_of is not None:
            kept = []
            replace_entities(message, "unavailable", [money_of])
        per_country = _per_country(text, kept, entities(message, "place"), cues)
        if per_country is not None:
            # "QN ki sister locality Thailand me kitni hain": the sources count no relation
            # per country; asked as such, it is something they do not report
            # ("vốn ODA Nhật Bản": every money word of the question goes with it)
            money = per_country[0].get("value") in MONEY
            kept = [e for e in kept if e is not per_country[0] and not (money and e.get("value") in MONEY)]
            replace_entities(message, "unavailable", [per_country[1]])
        if "which_ones" in cues:
            _mark(message, cue_matches, "which_ones", "list")
        if "side_by_side" in cues:
            # "compare aid in 2022 and 2023": each side's figure is asked, not only the change
            _mark(message, cue_matches, "side_by_side", "both")
        if "ratio" in cues:
            # "bình quân mỗi dự án bao nhiêu", "iska anupaat": the figures a ratio is made of
            _mark(message, cue_matches, "ratio", "parts")
        if "among" in cues and not cues & set(ASKING):
            # "Is Belarus one of them?": asks about the list, not for a number
            _mark(message, cue_matches, "among", "list")
        unavailable = [e for e in entities(message, "unavailable") if isinstance(e.get("start"), int)]
        # "FDI masuk brp", "FDI projects": a word right next to something the sources do not
        # report describes it; it asks no figure of its own
        kept = [e for e in kept if not any(_adjacent(text, e, u) or _adjacent(text, u, e) for u in unavailable)]
        changes = [(e["start"], e["end"]) for e in kept if e.get("value") == "aid_change"]
        # "pichle saal se kitna zyada", "than the year before": the period is the change's base
        periods = [e for e in entities(message, "period")
                   if not any(s < e["end"] and e["start"] < t for s, t in changes)
                   # "lbh brp dr thn sblm": the year before is what the change is measured from
                   and not (changes and e.get("value") == YEAR_BEFORE)]
        if len(kept) != len(entities(message, "metric")) or len(periods) != len(entities(message, "period")):
            others = [e for e in message.get(ENTITIES) or [] if e.get("entity") not in ("metric", "period")]
            message.set(ENTITIES, others + kept + periods, add_to_output=True)
