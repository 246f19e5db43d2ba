"""Staff open citizens' files: safe pictures inline, everything else a download, never for strangers, always logged."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from bot.models import AccessLog, Attachment
from tests.console_support import login, make_officer, open_ticket
from tests.files_support import PDF, citizen_file, png
from tests.support.whatsapp import inbound_form, post_signed, rows, run_worker, wa_app, wa_env  # noqa: F401
from tests.support.whatsapp import make_wa_app, wa_client  # noqa: F401  (fixtures)

SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(document.cookie)</script></svg>'
HTML_AS_JPEG = b"<html><body><script>alert(1)</script></body></html>"


@pytest.fixture
def ticket(app):
    make_officer(app)
    return open_ticket(app)[1]


def _opened(app) -> list[AccessLog]:
    with app.app_context(), app.extensions["db"].session() as session:
        return list(session.scalars(select(AccessLog).where(AccessLog.action == "open_file")))


def _sandboxed(response) -> None:
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response.headers["Content-Security-Policy"]
    assert response.headers["Cache-Control"] == "no-store"


def test_picture_shows_inline_and_as_thumbnail_and_the_opening_is_logged(app, client, ticket):
    """A PNG is shown inline (thumbnail and full size); only the full-size opening writes an access-log row."""
    picture = png()
    file_id = citizen_file(app, ticket, "foto.png", "image/png", picture)
    login(client)
    page = client.get(f"/console/t/{ticket}").get_data(as_text=True)
    assert f'src="/console/files/{file_id}/thumb"' in page and f'href="/console/files/{file_id}"' in page
    thumb = client.get(f"/console/files/{file_id}/thumb")
    assert thumb.status_code == 200 and thumb.data == picture and thumb.mimetype == "image/png"
    assert _opened(app) == []
    full = client.get(f"/console/files/{file_id}")
    assert full.status_code == 200 and full.data == picture
    assert full.headers["Content-Disposition"].startswith("inline")
    _sandboxed(full)
    (row,) = _opened(app)
    assert row.attachment_id == file_id and row.actor == "siti" and row.consultation_id is not None


def test_pdf_is_a_download(app, client, ticket):
    file_id = citizen_file(app, ticket, "surat pengantar.pdf", "application/pdf", PDF)
    login(client)
    assert client.get(f"/console/files/{file_id}/thumb").status_code == 404  # no thumbnail for a document
    response = client.get(f"/console/files/{file_id}")
    assert response.status_code == 200 and response.data == PDF and response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment")
    _sandboxed(response)
    assert [r.attachment_id for r in _opened(app)] == [file_id]


@pytest.mark.parametrize("filename, content_type, data, served_as", [
    ("gambar.svg", "image/svg+xml", SVG, "application/octet-stream"),  # script-bearing vector: never inline
    ("foto.jpg", "image/jpeg", HTML_AS_JPEG, "image/jpeg"),  # says JPEG, is HTML: bytes disagree, a download
    ("hal.html", "text/html", HTML_AS_JPEG, "application/octet-stream"),
    ("x.bin", "text/html\r\nSet-Cookie: a=b", HTML_AS_JPEG, "application/octet-stream"),  # header injection try
    ("../../etc/passwd\r\nX-Evil: 1.pdf", "application/pdf", PDF, "application/pdf"),  # path and header tricks
])
def test_hostile_files_are_downloads(app, client, ticket, filename, content_type, data, served_as):
    """Active or lying files never render in the console's origin; names and types cannot inject headers."""
    file_id = citizen_file(app, ticket, filename, content_type, data)
    login(client)
    assert client.get(f"/console/files/{file_id}/thumb").status_code == 404
    response = client.get(f"/console/files/{file_id}")
    assert response.status_code == 200 and response.data == data
    assert response.mimetype == served_as
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment") and "/" not in disposition and "\n" not in disposition
    assert "X-Evil" not in response.headers and "Set-Cookie" not in response.headers
    _sandboxed(response)
    assert f'src="/console/files/{file_id}/thumb"' not in client.get(f"/console/t/{ticket}").get_data(as_text=True)


@pytest.mark.parametrize("path", ["../../../etc/passwd", "/etc/passwd", "media/none/missing.png"])
def test_a_path_outside_var_or_missing_is_not_found(app, client, ticket, path):
    file_id = citizen_file(app, ticket, "x.png", "image/png", None, path=path)
    login(client)
    assert client.get(f"/console/files/{file_id}").status_code == 404
    assert client.get(f"/console/files/{file_id}/thumb").status_code == 404
    assert _opened(app) == []


def test_a_symlink_out_of_var_is_not_followed(app, client, ticket, tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("not for officers")
    link = app.config["SETTINGS"].var_path / "media" / "link.png"
    link.parent.mkdir(parents=True, exist_ok=True)
    link.symlink_to(secret)
    file_id = citizen_file(app, ticket, "x.png", "image/png", None, path="media/link.png")
    login(client)
    assert client.get(f"/console/files/{file_id}").status_code == 404


@pytest.mark.parametrize("status", ["erased", "too_large", "pending", "failed"])
def test_only_stored_files_open(app, client, ticket, status):
    file_id = citizen_file(app, ticket, "foto.png", "image/png", png(), status=status)
    login(client)
    assert client.get(f"/console/files/{file_id}").status_code == 404


def test_strangers_get_the_login_page_and_no_bytes(app, client, ticket):
    file_id = citizen_file(app, ticket, "foto.png", "image/png", png())
    for path in (f"/console/files/{file_id}", f"/console/files/{file_id}/thumb"):
        response = client.get(path)
        assert response.status_code == 302 and "/console/login" in response.headers["Location"]
    assert client.get(f"/console/files/{file_id}", headers={"Accept": "application/json"}).status_code == 401
    assert _opened(app) == []


def test_unknown_or_out_of_range_id_is_404(app, client, ticket):
    login(client)
    for path in ("/console/files/999999", "/console/files/99999999999", "/console/files/abc"):
        assert client.get(path).status_code == 404


def test_whatsapp_media_is_kept_and_opens_with_its_extension(wa_app, wa_client, fake_twilio):
    """Media fetched from Twilio by the download job is on disk and opens for an officer byte for byte."""
    picture = png()
    url = fake_twilio.add_media("ME7", picture, "image/png")
    post_signed(wa_client, fake_twilio.auth_token,
                inbound_form("ini grafiknya", NumMedia="1", MediaUrl0=url, MediaContentType0="image/png"))
    run_worker(wa_app)
    (attachment,) = rows(wa_app, Attachment)
    make_officer(wa_app)
    login(wa_client)
    response = wa_client.get(f"/console/files/{attachment.id}")
    assert response.status_code == 200 and response.data == picture and response.mimetype == "image/png"
    assert 'filename=media-0.png' in response.headers["Content-Disposition"]
