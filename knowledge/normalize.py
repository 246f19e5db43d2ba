"""Turn citizen text into index terms: case, punctuation, chat abbreviations, synonyms, stop words, stems.

The same function analyses articles and queries, so "brp jmlh pddk llg" and "jumlah penduduk Kota
Lubuklinggau" meet on the same terms. Sastrawi is slow per call, hence one cached stem per word.
"""
from __future__ import annotations

import functools
import re
import unicodedata
from typing import Iterable

from Sastrawi.Stemmer.StemmerFactory import StemmerFactory
from Sastrawi.StopWordRemover.StopWordRemoverFactory import StopWordRemoverFactory

from knowledge.synonyms import ABBREVIATIONS, EXTRA_STOP_WORDS, KEEP_WORDS, SYNONYM_GROUPS

_STEMMER = StemmerFactory().create_stemmer().delegatedStemmer
# Sastrawi keeps its root-word dictionary in a list and searches it many times per word; a set makes
# stemming an unseen word take microseconds instead of ~50 ms.
_STEMMER.dictionary.words = frozenset(_STEMMER.dictionary.words)
STOP_WORDS = (frozenset(StopWordRemoverFactory().get_stop_words()) | EXTRA_STOP_WORDS) - KEEP_WORDS
_NON_WORD = re.compile(r"[^0-9a-z]+")
_YEAR = re.compile(r"^(19|20)\d\d$")
_REDUPLICATED = re.compile(r"^([a-z]{3,})2$")  # chat writes "data2" for "data-data"; "p2" is an index name
# Particles glued to a word ("penduduknya", "ipmkah"): Sastrawi strips them only from dictionary words
# and then also strips the prefix ("duduk"), so synonym-table words are looked up without them first.
_CLITIC = re.compile(r"(?:nya|lah|kah|pun)$")
_MAX_PHRASE = 5


def words(text: str) -> list[str]:
    """Lowercase ASCII words with chat abbreviations expanded ("e-mail" -> "e", "mail" is fine)."""
    text = unicodedata.normalize("NFKD", text or "").encode("ascii", "ignore").decode().lower()
    out: list[str] = []
    for word in _NON_WORD.split(text):
        if word:
            if word[-1] == "2" and word not in ABBREVIATIONS:
                word = _REDUPLICATED.sub(r"\1", word)
            out.extend(ABBREVIATIONS.get(word, word).split())
    return out


@functools.lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Sastrawi stem of one word, cached: stemming dominates index build time otherwise."""
    if len(word) <= 3 or not word.isalpha():
        return word
    return _STEMMER.stem_word(word) or word


class Synonyms:
    """Synonym table: single words match as written, phrases match on stems (robust to affixes)."""

    def __init__(self, groups: Iterable[tuple[str, ...]] = SYNONYM_GROUPS):
        self.single: dict[str, str] = {}
        self.phrases: dict[tuple[str, ...], str] = {}
        for group in groups:
            concept = group[0]
            for alias in group:
                parts = words(alias)
                if len(parts) == 1:
                    self.single.setdefault(parts[0], concept)
                elif parts:
                    self.phrases.setdefault(tuple(stem(p) for p in parts), concept)
        self.vocabulary = frozenset(self.single) | {w for key in self.phrases for w in key}


SYNONYMS = Synonyms()


def analyse(text: str, synonyms: Synonyms = SYNONYMS) -> list[str]:
    """Index terms for ``text``: stems of content words plus concept names found by the synonym table."""
    return terms(words(text), synonyms)


def terms(tokens: list[str], synonyms: Synonyms = SYNONYMS) -> list[str]:
    """Terms from already-split words (the search corrects typos between ``words`` and this step)."""
    stems = [stem(t) for t in tokens]
    out: list[str] = []
    i = 0
    while i < len(tokens):
        matched = 0
        for size in range(min(_MAX_PHRASE, len(tokens) - i), 1, -1):
            concept = synonyms.phrases.get(tuple(stems[i:i + size]))
            if concept:
                out.append(concept)
                matched = size
                break
        if not matched:
            out.extend(_content(tokens[i:i + 1], stems[i:i + 1], synonyms))
            matched = 1
        i += matched
    return out


def _content(tokens: list[str], stems: list[str], synonyms: Synonyms) -> list[str]:
    out = []
    for token, stemmed in zip(tokens, stems):
        concept = synonyms.single.get(token) or synonyms.single.get(_CLITIC.sub("", token))
        if concept:
            out.append(concept)
        elif token not in STOP_WORDS and len(token) > 1 and not _YEAR.match(token):
            out.append(stemmed)
    return out
