"""Bot settings, read once from the environment.

The token, the sender id secret and the webhook secret are kept out of
``repr()`` so that a logged or printed config never shows them.
"""

from __future__ import annotations

import os
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping
from urllib.parse import urlsplit

from bot.sender_id import MIN_SECRET_LENGTH

TELEGRAM_API_BASE_URL = "https://api.telegram.org/bot"
DEFAULT_RASA_URL = "http://localhost:5005"
DEFAULT_STATE_FILE = "var/bot-state.pickle"
DEFAULT_RASA_TIMEOUT = 8.0
WEBHOOK_SECRET_PATTERN = re.compile(r"[A-Za-z0-9_-]{1,256}")


class ConfigError(ValueError):
    """The environment does not describe a runnable bot; the message says how to fix it."""


@dataclass(frozen=True)
class WebhookConfig:
    url: str  # public address Telegram posts updates to (Telegram itself requires https)
    # Telegram sends it with every update (X-Telegram-Bot-Api-Secret-Token); PTB's webhook
    # server answers 403 to any request without it. Always set: see _webhook().
    secret: str = field(repr=False)
    listen: str = "0.0.0.0"
    port: int = 8443
    secret_generated: bool = False  # True: made up at start, none was configured

    @property
    def path(self) -> str:
        """The local path the webhook server answers on: the path of the public URL."""
        return urlsplit(self.url).path.lstrip("/")


@dataclass(frozen=True)
class BotConfig:
    token: str = field(repr=False)
    sender_id_secret: str = field(repr=False)  # keys the sender ids given to Rasa (bot/sender_id.py)
    rasa_url: str = DEFAULT_RASA_URL
    rasa_timeout: float = DEFAULT_RASA_TIMEOUT
    api_base_url: str = TELEGRAM_API_BASE_URL
    allowed_user_ids: frozenset[int] = frozenset()  # empty: everyone may use the bot
    state_file: Path = Path(DEFAULT_STATE_FILE)
    webhook: WebhookConfig | None = None

    @property
    def api_file_url(self) -> str:
        """PTB's ``base_file_url``: Telegram serves files under ``/file/bot<token>``."""
        base = self.api_base_url.rstrip("/")
        if base.endswith("/bot"):
            return base[: -len("/bot")] + "/file/bot"
        return base + "/file/bot"

    @property
    def is_public(self) -> bool:
        return not self.allowed_user_ids

    def secrets(self) -> dict[str, str]:
        """The secrets in this config by name, for log redaction."""
        found = {"token": self.token, "sender-id-secret": self.sender_id_secret}
        if self.webhook is not None:
            found["webhook-secret"] = self.webhook.secret
        return found

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> "BotConfig":
        env = os.environ if env is None else env
        token = env.get("TELEGRAM_BOT_TOKEN", "").strip()
        if not token:
            raise ConfigError(
                "TELEGRAM_BOT_TOKEN is not set. Create a bot with @BotFather "
                "(see docs/telegram.md) and export its token, e.g. "
                "TELEGRAM_BOT_TOKEN=123456:ABC... make bot"
            )
        return cls(
            token=token,
            sender_id_secret=_sender_id_secret(env),
            rasa_url=env.get("RASA_URL", "").strip() or DEFAULT_RASA_URL,
            rasa_timeout=_positive_float(env, "RASA_TIMEOUT", DEFAULT_RASA_TIMEOUT),
            api_base_url=env.get("TELEGRAM_API_BASE_URL", "").strip() or TELEGRAM_API_BASE_URL,
            allowed_user_ids=_user_ids(env.get("ALLOWED_USER_IDS", "")),
            state_file=Path(env.get("BOT_STATE_FILE", "").strip() or DEFAULT_STATE_FILE),
            webhook=_webhook(env),
        )


def _sender_id_secret(env: Mapping[str, str]) -> str:
    secret = env.get("SENDER_ID_SECRET", "").strip()
    how = (
        "It keys the sender ids the bot gives Rasa, so that nobody who can reach Rasa "
        "can speak as a Telegram user. Generate one and keep it (a new secret starts every "
        "conversation afresh), e.g. "
        "export SENDER_ID_SECRET=$(python3 -c 'import secrets; print(secrets.token_hex(32))')"
    )
    if not secret:
        raise ConfigError(f"SENDER_ID_SECRET is not set. {how}")
    if len(secret) < MIN_SECRET_LENGTH:
        raise ConfigError(
            f"SENDER_ID_SECRET is too short ({len(secret)} characters; at least "
            f"{MIN_SECRET_LENGTH} are needed). {how}"
        )
    return secret


def _user_ids(raw: str) -> frozenset[int]:
    ids = set()
    for part in raw.replace(" ", "").split(","):
        if not part:
            continue
        try:
            ids.add(int(part))
        except ValueError:
            raise ConfigError(
                f"ALLOWED_USER_IDS must be comma-separated numeric Telegram user ids; got {part!r}"
            ) from None
    return frozenset(ids)


def _positive_float(env: Mapping[str, str], name: str, default: float) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise ConfigError(f"{name} must be a number of seconds; got {raw!r}") from None
    if value <= 0:
        raise ConfigError(f"{name} must be greater than 0; got {raw!r}")
    return value


def _webhook(env: Mapping[str, str]) -> WebhookConfig | None:
    url = env.get("TELEGRAM_WEBHOOK_URL", "").strip()
    if not url:
        return None
    if urlsplit(url).scheme not in ("http", "https"):
        raise ConfigError("TELEGRAM_WEBHOOK_URL must be a full URL, e.g. https://bot.example.org/telegram")
    port_text = env.get("TELEGRAM_WEBHOOK_PORT", "").strip() or "8443"
    try:
        port = int(port_text)
    except ValueError:
        raise ConfigError(f"TELEGRAM_WEBHOOK_PORT must be a port number; got {port_text!r}") from None
    secret = env.get("TELEGRAM_WEBHOOK_SECRET", "").strip()
    if secret and not WEBHOOK_SECRET_PATTERN.fullmatch(secret):
        raise ConfigError(
            "TELEGRAM_WEBHOOK_SECRET must be 1-256 characters of A-Z, a-z, 0-9, _ and - "
            "(Telegram's rule for secret_token), or unset to have one generated at start"
        )
    return WebhookConfig(
        url=url,
        # Without a configured secret, a fresh one for this run: the bot registers it with
        # setWebhook at start, so nobody else (who could reach the webhook port) knows it.
        secret=secret or secrets.token_urlsafe(32),
        secret_generated=not secret,
        listen=env.get("TELEGRAM_WEBHOOK_LISTEN", "").strip() or "0.0.0.0",
        port=port,
    )
