"""The command menu: the one table of bot texts.

Everything users read in answer to a command or a question comes from the
assistant, in the conversation's language. The bot's own texts are only those
the assistant cannot say: these menu descriptions and the few transport
messages in handlers.py, relay.py and access.py (the assistant is unavailable,
a button expired, only text can be read, access refused).

Marked with ``N_`` so the catalog extractor finds them; translated where they
are shown.
"""

from i18n.catalog import N_

# The command menu: (command, description). Descriptions must stay under 256 characters.
COMMANDS = (
    ("start", N_("Welcome and example questions")),
    ("help", N_("How to ask questions")),
    ("language", N_("Choose the language of answers")),
    ("sources", N_("Where the data comes from")),
)
