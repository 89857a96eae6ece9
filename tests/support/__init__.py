"""Loopback stand-ins and helpers shared by the test suites.

For the Telegram bot:
- ``telegram_api.TelegramApiStandIn``: the Telegram Bot API, enough for a real
  python-telegram-bot Application (long polling, messages, buttons, menus).
- ``fake_rasa.FakeRasa``: Rasa's REST channel with scripted answers.
- ``bot_runner.running_bot``: runs the bot's own Application against them
  inside the test's event loop.
"""
