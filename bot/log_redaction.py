"""Keeps the bot's secrets out of every log line: the bot token, the sender id
secret and the webhook secret token.

The token is part of every Bot API URL, and several libraries log those URLs
(httpx's "HTTP Request: POST https://api.telegram.org/bot<token>/getUpdates",
PTB's debug lines, the text of PTB's InvalidToken error). A filter on one
logger would miss records of the others, so the redaction sits in the log
record factory: every record, from any logger, is cleaned when it is created,
before any handler (a file, the console, pytest's capture) can see it. The
other secrets are not expected in any log line; they are registered all the
same, so that an exception text or a debug line of a library that happens to
contain one (PTB logs setWebhook's parameters at debug level) shows a
placeholder instead.
"""

from __future__ import annotations

import logging
import traceback

REDACTED = "<redacted-token>"

_secrets: dict[str, str] = {}  # secret -> its placeholder
_factory_installed = False


def redact_secret(secret: str, name: str = "token") -> None:
    """From now on, ``secret`` is replaced by ``<redacted-{name}>`` in all log records."""
    global _factory_installed
    if secret:
        _secrets[secret] = f"<redacted-{name}>"
    if not _factory_installed:
        logging.setLogRecordFactory(_redacting_factory(logging.getLogRecordFactory()))
        _factory_installed = True


def redact_secrets(secrets: dict[str, str]) -> None:
    """``redact_secret`` for each (name, secret), e.g. ``BotConfig.secrets()``."""
    for name, secret in secrets.items():
        redact_secret(secret, name)


def redact(text: str) -> str:
    # Longest first: a secret that contains another is replaced whole.
    for secret in sorted(_secrets, key=len, reverse=True):
        text = text.replace(secret, _secrets[secret])
    return text


def _redacting_factory(make_record):
    def make_redacted_record(*args, **kwargs) -> logging.LogRecord:
        record = make_record(*args, **kwargs)
        try:
            _clean(record)
        except Exception:  # a log call must never fail because of redaction
            record.msg, record.args = "log record dropped: could not be checked for secrets", None
        return record

    return make_redacted_record


def _clean(record: logging.LogRecord) -> None:
    message = record.getMessage()
    cleaned = redact(message)
    if cleaned != message:
        record.msg, record.args = cleaned, None
    if record.exc_info and record.exc_info[0] is not None:
        # Formatters reuse exc_text when set, so the traceback is rendered once, clean.
        rendered = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
        record.exc_text = redact(rendered)
    if record.stack_info:
        record.stack_info = redact(record.stack_info)


def configure_logging(level: int = logging.INFO) -> None:
    logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s", level=level)
    # One line per Bot API request (every long poll) is noise; warnings still show.
    logging.getLogger("httpx").setLevel(logging.WARNING)
