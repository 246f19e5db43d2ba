"""Error pages inside the console: the officer's language, the console layout, a way back, no details.

Outside ``/console/`` Flask's own answers stay (webhooks and health checks want them plain). A 500 is
logged with a short reference that the page shows, so an officer can quote it and an admin can find
the traceback in the log; the page itself never shows the exception. Polls (``*.json``) get JSON.
"""
from __future__ import annotations

import logging
import secrets

from flask import Flask, g, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger(__name__)
# status -> (title, explanation), both Indonesian source phrases looked up by i18n.
PAGES = {
    400: ("Permintaan tidak bisa diproses", "Formulir ini sudah kedaluwarsa atau isinya tidak valid. Muat ulang "
                                            "halaman lalu coba lagi."),
    403: ("Akses ditolak", "Peran Anda tidak boleh membuka halaman ini."),
    404: ("Halaman tidak ditemukan", "Tiket atau halaman ini tidak ada. Periksa nomor tiketnya."),
    405: ("Permintaan tidak bisa diproses", "Alamat ini tidak menerima permintaan seperti itu."),
    413: ("Berkas terlalu besar", "Berkas yang dikirim melebihi batas. Kembali, lalu pilih berkas yang lebih kecil."),
    500: ("Terjadi kesalahan", "Ada yang salah di server; tindakan Anda mungkin belum tersimpan. Coba lagi "
                               "sebentar lagi, atau laporkan kode rujukan di bawah ke admin."),
}


def _inside(path: str) -> bool:
    return path.startswith("/console/") and not path.startswith("/console/static/")


def _page(status: int, reference: str | None = None):
    if request.path.endswith(".json") or request.accept_mimetypes.best == "application/json":
        body = {"error": status}
        if reference:
            body["reference"] = reference
        return body, status
    title, text = PAGES[status]
    return render_template("console/error.html", status=status, title=title, text=text, reference=reference), status


def _http_error(error: HTTPException):
    if not _inside(request.path) or error.code not in PAGES or error.code == 500:
        return error
    return _page(error.code)


def _server_error(error: InternalServerError):
    """Log the cause under a reference; render the page, or plain text if even the layout fails."""
    if not _inside(request.path):
        return error
    reference = secrets.token_hex(4).upper()
    cause = getattr(error, "original_exception", None) or error
    log.error("console error %s on %s %s", reference, request.method, request.endpoint or "-",
              exc_info=(type(cause), cause, cause.__traceback__))
    try:
        if "db_session" in g:
            g.db_session.rollback()  # a failed statement leaves PostgreSQL's transaction unusable for the layout
        return _page(500, reference)
    except Exception:  # the layout needs the database (current user); say the reference anyway
        log.exception("console error page %s failed to render", reference)
        return f"Terjadi kesalahan / Something went wrong. Ref: {reference}", 500, {"Content-Type": "text/plain"}


def init_app(app: Flask) -> None:
    app.register_error_handler(HTTPException, _http_error)
    app.register_error_handler(InternalServerError, _server_error)
