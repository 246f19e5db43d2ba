"""The trained part of the intent layer: a linear SVM over character and word n-grams plus the context.

It trains from the shipped corpus at first use (well under two seconds) and is the same every time: the
solver's shuffling is seeded and the corpus is read in file order. Nothing is downloaded or stored.
"""
from __future__ import annotations

import functools
import math
from typing import Iterable

from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, make_pipeline
from sklearn.svm import LinearSVC

from bot.nlu import corpus
from bot.nlu.features import chars, document, words
from bot.nlu.reading import Context, Intent

C = 1.0  # chosen by cross-validation on train.tsv (see NOTES); LinearSVC trains in a fraction of a second


class Classifier:
    """Ranks the intents for a message in its context, likeliest first."""

    def __init__(self, examples: Iterable[corpus.Example]):
        examples = list(examples)
        features = FeatureUnion([
            ("chars", TfidfVectorizer(analyzer="char_wb", preprocessor=chars, ngram_range=(2, 5),
                                      sublinear_tf=True)),
            ("words", TfidfVectorizer(analyzer=words, sublinear_tf=True)),
        ])
        self.pipeline = make_pipeline(features, LinearSVC(C=C, random_state=0))
        self.pipeline.fit([document(e.text, e.context) for e in examples], [e.intent.value for e in examples])

    def rank(self, text: str, context: Context) -> list[tuple[Intent, float]]:
        """Every intent with a softmax of the SVM's margins: a relative score, not a calibrated probability."""
        margins = self.pipeline.decision_function([document(text, context)])[0]
        top = max(margins)
        weights = [math.exp(3 * (m - top)) for m in margins]
        total = sum(weights)
        ranked = sorted(zip(self.pipeline.classes_, weights), key=lambda pair: -pair[1])
        return [(Intent(label), weight / total) for label, weight in ranked]


@functools.lru_cache(maxsize=1)
def default() -> Classifier:
    """The classifier trained on train.tsv, built once per process."""
    return Classifier(corpus.load(corpus.TRAIN))
