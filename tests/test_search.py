"""Search behaviour on the real knowledge base: abbreviations, typos, synonyms, refusals, reloads."""
from __future__ import annotations

import dataclasses

import pytest

from knowledge import semantic
from knowledge.article import Article, load_dir
from knowledge.normalize import analyse, stem, words
from knowledge.search import MAX_QUERY_WORDS, Hit, SearchIndex


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(load_dir())


def top(index: SearchIndex, query: str) -> Hit:
    hits = index.search(query)
    assert hits, query
    return hits[0]


def test_abbreviations_are_expanded():
    """Chat spellings become standard words before anything else happens."""
    assert words("brp jmlh pddk llg") == ["berapa", "jumlah", "penduduk", "lubuklinggau"]
    assert words("kbli utk usaha") == ["kbli", "untuk", "usaha"]


def test_reduplication_with_2_is_the_word():
    """Chat writes 'data2' for 'data-data'; 'p2' (an index name) and codes stay as they are."""
    assert words("data2 kntr2 rata2 p2 sp2020") == ["data", "kantor", "rata", "rata", "p2", "sp2020"]
    assert top(SearchIndex(load_dir()), "data2 penduduk llg").confident


@pytest.mark.parametrize("query", ["kpd siapa sy hrs minta data", "cara minta data bgt", "data penduduk dlm tbl"])
def test_common_chat_words_do_not_count_as_unknown(index, query):
    """Everyday chat spellings (kpd, pd, dlm, msh, tny, bgt ...) never weigh as unknown topic words."""
    assert not [w for w in index.query_terms(query)[0] if w not in index.idf] and not index.query_terms(query)[1]


def test_stop_words_and_years_are_dropped():
    """Question words, chat filler and years say nothing about which article is wanted."""
    assert analyse("brp jmlh pddk llg 2023") == ["jumlah", "penduduk", "lubuklinggau"]
    assert analyse("halo selamat pagi kak") == []


def test_stems_are_cached_sastrawi_roots():
    """Affixed forms meet their root; the cache makes the second call free."""
    assert stem("kemiskinan") == stem("miskin") == "miskin"
    assert stem.cache_info().currsize > 0


@pytest.mark.parametrize("a, b", [
    ("indeks pembangunan manusia", "IPM"), ("HDI", "IPM"), ("GRDP", "PDRB"), ("IHK", "inflasi"),
    ("produk domestik regional bruto", "pdrb"), ("lubuk linggau", "lubuklinggau"),
])
def test_synonyms_share_a_term(a, b):
    """Synonyms are analysed to the same concept term."""
    assert set(analyse(a)) & set(analyse(b))


@pytest.mark.parametrize("query, slug", [
    ("brp jmlh pddk llg 2023", "data-penduduk-lubuklinggau"),
    ("data kemiskinan kota lubuk linggau", "data-kemiskinan-lubuklinggau"),
    ("jam buka bps llg", "jam-layanan-pst"),
    ("hdi", "konsep-ipm"),
    ("grdp of lubuklinggau city", "en-grdp-data"),
    ("opening hours bps", "english-opening-hours-visit"),
    ("berapa penduduknya lubuklinggau", "data-penduduk-lubuklinggau"),  # clitics: answered as without them
    ("ipmnya llg brp", "data-ipm-lubuklinggau"),
    ("pdrbnya lubuklinggau", "data-pdrb-lubuklinggau"),
])
def test_citizen_phrasings_find_the_article(index, query, slug):
    """Informal, abbreviated (also with '-nya') and English queries get a confident answer from the right article."""
    hit = top(index, query)
    assert (hit.slug, hit.confident) == (slug, True)


def test_an_english_concept_question_lists_the_concept(index):
    """No English twin of the GRDP concept yet: the English data article may come first, the concept right after."""
    assert "konsep-pdrb" in [h.slug for h in index.search("what is grdp")[:2] if h.confident]


@pytest.mark.parametrize("query", ["kbli 47111", "kode kbli 56101", "kbji 2314"])
def test_a_code_the_base_does_not_list_does_not_refuse(index, query):
    """A KBLI/KBJI code narrows the question: it answers at least as confidently as the bare 'kbli'."""
    bare = top(index, " ".join(w for w in query.split() if not w.isdigit()))
    hit = top(index, query)
    assert hit.confident and hit.slug == bare.slug


@pytest.mark.parametrize("query, slug", [
    ("tarif data", "biaya-layanan-pst"),
    ("tarif data bps", "biaya-layanan-pst"),
    ("data fee", "english-data-request-cost"),
])
def test_citizens_language_ranks_first(index, query, slug):
    """Of an Indonesian and an English article on the same topic, the citizen's language comes first."""
    assert top(index, query).slug == slug


