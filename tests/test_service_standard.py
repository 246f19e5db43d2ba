"""Every fact of the service standard (../shared/seed/000_*.txt) is answered, in Indonesian and English.

Each fact is asked the way citizens write, and the answer the bot would show first (title and the
shortened summary) must carry the fact itself, not just an article on the topic.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.actions.searching import _short
from knowledge.article import load_dir
from knowledge.search import SearchIndex

STANDARD = "Standar Pelayanan Konsultasi Statistik PST BPS Kota Lubuklinggau (SK 062.L/KPA/2024)"
# ../shared/seed beside the checkout (the main clone or a worktree one level further down).
SEEDS = [Path(__file__).resolve().parents[n] / "shared" / "seed" for n in (2, 3)]

# fact -> (what the answer must contain (any of), phrasings in Indonesian and English)
FACTS = {
    "address": (["Perumdam"], [
        "alamat kantor bps llg dmn ya", "kantor bps lubuklinggau dimana sih", "lokasi pst bps kota linggau",
        "bps llg di jln apa", "where is your office", "what is the address of the statistics office",
        "bps lubuklinggau address"]),
    "phone": (["0733323693"], [
        "no telp pst brp", "nomor telepon bps llg", "minta no tlp kantor bps", "bps bisa ditelpon ke nomor brp",
        "what is your phone number", "phone number bps lubuklinggau", "can i call the office"]),
    "website": (["lubuklinggaukota.bps.go.id"], [
        "website bps llg apa", "alamat web bps lubuklinggau", "link situs bps kota lubuklinggau",
        "what is your website", "bps lubuklinggau website link"]),
    "requirements: identity card": (["kartu identitas", "identity card"], [
        "syarat konsultasi di pst apa aja", "perlu bawa ktp gak kalo ke bps", "persyaratan layanan konsultasi statistik",
        "what are the requirements for consultation", "do i need to bring my id card to bps",
        "requirements to visit the pst"]),
    "requirements: active e-mail": (["e-mail aktif", "active e-mail"], [
        "syarat konsultasi online apa aja", "apa persyaratan layanan pst", "requirements for online consultation",
        "what do i need for the consultation service"]),
    "procedure: walk-in": (["nomor antrean", "queue number"], [
        "prosedur kalo dtg langsung ke pst gmn", "alur konsultasi tatap muka di bps", "kalau ke kantor harus ambil antrian ga",
        "what happens when i come to the office", "walk in procedure at bps", "do i need to take a queue number"]),
    "procedure: online": (["registrasi", "register"], [
        "gmn cara konsultasi online", "alur konsultasi online bps llg", "langkah konsultasi lewat wa",
        "how does online consultation work", "steps to consult online"]),
    "time: walk-in 10 minutes": (["10 menit", "10 minutes"], [
        "brp lama nunggu antrian di pst", "berapa menit dilayani kalau datang langsung", "lama antre di kantor bps",
        "how long do i wait at the office", "how many minutes until i am served at the office"]),
    "time: online 3 working days": (["3 hari kerja", "3 working days"], [
        "brp lama pertanyaan sy dijawab", "berapa hari permintaan online diproses", "kok blm dibalas petugas",
        "how long until bps replies", "how many days does an online request take"]),
    "cost: free": (["tidak dipungut biaya", "free of charge"], [
        "konsultasi di bps bayar gak", "biaya layanan pst brp", "apakah konsultasi statistik gratis",
        "is the consultation free", "how much does the service cost", "do i have to pay"]),
    "product": (["metadata"], [
        "produk layanan konsultasi apa", "layanan konsultasi hasilnya apa", "bisa konsultasi soal metadata ga",
        "what does the consultation service provide", "what can i consult about"]),
    "complaint channels": (["lapor.go.id"], [
        "mau komplain pelayanan kemana", "cara ngadu pelayanan buruk", "ada kotak saran gak",
        "how can i file a complaint", "where do i complain about the service"]),
    "closing after 7 days": (["7 (tujuh) hari", "7 (seven) days"], [
        "knp chat sy ditutup", "percakapan ditutup otomatis kenapa", "tiket konsultasi sy kok tutup",
        "why was my conversation closed", "my chat was closed"]),
}
CASES = [(fact, q) for fact, (_, questions) in FACTS.items() for q in questions]


@pytest.fixture(scope="module")
def index() -> SearchIndex:
    return SearchIndex(load_dir())


@pytest.mark.parametrize("fact, question", CASES)
def test_each_fact_is_answered_in_the_first_answer(index, fact, question):
    """The first confident answer, as the bot shows it, carries the fact and cites the standard."""
    needles, _ = FACTS[fact]
    hits = [h for h in index.search(question) if h.confident]
    assert hits, question
    shown = f"{hits[0].title}\n{_short(hits[0].summary, 220)}"
    assert any(n.lower() in shown.lower() for n in needles), (question, hits[0].slug)
    assert "062.L/KPA/2024" in index.articles[hits[0].slug].source


def test_each_fact_has_phrasings_in_both_languages():
    for fact, (_, questions) in FACTS.items():
        assert len(questions) >= 4, fact
        english = [q for q in questions if index_language(q) == "en"]
        assert english and len(english) < len(questions), fact


def index_language(question: str) -> str:
    return "en" if re.search(r"\b(the|what|how|where|is|do|my|can|does|i)\b", question) else "id"


def test_the_facts_are_the_seed_s():
    """The facts asked for are what the standard says, so a changed seed makes this test point at it."""
    files = [p for seed in SEEDS for p in sorted(seed.glob("000_*.txt"))]
    if not files:
        pytest.skip("the service standard (../shared/seed) is not beside this checkout")
    seed = "\n".join(p.read_text(encoding="utf-8") for p in files)
    for fact in ("Jl. Perumdam No.1", "0733323693", "lubuklinggaukota.bps.go.id", "kartu identitas",
                 "10 (sepuluh) menit", "3 (tiga) hari kerja", "Tidak dipungut biaya", "metadana/klasifikasi",
                 "lapor.go.id", "7 (tujuh) hari", "062.L/KPA/2024"):
        assert fact in seed, fact


# What the standard does not say: an article citing it alone must not say it either.
NOT_IN_STANDARD = re.compile(r"PNBP|07[.:]30|16[.:]00|Senin|Monday|rekening", re.I)


def test_articles_citing_only_the_standard_say_nothing_it_does_not():
    offenders = [a.slug for a in load_dir()
                 if a.source == STANDARD and NOT_IN_STANDARD.search(f"{a.title}\n{a.body}")]
    assert offenders == []


def test_every_standard_article_has_an_english_twin_and_the_full_citation():
    cited = [a for a in load_dir() if "062.L/KPA/2024" in a.source]
    assert {a.lang for a in cited} == {"id", "en"}
    assert sum(a.lang == "en" for a in cited) >= 12
