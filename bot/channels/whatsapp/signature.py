"""``X-Twilio-Signature`` checking, as a view decorator.

Twilio signs the URL it called plus the POST parameters with the account's auth token. Behind a
TLS-terminating proxy the app sees ``http://internal:8000/...``, so the URL is rebuilt from
``PUBLIC_BASE_URL`` and, when the proxy says so, from ``X-Forwarded-Proto``/``X-Forwarded-Host``.
The SDK's own ``RequestValidator`` compares, with and without the default port (Twilio is not
consistent about ``:443``). Nothing else is looked up first: a Messaging Service's extra
``MessagingServiceSid`` parameter is just one more signed parameter (the bug that made a well-known
peer turn checking off again was a lookup keyed on it).
"""
from __future__ import annotations

import functools
import hmac
import logging
from typing import Callable
from urllib.parse import urlsplit

from flask import Request, current_app, request
from twilio.request_validator import (SIGNATURE_HEADER, SIGNATURE_SETTINGS_HEADER, RequestValidator,
                                      get_signature_algorithm)

log = logging.getLogger(__name__)


def _first(value: str | None) -> str:
    """The client-side value of a forwarded header (proxies append: ``https, http``)."""
    return (value or "").split(",")[0].strip()


def called_urls(req: Request, public_base_url: str) -> list[str]:
    """The URLs Twilio may have signed: PUBLIC_BASE_URL + path, then the one the proxy reports."""
    path = req.path + (f"?{req.query_string.decode('latin-1')}" if req.query_string else "")
    urls = [public_base_url + path]
    proto, host = _first(req.headers.get("X-Forwarded-Proto")), _first(req.headers.get("X-Forwarded-Host"))
    if proto or host:
        port = _first(req.headers.get("X-Forwarded-Port"))
        host = host or req.host
        if port and ":" not in host:
            host = f"{host}:{port}"
        prefix = urlsplit(public_base_url).path  # a proxy that strips /bot still was called on /bot/...
        urls.append(f"{proto or req.scheme}://{host}{prefix}{path}")
    return list(dict.fromkeys(urls))


def refusal(req: Request, auth_token: str | None, public_base_url: str) -> str | None:
    """Why this request is not a genuine Twilio request, or None when it is."""
    if not auth_token:
        return "WhatsApp is not configured (TWILIO_AUTH_TOKEN is unset): nothing can be verified"
    signature = req.headers.get(SIGNATURE_HEADER)
    if not signature:
        return "missing X-Twilio-Signature"
    if not signature.isascii():  # base64; hmac.compare_digest raises TypeError on other text
        return "X-Twilio-Signature is not base64"
    algorithm = get_signature_algorithm(req.headers.get(SIGNATURE_SETTINGS_HEADER))
    validator = RequestValidator(auth_token)
    urls = called_urls(req, public_base_url)
    if _signed_as_called(validator, urls[0], req.form, signature, algorithm):
        return None
    if any(_validates(validator, url, req.form, signature, algorithm) for url in urls):
        return None
    return f"signature does not match {' or '.join(urls)}"


def _validates(validator: RequestValidator, url: str, form, signature: str, algorithm: str) -> bool:
    """``validate``, with a URL it cannot parse (a forwarded host ``[::1`` or ``x:port``) as a mismatch."""
    try:
        return validator.validate(url, form, signature, algorithm)
    except ValueError:  # urlsplit's port and IPv6 checks
        return False


def _signed_as_called(validator: RequestValidator, url: str, form, signature: str, algorithm: str) -> bool:
    """The common case in one HMAC: signed over exactly PUBLIC_BASE_URL + path.

    ``validate`` always computes two (the URL with and without its default port); this URL is one
    of those two, so a match here is a match there. Anything else takes the full check."""
    try:
        return hmac.compare_digest(validator.compute_signature(url, form, algorithm), signature)
    except ValueError:  # an algorithm this SDK does not know: validate() refuses it with a warning
        return False


def twilio_signed(view: Callable) -> Callable:
    """Refuse (403, reason logged) any request Twilio did not sign with our auth token."""

    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        settings = current_app.config["SETTINGS"]
        reason = refusal(request, settings.twilio_auth_token, settings.public_base_url)
        if reason:
            log.warning("refused %s from %s: %s", request.path, request.remote_addr, reason)
            return "Forbidden: the request is not signed by Twilio.\n", 403, {"Content-Type": "text/plain"}
        return view(*args, **kwargs)

    return wrapper
