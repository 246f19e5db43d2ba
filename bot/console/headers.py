"""Security headers on every response of the app, and no caching of console pages.

The policy allows scripts and styles from this site's own files only (``console.js``, ``console.css``):
an injected ``<script>`` or ``style=""`` would not run even if escaping failed somewhere. No page may be
framed (clickjacking), the browser must not guess content types, and console pages — which show
citizens' names, numbers and messages — are never stored by the browser or a proxy.
"""
from __future__ import annotations

from flask import Flask, Response, request

POLICY = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
          "base-uri 'none'; form-action 'self'; frame-ancestors 'none'")
ALWAYS = {"Content-Security-Policy": POLICY, "X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff",
          "Referrer-Policy": "same-origin"}
HSTS = "max-age=31536000"  # a year; sent only when the site is served over https


def init_app(app: Flask) -> None:
    headers = dict(ALWAYS)
    if app.config["SETTINGS"].public_base_url.startswith("https://"):
        headers["Strict-Transport-Security"] = HSTS

    @app.after_request
    def secure(response: Response) -> Response:
        for name, value in headers.items():
            response.headers.setdefault(name, value)
        if request.path.startswith("/console/") and request.endpoint != "console.static":
            response.headers["Cache-Control"] = "no-store"
        return response
