"""Search over knowledge articles.

The engine only relies on :class:`SearchIndex` (built once from a list of articles) and
:class:`Hit`. ``confident`` hits are answers; when none is confident the bot says "not found"
and offers a consultation instead of guessing.

Ranking combines three signals: BM25 over analysed terms (title, tags and question phrasings weigh
more than the body), the IDF-weighted share of the query's terms the article covers, and a rapidfuzz
similarity between the query and the article's closest question phrasing. Query words the base does
not know are corrected to a known word when rapidfuzz finds a close one ("kemiskinn" -> "kemiskinan");
words that stay unknown lower the confidence, which is what makes "harga tiket pesawat" a refusal.
"""
from __future__ import annotations

import copy
import dataclasses
import math
import re
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Sequence

import numpy as np
from rapidfuzz import fuzz, process

from knowledge.article import Article
from knowledge.normalize import STOP_WORDS, SYNONYMS, terms, words
from knowledge.synonyms import ABBREVIATIONS, ENGLISH_STOP_WORDS

if TYPE_CHECKING:
    from knowledge.semantic import SemanticRanker

# Chosen by grouped k-fold cross-validation on knowledge/eval/queries.tsv (knowledge.calibration); the
# held-out split never takes part.
THRESHOLD = 0.79
FIELD_WEIGHTS = {"title": 3.0, "tags": 2.0, "questions": 2.0, "body": 1.0}
K1, B = 1.2, 0.75
CANDIDATES = 12
TYPO_MIN_LENGTH = 4
# Only a message's first words are searched: each unknown word costs a fuzzy lookup, and an e-mail of
# thousands of words took seconds while far too long to be a confident answer anyway.
MAX_QUERY_WORDS = 100
# "tahun 2024", "year 2023": a word naming the date's unit next to a year dates the question, like the year
# itself; it does not ask for old data ("data tahun-tahun lama"). "10 tahun terakhir" (no year) still does.
DATE_UNITS = frozenset({"tahun", "bulan", "periode", "triwulan", "semester", "year", "month", "period", "quarter"})
YEAR = re.compile(r"^(19|20)\d\d$")
# rapidfuzz ratio needed to accept a correction: short words only get one missing or extra letter
# ("utang" must not become "uang"), longer words one or two slips ("kemiskinn", "pengangguan").
TYPO_CUTOFF_SHORT, TYPO_CUTOFF_LONG, LONG_WORD = 90.0, 85.0, 7
# Ranking adds BM25 (relative to the best article), coverage and fuzzy similarity. Confidence is
# absolute: coverage, similarity, and how much evidence (summed IDF) the matched words carry, so a
# single common word ("banyak", "data") never makes a confident answer.
W_BM25, W_COVER, W_FUZZ = 0.25, 0.45, 0.30
C_COVER, C_FUZZ, C_EVIDENCE = 0.4, 0.4, 0.2
EVIDENCE_FULL = 4.0
# Among equally good answers, one in the citizen's language (Indonesian or English) ranks first.
LANGUAGE_BONUS = 0.1
# The final order mixes the ranking score with the confidence shown: of two articles, the one the query
# is surer of comes first ("alamat web" is the website, not the address).
W_CONFIDENCE = 1.0
# Articles the semantic ranker adds to the lexical candidates (a paraphrase sharing no word with them).
SEMANTIC_CANDIDATES = 5


@dataclasses.dataclass(frozen=True)
class Tuning:
    """What calibration chooses; the defaults are the calibrated lexical values.

    ``alpha`` is the semantic ranker's share of the confidence: (1 - alpha) * lexical + alpha * cosine.
    """
    threshold: float = THRESHOLD
    language_bonus: float = LANGUAGE_BONUS
    w_confidence: float = W_CONFIDENCE
    alpha: float = 0.0


LEXICAL = Tuning()
# With the semantic ranker (knowledge.semantic); chosen by the same grouped cross-validation.
FUSED = Tuning(threshold=0.69, language_bonus=0.05, w_confidence=0.5, alpha=0.3)


@dataclasses.dataclass(frozen=True)
class Hit:
    slug: str
    title: str
    summary: str
    score: float
    confident: bool


@dataclasses.dataclass(frozen=True)
class _Doc:
    slug: str
    keys: tuple[str, ...]  # analysed title and question phrasings, for the fuzzy signal


