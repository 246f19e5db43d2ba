"""Saved replies: supervisors keep them, officers see them, the ticket page offers them filled in, bad input is named."""
from __future__ import annotations

import html
import re

import pytest
from sqlalchemy import select

from bot.models import SavedReply
from tests.console_support import db, login, make_officer, open_ticket, post

BODY = "Halo {nama}, data untuk tiket {tiket} kami kirim paling lambat {tenggat}. {lainnya}"


@pytest.fixture
def supervisor(app, client):
    make_officer(app, "rina", role="supervisor", name="Rina")
    login(client, "rina")
    return client


def _titles(app) -> list[str]:
    with db(app) as session:
        return list(session.scalars(select(SavedReply.title).order_by(SavedReply.id)))


def test_supervisor_creates_edits_and_deletes(app, supervisor):
    """Create, rename, delete: each shows on the list page, and deleting twice is no error."""
    assert post(supervisor, "/console/replies/", {"title": " Data  dikirim ", "body": BODY}).status_code == 302
    assert _titles(app) == ["Data dikirim"]
    with db(app) as session:
        reply_id = session.scalar(select(SavedReply.id))
    post(supervisor, f"/console/replies/{reply_id}", {"title": "Data terkirim", "body": "Terima kasih {nama}."})
    page = supervisor.get("/console/replies/").get_data(as_text=True)
    assert "Data terkirim" in page and "Terima kasih {nama}." in page
    for _ in range(2):
        assert post(supervisor, f"/console/replies/{reply_id}/delete").status_code == 302
    assert _titles(app) == []
    assert post(supervisor, f"/console/replies/{reply_id}", {"title": "x", "body": "y"}).status_code == 302
    assert _titles(app) == []  # an edit of a deleted reply does not bring it back


def test_officers_use_but_do_not_manage(app, supervisor):
    """An officer sees the list without forms; their posts get 403 and change nothing."""
    post(supervisor, "/console/replies/", {"title": "Salam", "body": "Halo {nama}"})
    make_officer(app, "siti")
    officer = app.test_client()
    login(officer, "siti")
    page = officer.get("/console/replies/").get_data(as_text=True)
    assert "Salam" in page and 'id="new-reply"' not in page and "Ubah atau hapus" not in page
    assert post(officer, "/console/replies/", {"title": "Lain", "body": "x"}).status_code == 403
    assert post(officer, "/console/replies/1/delete").status_code == 403
    assert _titles(app) == ["Salam"]


@pytest.mark.parametrize("form, field, message", [
    ({"title": "", "body": "isi"}, "title", "Judul wajib diisi."),
    ({"title": "x" * 81, "body": "isi"}, "title", "Judul terlalu panjang"),
    ({"title": "Kosong", "body": "  \r\n "}, "body", "Isi balasan wajib diisi."),
    ({"title": "Panjang", "body": "x" * 4001}, "body", "Terlalu panjang"),
    ({"title": "salam", "body": "isi"}, "title", "Judul ini sudah dipakai balasan lain."),
])
def test_bad_input_is_named_and_kept(app, supervisor, form, field, message):
    """400, the wrong field marked, what was typed still in the form, nothing saved."""
    post(supervisor, "/console/replies/", {"title": "Salam", "body": "Halo"})
    response = post(supervisor, "/console/replies/", form)
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and message in page
    new_form = page[page.index('id="new-reply"'):]
    assert re.search(rf'name="{field}"[^>]*aria-invalid="true"', new_form)
    assert html.escape(form["body"].strip(), quote=True)[:50] in new_form
    assert _titles(app) == ["Salam"]


def test_the_ticket_page_offers_them_filled(app, supervisor):
    """Name, ticket and due time (office format, WIB) filled; an unknown placeholder stays; markup escaped."""
    post(supervisor, "/console/replies/", {"title": "Kirim data", "body": BODY})
    post(supervisor, "/console/replies/", {"title": "<b>Aneh</b>", "body": "<script>alert(1)</script>"})
    _, ticket = open_ticket(app)
    page = supervisor.get(f"/console/t/{ticket}").get_data(as_text=True)
    picker = page[page.index('id="saved-replies"'):page.index("</ul>", page.index('id="saved-replies"'))]
    filled = re.search(r'data-text="(Halo [^"]*)"', picker).group(1)
    assert filled.startswith(f"Halo Budi Santoso, data untuk tiket {ticket} kami kirim paling lambat ")
    assert re.search(r"lambat \w+, \d+ \w+ \d{4} pukul \d\d\.\d\d WIB\. \{lainnya\}$", filled)
    assert "<script>" not in picker and "&lt;script&gt;" in picker and "&lt;b&gt;Aneh&lt;/b&gt;" in picker
    assert "Ketik / untuk balasan tersimpan; Ctrl+Enter mengirim." in page


def test_fill_leaves_a_placeholder_without_a_value(app):
    """An erased name or a ticket without a due time keeps its placeholder; dates follow the citizen's language."""
    import datetime as dt

    from bot.console.saved_replies import fill
    from bot.models import Citizen, Consultation

    erased = Citizen(name="[dihapus]", erased_at=dt.datetime(2026, 12, 1, tzinfo=dt.timezone.utc), lang="id")
    english = Citizen(name="Budi", lang="en")
    due = dt.datetime(2026, 12, 9, 9, 0, tzinfo=dt.timezone.utc)
    with app.app_context():
        assert fill("{nama} {tiket} {tenggat} {x} {{nama}}", Consultation(ticket="PST-2026-000009", citizen=erased)) \
            == "{nama} PST-2026-000009 {tenggat} {x} {{nama}}"
        assert fill("{nama}: {tenggat}", Consultation(ticket="PST-2026-000009", citizen=english, due_at=due)) \
            == "Budi: Wednesday, 9 December 2026 at 16:00 WIB"
