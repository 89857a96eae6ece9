"""Bot texts that are tables rather than single sentences.

Marked with ``N_`` so the catalog extractor finds them; translated where they
are shown, in the user's language.
"""

from i18n.catalog import N_

# Offered as buttons by /start; pressing one asks Rasa the question in the user's language.
EXAMPLE_QUESTIONS = (
    N_("How much NGO funding did Quang Nam get since 2019?"),
    N_("How many foreign NGOs work in Son La?"),
    N_("Which province received the most aid in 2023?"),
)

# The command menu: (command, description). Descriptions must stay under 256 characters.
COMMANDS = (
    ("start", N_("Welcome and example questions")),
    ("help", N_("How to ask questions")),
    ("language", N_("Choose the language of answers")),
    ("sources", N_("Where the data comes from")),
)