class SearchIndex:
    """An inverted index with precomputed BM25 weights; queries cost a few numpy operations."""

    def __init__(self, articles: Sequence[Article], threshold: float | None = None, tuning: Tuning | None = None,
                 semantic: "SemanticRanker | None" = None):
        self.articles = {a.slug: a for a in articles}
        self.semantic = semantic  # built over the same articles in the same order, or None: lexical only
        tuning = tuning or (FUSED if semantic is not None else LEXICAL)
        self.tuning = tuning if threshold is None else dataclasses.replace(tuning, threshold=threshold)
        self.threshold = self.tuning.threshold
        self._docs: list[_Doc] = []
        self._surface: set[str] = set(SYNONYMS.vocabulary) | set(ABBREVIATIONS)
        weighted: list[Counter] = []
        for article in self.articles.values():
            tf, keys = self._analyse_article(article)
            weighted.append(tf)
            self._docs.append(_Doc(article.slug, keys))
        self._build_postings(weighted)
        self._english_docs = np.array([a.lang == "en" for a in self.articles.values()])
        self._twins = {a.slug: a.twin for a in articles if a.twin in self.articles}
        self._twins.update({twin: slug for slug, twin in list(self._twins.items())})
        self._english_words = ENGLISH_STOP_WORDS | (
            {w for a in articles if a.lang == "en" for w in words(_text(a))}
            - {w for a in articles if a.lang != "en" for w in words(_text(a, questions=False))})
        by_initial: dict[str, list[str]] = defaultdict(list)
        for word in self._surface:
            if len(word) >= TYPO_MIN_LENGTH and not word.isdigit():
                by_initial[word[0]].append(word)
        self._by_initial = dict(by_initial)
        self._corrections: dict[str, str | None] = {}

    def retuned(self, tuning: Tuning) -> "SearchIndex":
        """The same index with other weights and threshold (calibration tries many without rebuilding)."""
        other = copy.copy(self)
        other.tuning, other.threshold = tuning, tuning.threshold
        return other

    def _analyse_article(self, article: Article) -> tuple[Counter, tuple[str, ...]]:
        tf: Counter = Counter()
        fields = {"title": [article.title], "tags": list(article.tags), "questions": list(article.questions),
                  "body": [article.body]}
        keys = []
        for field, texts in fields.items():
            for text in texts:
                tokens = words(text)
                self._surface.update(tokens)
                analysed = terms(tokens)
                for term in analysed:
                    tf[term] += FIELD_WEIGHTS[field]
                if field != "body":
                    keys.append(" ".join(analysed))
        return tf, tuple(keys)

    def _build_postings(self, weighted: list[Counter]) -> None:
        n = len(weighted)
        lengths = np.array([sum(tf.values()) for tf in weighted], dtype=float)
        avg = float(lengths.mean()) if n else 1.0
        docs_of: dict[str, list[int]] = defaultdict(list)
        for i, tf in enumerate(weighted):
            for term in tf:
                docs_of[term].append(i)
        self.idf: dict[str, float] = {}
        self._postings: dict[str, tuple[np.ndarray, np.ndarray]] = {}
        for term, ids in docs_of.items():
            idf = math.log(1 + (n - len(ids) + 0.5) / (len(ids) + 0.5))
            freqs = np.array([weighted[i][term] for i in ids])
            norm = K1 * (1 - B + B * lengths[ids] / avg)
            self.idf[term] = idf
            self._postings[term] = (np.array(ids), idf * freqs * (K1 + 1) / (freqs + norm))
        self._max_idf = math.log(1 + (n + 0.5) / 0.5) if n else 1.0

    def correct(self, word: str) -> str | None:
        """The known word a typo most likely stands for, or None; cached per index."""
        if word in self._surface or word in STOP_WORDS or len(word) < TYPO_MIN_LENGTH or word.isdigit():
            return word
        if word not in self._corrections:
            if any(t in self.idf for t in terms([word])):  # a known word with an affix or clitic ("biayanya")
                self._corrections[word] = word
            else:
                found = process.extractOne(word, self._by_initial.get(word[0], ()), scorer=fuzz.ratio,
                                           score_cutoff=TYPO_CUTOFF_LONG if len(word) >= LONG_WORD
                                           else TYPO_CUTOFF_SHORT)
                self._corrections[word] = found[0] if found else None
        return self._corrections[word]

    def query_terms(self, query: str) -> tuple[list[str], list[str]]:
        """Analysed query terms, and the content words that stayed unknown after typo correction.

        A number no article contains (a KBLI code, an amount) is a detail of the question, like a year,
        not an unknown topic: it is left out instead of lowering the confidence; so is the unit of a date
        ("tahun" in "tahun 2024").
        """
        known, unknown = [], []
        tokens = words(query)[:MAX_QUERY_WORDS]
        for i, word in enumerate(tokens):
            if word.isdigit() and word not in self._postings:
                continue
            if word in DATE_UNITS and any(YEAR.match(t) for t in tokens[max(0, i - 1):i + 2]):
                continue
            fixed = self.correct(word)
            if fixed is None:
                unknown.append(word)
            else:
                known.append(fixed)
        return list(dict.fromkeys(terms(known))), unknown

    def _is_english(self, query: str) -> bool:
        tokens = words(query)
        return bool(tokens) and sum(t in self._english_words for t in tokens) * 2 >= len(tokens)

    def search(self, query: str, limit: int = 3) -> list[Hit]:
        """Best articles for ``query``; ``confident`` says whether the bot may answer with them."""
        qterms, unknown = self.query_terms(query)
        qterms = [t for t in qterms if t in self._postings] + [t for t in qterms if t not in self._postings]
        if not qterms or not self._docs:
            return []
        alpha = self.tuning.alpha if self.semantic is not None else 0.0
        # The same first words as the lexical side: a long e-mail must not cost a long encoding.
        meaning = self.semantic.scores(" ".join(query.split()[:MAX_QUERY_WORDS])) if alpha else None
        n = len(self._docs)
        bm25 = np.zeros(n)
        covered = np.zeros(n)
        total = len(unknown) * self._max_idf
        for term in qterms:
            idf = self.idf.get(term, self._max_idf)
            total += idf
            posting = self._postings.get(term)
            if posting is not None:
                bm25[posting[0]] += posting[1]
                covered[posting[0]] += idf
        if not bm25.any() and meaning is None:
            return []
        cover = covered / total
        top_bm25 = float(bm25.max()) or 1.0
        prelim = W_BM25 * bm25 / top_bm25 + W_COVER * cover
        english = self._is_english(query)
        prelim = prelim + self.tuning.language_bonus * (self._english_docs == english)
        count = min(CANDIDATES, n)
        candidates = set(np.argpartition(-prelim, count - 1)[:count].tolist())
        if meaning is not None:
            close = min(SEMANTIC_CANDIDATES, n)
            candidates.update(np.argpartition(-meaning, close - 1)[:close].tolist())
        qtext = " ".join(qterms + unknown)
        scored = []
        for i in candidates:
            if bm25[i] <= 0 and meaning is None:
                continue
            similarity = max(_similarity(qtext, key) for key in self._docs[i].keys)
            evidence = min(1.0, covered[i] / EVIDENCE_FULL)
            confidence = C_COVER * cover[i] + C_FUZZ * similarity + C_EVIDENCE * evidence
            if meaning is not None:
                confidence = (1 - alpha) * confidence + alpha * max(0.0, float(meaning[i]))
            rank = prelim[i] + W_FUZZ * similarity + self.tuning.w_confidence * confidence
            scored.append((rank, confidence, self._docs[i].slug))
        scored.sort(reverse=True)
        hits = []
        for confidence, slug in self._one_per_twin(scored, english)[:limit]:
            article = self.articles[slug]
            shown = round(float(confidence), 4)  # compared as shown, so the bot, kb search and kb eval agree
            hits.append(Hit(slug, article.title, article.summary, shown, shown >= self.threshold))
        return hits


    def _one_per_twin(self, scored: list[tuple], english: bool) -> list[tuple[float, str]]:
        """An article and its twin are one answer, in the query's language, at the better of their places."""
        confidence_of = {slug: confidence for _, confidence, slug in scored}
        kept, seen = [], set()
        for _, confidence, slug in scored:
            if slug in seen:
                continue
            twin = self._twins.get(slug)
            seen.update((slug, twin))
            if twin in confidence_of and (self.articles[slug].lang == "en") != english:
                confidence, slug = confidence_of[twin], twin
            kept.append((confidence, slug))
        return kept


def _text(article: Article, questions: bool = True) -> str:
    """All of an article's words; Indonesian articles may carry English phrasings among questions."""
    return " ".join((article.title, *article.tags, *(article.questions if questions else ()), article.body))


def _similarity(query: str, key: str) -> float:
    """Token-set similarity finds the phrasing that contains the query; token-sort prefers the closest."""
    return (0.6 * fuzz.token_set_ratio(query, key) + 0.4 * fuzz.token_sort_ratio(query, key)) / 100


__all__ = ["FUSED", "LEXICAL", "Hit", "SearchIndex", "THRESHOLD", "Tuning"]
