"""Bad input gets a polite answer in the user's language and changes nothing."""
import hashlib
import sqlite3
import uuid

import pytest

from i18n import detect

BAD_INPUTS = [
    ("empty", ""),
    ("spaces", "   "),
    ("very long", "how much aid did Quang Nam get " * 170),          # ~5,000 characters
    ("emoji only", "🙂🙂🙏🇻🇳"),
    ("sql", "'; DROP TABLE reported_figure; --"),
    ("sql in a place", "how much aid did Quang Nam'); DELETE FROM source; -- get?"),
    ("control characters", "\x00\x07how many NGOs\x1b[31m in Son La\x08?"),
    ("crafted intent with sql entity", '/ask_aid_amount{"place": "x\'; DROP TABLE admin_unit; --"}'),
    ("crafted intent with odd entities", '/ask_count{"place": ["a", {"b": 1}], "metric": 12, "period": "year 99999"}'),
    ("crafted unknown intent", '/drop_database{"place": "Son La"}'),
    ("crafted broken json", '/ask_aid_amount{"place": '),
    ("absurd year", "how much aid did Quang Nam get in 3000?"),
    ("absurd year digits", "how many NGOs in Son La in 12345"),
]


def _fingerprint(database_url: str) -> str:
    path = database_url.removeprefix("sqlite:///")
    with sqlite3.connect(path) as connection:
        dump = "\n".join(connection.iterdump())
    return hashlib.sha256(dump.encode()).hexdigest()


@pytest.mark.parametrize("name,text", BAD_INPUTS, ids=[n for n, _ in BAD_INPUTS])
def test_bad_input_gets_polite_answer_and_changes_nothing(assistant, name, text):
    before = _fingerprint(assistant.database_url)
    messages = assistant.ask(f"bad-{uuid.uuid4().hex[:8]}", text, {"language_code": "en"})
    reply = "\n".join(m.get("text", "") for m in messages)
    assert reply.strip(), f"no answer to {name}"
    for leak in ("Traceback", "Exception", "sqlalchemy", "DROP TABLE", "Error:"):
        assert leak not in reply
    assert _fingerprint(assistant.database_url) == before


@pytest.mark.parametrize("lang,text", [
    ("vi", "' OR 1=1; --"),
    ("ur", "🙂🙂🙂"),
    ("hi", ""),
    ("ms", "/drop_database"),
])
def test_polite_answer_is_in_the_users_language(assistant, lang, text):
    """Too little text to detect a language: Telegram's language_code decides."""
    messages = assistant.ask(f"bad-{lang}-{uuid.uuid4().hex[:8]}", text, {"language_code": lang})
    reply = messages[0]["text"]
    detected = detect.detect_language(reply)
    assert detected is not None and detected.code == lang, reply


def test_absurd_year_is_explained_in_the_question_language(assistant):
    reply = assistant.text(f"bad-{uuid.uuid4().hex[:8]}", "Quảng Nam nhận bao nhiêu viện trợ năm 3000?")
    detected = detect.detect_language(reply)
    assert detected is not None and detected.code == "vi", reply
    assert "3000" in reply
