"""The labelled utterances the classifier learns from (train.tsv) and is measured on (heldout.tsv).

heldout.tsv was written first, by other personas in other situations, and nothing in the package trains or
tunes on it: only ``flask intent eval`` reads it.
"""
from __future__ import annotations

import csv
from pathlib import Path
from typing import NamedTuple, Optional

from bot.nlu.reading import Context, Intent

CORPUS_DIR = Path(__file__).parent / "corpus"
TRAIN = CORPUS_DIR / "train.tsv"
HELDOUT = CORPUS_DIR / "heldout.tsv"


class Example(NamedTuple):
    context: Context
    text: str
    intent: Intent
    value: Optional[str]  # expected slot ("-" in the file when there is none)
    lang: Optional[str]  # id, en, or None for language-neutral messages ("-")


def load(path: Path = TRAIN) -> list[Example]:
    """The examples of one split, in file order; a bad context or intent name fails loudly."""
    with open(path, encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
        return [Example(Context(r["context"]), r["text"], Intent(r["intent"]), _opt(r["value"]), _opt(r["lang"]))
                for r in rows]


def _opt(cell: str) -> Optional[str]:
    return None if cell in ("", "-") else cell
