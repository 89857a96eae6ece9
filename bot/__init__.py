"""Telegram front end of the aid assistant: a python-telegram-bot process that
relays chats to Rasa's REST channel. Run with ``python -m bot``; see docs/telegram.md."""
