"""Which language to answer in, decided afresh every turn."""
from __future__ import annotations

from typing import Optional

from i18n import detect, languages

from actions.turn import Turn

# Load the detector's models when the action server starts, not on the first message.
detect.warm_up()


def reply_language(turn: Turn, chosen_slot: Optional[str], previous: Optional[str]) -> str:
    """Chosen language > language of this message > last reply's > Telegram's > default.

    A language chosen in the bot's /language menu arrives in the metadata and
    counts as chosen too. Telegram's language_code is only a fallback for
    messages too short to tell.
    """
    for candidate in (turn.chosen_language, chosen_slot):
        code = languages.normalize(candidate)
        if code:
            return code
    if not turn.is_payload:
        detection = detect.detect_language(turn.text_without("place", "period"))
        if detection is not None:
            return detection.code
    for candidate in (previous, turn.telegram_language):
        code = languages.normalize(candidate)
        if code:
            return code
    return languages.default()
