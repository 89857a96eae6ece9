"""Understanding: the custom components of the Rasa NLU pipeline (config.yml).

Every component reads its words from data files in locale/ or from the aid
database, so a new language or a new alias is data, not code:

- NormalizingTokenizer   whitespace tokens whose lemma is folded (no accents, chat
                         short forms expanded) for the featurizers
- PlaceExtractor         places (unit codes) from the database's names and aliases
- PeriodExtractor        periods from locale/periods.yml
- MetricExtractor        what is counted, from locale/metric_words.yml
- LanguageNameExtractor  "answer in Urdu" -> language codes
- LanguageIdentifier     the language the message is written in
- IntentRouter           the intent, corrected by what the message names
"""
