"""Which language to answer in, decided afresh every turn.

1. A language the user asks for in this message ("answer in Urdu", the bot's
   /language menu) or chose before.
2. The language the message is written in, as the NLU pipeline identified it; to
   switch away from the previous reply's language, a language may ask for more
   evidence (`switch_evidence` in languages.yml: "and projects?" in a Malay
   conversation stays Malay).
   Hindi or Urdu typed in Latin letters share most words; for them the user's
   Telegram language (when it is one of the candidates) comes first, then the
   words used, then the previous reply's language. Other languages the words leave
   tied (English and Malay in "compare dgn quang nam punya total funding") keep the
   previous reply's language when it is one of them, and so does a message in a language
   whose words are typed inside others' (`mixed_in`: English) that has words of the
   previous reply's language too ("over how many years tu?").
3. A message that shows no language ("2022?", "Son La?", "ok"): the previous
   reply's language, then Telegram's, then the default.
"""
from __future__ import annotations

from typing import Optional

from i18n import languages

from actions.turn import Turn


def _written_in_own_script(code: str, script: Optional[str]) -> bool:
    if not script:
        return True
    return script in {s.upper() for s in languages.get(code).scripts}


def reply_language(turn: Turn, chosen_slot: Optional[str], previous: Optional[str]) -> str:
    code = languages.normalize(turn.requested_language()) or languages.normalize(chosen_slot)
    if code:
        return code
    evidence = turn.language
    telegram = languages.normalize(turn.telegram_language)
    previous = languages.normalize(previous)
    candidates = tuple(c for c in (languages.normalize(x) for x in evidence.candidates) if c)
    code = languages.normalize(evidence.code)
    if not turn.is_payload:
        transliterated = [c for c in candidates if not _written_in_own_script(c, evidence.script)]
        if transliterated:
            for choice in (telegram, code, previous):
                if choice in transliterated:
                    return choice
            return transliterated[0]
        if previous in candidates and len(candidates) > 1:
            return previous     # "compare dgn quang nam punya total funding": a tie keeps the conversation's
        if code and previous and code != previous and languages.get(code).mixed_in \
                and evidence.scores.get(previous, 0.0) > 0:
            return previous     # "over how many years tu?": English words inside a Malay message
        if code and (previous in (None, code) or evidence.score >= languages.get(code).switch_evidence):
            return code
        if previous:
            return previous
    for choice in (previous, telegram):
        if choice:
            return choice
    return languages.default()
