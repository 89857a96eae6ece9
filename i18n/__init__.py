"""Internationalisation shared by the Rasa actions and the Telegram bot.

    from i18n import languages, catalog, formatting, detect, periods

languages   the registry (locale/languages.yml)
catalog     gettext translators over locale/<lang>/LC_MESSAGES/<domain>.po
formatting  numbers, amounts, dates, periods and lists in the reader's language
detect      which registry language a message is written in
periods     time expressions typed by users -> dates
catalogs    maintenance CLI: python -m i18n.catalogs extract|update|compile|check
"""