@pytest.mark.parametrize("word, clitic", [
    ("penduduk", "penduduknya"), ("ihk", "ihknya"), ("ipm", "ipmnya"), ("pdrb", "pdrbnya"), ("tpt", "tptkah"),
])
def test_clitics_keep_the_concept(word, clitic):
    """'-nya', '-lah', '-kah', '-pun' on a synonym-table word keep its concept ('penduduknya' is not 'duduk')."""
    assert analyse(clitic) == analyse(word)


@pytest.mark.parametrize("query, slug", [
    ("data kemiskinn lubuklinggau", "data-kemiskinan-lubuklinggau"),
    ("tingkat pengangguan terbuka", "tingkat-pengangguran-terbuka"),
    ("indeks pembangunan manusai", "konsep-ipm"),
])
def test_typos_still_find_the_article(index, query, slug):
    """Misspelt words are corrected to a known word before ranking."""
    assert slug in [h.slug for h in index.search(query)]


@pytest.mark.parametrize("query", [
    "harga tiket pesawat ke jakarta", "cara bikin ktp", "resep rendang", "kurs dollar hari ini",
    "terima kasih banyak", "ok",
])
def test_out_of_scope_queries_are_refused(index, query):
    """Nothing confident for questions the base cannot answer: the bot offers a consultation."""
    assert not any(h.confident for h in index.search(query))


def test_hits_carry_what_the_bot_shows(index):
    """A hit has the article's title and first paragraph, a score, and at most ``limit`` entries."""
    hits = index.search("biaya minta data", limit=2)
    assert len(hits) <= 2
    article = index.articles[hits[0].slug]
    assert hits[0].title == article.title and hits[0].summary == article.summary
    assert dataclasses.asdict(hits[0])["score"] == hits[0].score


def test_long_message_is_searched_on_its_first_words(index):
    """An e-mail of thousands of unknown words costs a bounded number of typo lookups, not seconds."""
    noise = " ".join(f"kata{n:05d}" for n in range(5000))
    known, unknown = index.query_terms(f"jumlah penduduk {noise} kemiskinan")
    assert "penduduk" in known and "kemiskinan" not in known and len(unknown) < MAX_QUERY_WORDS


@pytest.mark.parametrize("query", ["jumlah penduduk", "biaya data", "ipm"])
def test_confident_agrees_with_the_score_shown(query):
    """A hit whose shown score equals the threshold is confident, as `kb eval` and `kb search` read it."""
    articles = load_dir()
    for hit in SearchIndex(articles).search(query, limit=5):
        assert next(h for h in SearchIndex(articles, threshold=hit.score).search(query, limit=5)
                    if h.slug == hit.slug).confident


def test_empty_base_and_empty_query():
    """No articles or no words: no hits, no error."""
    assert SearchIndex([]).search("penduduk") == []
    assert SearchIndex(load_dir()[:3]).search("  ?! ") == []


def test_new_article_is_searchable_after_rebuild():
    """A freshly added article is found by its own words."""
    extra = Article(slug="uji-artikel", title="Statistik perikanan tangkap", body="Produksi ikan laut.",
                    questions=("data ikan tangkap",), tags=("perikanan",))
    assert top(SearchIndex([*load_dir(), extra]), "produksi ikan tangkap").slug == "uji-artikel"


@pytest.mark.parametrize("query", ["Saya ingin meminta data inflasi Kota Lubuklinggau tahun 2024",
                                   "data inflasi Kota Lubuklinggau tahun 2024", "inflasi lubuklinggau thn 2023"])
def test_a_dated_request_asks_for_the_topic_not_for_old_data(index, query):
    """"tahun 2024" dates the question like the year alone: the topic's article comes first, confidently."""
    hit = top(index, query)
    assert hit.slug == "data-inflasi-lubuklinggau" and hit.confident


def test_a_span_of_years_still_asks_for_old_data(index):
    assert "tahun" in index.query_terms("data 10 tahun terakhir")[0]
    assert "tahun" not in index.query_terms("penduduk tahun 2020")[0]


@pytest.mark.xfail(strict=True, reason="known bug, docs/known-bugs.md: formal PDRB data request")
def test_formal_pdrb_data_request_finds_the_data_article():
    """What the bot runs (fused with the semantic ranker) lists the data article first, confidently."""
    articles = load_dir()
    fused = SearchIndex(articles, semantic=semantic.build(articles))
    hit = top(fused, "data PDRB Kota Lubuklinggau atas dasar harga berlaku menurut lapangan usaha tahun 2020–2024")
    assert (hit.slug, hit.confident) == ("data-pdrb-lubuklinggau", True)
