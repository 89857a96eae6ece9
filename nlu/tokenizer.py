"""Whitespace tokens whose lemma is the folded word: what the featurizers see.

"Sơn La có bao nhiêu tổ chức?", "son la co bao nhieu to chuc" and "son la co bn
to chuc" give the classifier the same features: accents, case and script variants
are folded and unambiguous chat short forms expanded (nlu.text), so a model
trained on accented text understands unaccented typing and the other way round.
CountVectorsFeaturizer reads the lemma (its `use_lemma` option, on by default).
"""
from __future__ import annotations

from typing import Any, Dict, List, Text

from rasa.engine.graph import ExecutionContext
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.tokenizers.tokenizer import Token
from rasa.nlu.tokenizers.whitespace_tokenizer import WhitespaceTokenizer
from rasa.shared.nlu.training_data.message import Message

from nlu.text import fold, shorthand


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_TOKENIZER, is_trainable=False)
class NormalizingTokenizer(WhitespaceTokenizer):
    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "NormalizingTokenizer":
        return cls(config)

    def tokenize(self, message: Message, attribute: Text) -> List[Token]:
        tokens = super().tokenize(message, attribute)
        expansions = shorthand()
        for token in tokens:
            words = [part for word in fold(token.text).split() for part in expansions.get(word, (word,))]
            token.lemma = " ".join(words) or token.text
        return tokens
