"""``python -m bot``: run the Telegram bot with settings from the environment."""

from __future__ import annotations

import logging
import sys

from telegram.error import InvalidToken, TelegramError

from bot.config import BotConfig, ConfigError
from bot.log_redaction import configure_logging, redact, redact_secrets

logger = logging.getLogger("bot")


def main() -> int:
    configure_logging()
    try:
        config = BotConfig.from_env()
    except ConfigError as problem:
        print(f"bot: {problem}", file=sys.stderr)
        return 2
    redact_secrets(config.secrets())

    from bot.app import run  # imported late: a config error is reported without loading PTB

    try:
        run(config)
    except KeyboardInterrupt:  # Ctrl-C while still waiting for Telegram
        return 0
    except InvalidToken:
        # PTB's message would contain the token itself; say what to do instead.
        print("bot: Telegram rejected TELEGRAM_BOT_TOKEN. Check it with @BotFather.", file=sys.stderr)
        return 1
    except TelegramError as error:  # PTB has logged the details already
        logger.critical("The bot stopped: %s", redact(str(error)))
        return 1
    except Exception as error:  # a bug: report it with its traceback (the token redacted)
        logger.critical("The bot stopped: %s", redact(repr(error)), exc_info=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
