"""Signed, expiring survey links: whoever holds the link may answer for that one service event, once.

The token carries the event (kind and id) and the language to show the form in, signed with the app's
secret and stamped with the time it was made (``itsdangerous``). The stamp is read from :mod:`bot.clock`, so
a test that moves the clock ages the link as a citizen's wait would. ``SURVEY_LINK_LIFETIME`` sets how long it
works; a forged or altered link and an expired one are told apart (403 and 410) so the page can say which.
"""
from __future__ import annotations

import dataclasses
from typing import Any

from itsdangerous import BadSignature, SignatureExpired, TimestampSigner, URLSafeTimedSerializer

from bot import clock
from bot.models import ServiceEvent

SALT = "skm-survey"
PATH = "/survei/"


class LinkRefused(Exception):
    """The link cannot be used; ``status`` is the HTTP answer and ``reason`` the text key that explains it."""

    status, reason = 403, "survey_forged"


class Forged(LinkRefused):
    pass


class Expired(LinkRefused):
    status, reason = 410, "survey_expired"


@dataclasses.dataclass(frozen=True)
class Invitation:
    """Who may answer: one service event, and the language the form is shown in."""

    kind: ServiceEvent
    event_id: int
    lang: str = "id"


class _ClockSigner(TimestampSigner):
    def get_timestamp(self) -> int:
        return int(clock.now().timestamp())


def _serializer(secret: str) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(secret, salt=SALT, signer=_ClockSigner)


def token(settings, invitation: Invitation) -> str:
    return _serializer(settings.secret_key).dumps(
        {"k": invitation.kind.value, "e": invitation.event_id, "l": invitation.lang})


def url(settings, invitation: Invitation) -> str:
    return f"{settings.public_base_url}{PATH}{token(settings, invitation)}"


def read(settings, value: str) -> Invitation:
    """The invitation a link stands for; raises :class:`Expired` or :class:`Forged` (anything else malformed)."""
    try:
        data: Any = _serializer(settings.secret_key).loads(
            value, max_age=int(settings.survey_link_lifetime.total_seconds()))
    except SignatureExpired:
        raise Expired() from None
    except (BadSignature, UnicodeError, ValueError):
        raise Forged() from None
    try:
        return Invitation(ServiceEvent(data["k"]), int(data["e"]), "en" if data.get("l") == "en" else "id")
    except (KeyError, TypeError, ValueError):  # signed by us, but not an invitation: still not a valid link
        raise Forged() from None


def lifetime_end(settings):
    """When a link made now stops working (the chat tells the citizen)."""
    return clock.now() + settings.survey_link_lifetime
