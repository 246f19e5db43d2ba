"""Measure the intent layer and today's keyword rules on the same labelled examples.

Per-intent precision, recall and F1, macro-F1, how often the slot is right (name, address, number, code, list
number, score, pointer key) and how often the language is. The held-out split is only read here.
"""
from __future__ import annotations

import time
from dataclasses import replace
from typing import Callable, Iterable, Optional

from bot.nlu import baseline, corpus, reader
from bot.nlu.lang import language
from bot.nlu.reading import Intent, Reading

Reader = Callable[..., Reading]
_SLOTTED = {Intent.NAME, Intent.EMAIL, Intent.PHONE, Intent.CODE, Intent.PICK_ANSWER, Intent.RATING,
            Intent.OUT_OF_SCOPE}


def measure(read: Reader, examples: Iterable[corpus.Example]) -> dict:
    """Scores of one reader on ``examples``: per intent, macro-F1, slot accuracy and language accuracy."""
    examples = list(examples)
    readings = [read(e.text, e.context) for e in examples]
    gold, got = [e.intent for e in examples], [r.intent for r in readings]
    per_intent = {intent.value: _prf(gold, got, intent) for intent in Intent}
    slotted = [(e, r) for e, r in zip(examples, readings) if e.intent in _SLOTTED]
    return {
        "examples": len(examples),
        "accuracy": _ratio(sum(g == p for g, p in zip(gold, got)), len(gold)),
        "macro_f1": round(sum(s["f1"] for s in per_intent.values()) / len(per_intent), 4),
        "per_intent": per_intent,
        "slot_accuracy": _ratio(sum(_slot(r) == e.value for e, r in slotted), len(slotted)),
        "language_accuracy": _language(read, examples),
    }


def _slot(reading: Reading) -> Optional[str]:
    return str(reading.number) if reading.intent in (Intent.PICK_ANSWER, Intent.RATING) else reading.value


def _language(read: Reader, examples: list[corpus.Example]) -> float:
    """Each message read in a conversation held in the other language: it must switch when it says its
    language, and keep the conversation's (both ways) when it is neutral ("ok", "👍", a number)."""
    right = total = 0
    for e in examples:
        for current in ((("en" if e.lang == "id" else "id"),) if e.lang else ("id", "en")):
            right += read(e.text, e.context, lang=current).lang == (e.lang or current)
            total += 1
    return _ratio(right, total)


def _prf(gold: list, got: list, intent: Intent) -> dict:
    tp = sum(g == intent and p == intent for g, p in zip(gold, got))
    predicted, actual = sum(p == intent for p in got), sum(g == intent for g in gold)
    precision, recall = _ratio(tp, predicted), _ratio(tp, actual)
    f1 = _ratio(2 * precision * recall, precision + recall)
    return {"precision": precision, "recall": recall, "f1": f1, "support": actual}


def _ratio(a: float, b: float) -> float:
    return round(a / b, 4) if b else 0.0


def cross_validate(examples: list[corpus.Example], folds: int = 5) -> dict:
    """The layer trained on k-1 folds of ``examples`` and measured on the fold left out, pooled over folds."""
    from sklearn.model_selection import StratifiedKFold

    from bot.nlu.model import Classifier

    pooled: list[tuple[corpus.Example, Reading]] = []
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=0)
    for train_idx, test_idx in splitter.split(examples, [e.intent.value for e in examples]):
        classifier = Classifier(examples[i] for i in train_idx)
        for i in test_idx:
            pooled.append((examples[i], reader.read(examples[i].text, examples[i].context, classifier=classifier)))
    answers = {(e.context, e.text): r for e, r in pooled}
    return measure(lambda text, context, lang="id": _relang(answers[(context, text)], text, lang),
                   [e for e, _ in pooled])


def _relang(reading: Reading, text: str, lang: str) -> Reading:
    """A pooled cross-validation reading with the language read again for ``lang`` (as read() would)."""
    return replace(reading, lang=language(reader.without_slot(text, reading), lang))


def run(folds: int = 5) -> dict:
    """Both systems on the held-out split, the layer cross-validated on train, today's rules on train."""
    from bot.nlu import model

    started = time.perf_counter()
    model.default.cache_clear()
    model.default()
    train_seconds = round(time.perf_counter() - started, 3)
    train, heldout = corpus.load(corpus.TRAIN), corpus.load(corpus.HELDOUT)
    return {
        "corpus": {"train": len(train), "heldout": len(heldout)},
        "train_seconds": train_seconds,
        "heldout": {"layer": measure(reader.read, heldout), "keywords": measure(baseline.read, heldout)},
        "train": {"layer_cv": cross_validate(train, folds), "keywords": measure(baseline.read, train)},
    }


def table(result: dict) -> str:
    """The report as text: per-intent P/R/F1 of both systems side by side, then the summary lines."""
    lines = [f"corpus: {result['corpus']['train']} train, {result['corpus']['heldout']} held out; "
             f"training took {result['train_seconds']} s"]
    for split, (left, right) in (("heldout", ("layer", "keywords")), ("train", ("layer_cv", "keywords"))):
        a, b = result[split][left], result[split][right]
        lines += ["", f"== {split}: {left} vs {right} (precision recall F1, support)",
                  f"{'intent':<20}{left:>22}{right:>24}{'n':>6}"]
        for intent in Intent:
            x, y = a["per_intent"][intent.value], b["per_intent"][intent.value]
            lines.append(f"{intent.value:<20}{_cells(x):>22}{_cells(y):>24}{x['support']:>6}")
        for key in ("macro_f1", "accuracy", "slot_accuracy", "language_accuracy"):
            lines.append(f"{key:<20}{a[key]:>22.3f}{b[key]:>24.3f}")
    return "\n".join(lines)


def _cells(scores: dict) -> str:
    return f"{scores['precision']:.2f} {scores['recall']:.2f} {scores['f1']:.2f}"
