"""Choices on WhatsApp: quick-reply buttons and list pickers, as Twilio Content resources.

A definition is built in code from the choices an outbox row carries (:mod:`bot.choices`): up to three fixed
labels of at most 20 characters are quick-reply buttons, anything else (more choices, longer or varying labels,
such as answer titles) a list picker of at most ten rows. Limits (Twilio's and Meta's): body 1,024; quick reply
3 buttons in a session message, title 20; list picker 10 rows, row 24, description 72, button 20; ids 200; list
pickers only inside the 24-hour session (the sender never offers them outside it).

Every variable part is a ContentVariable: ``{{1}}`` the body, ``{{2}}`` the payload prefix (which
conversation and which offer a tap answers), then the labels and descriptions that vary. A definition is
keyed by the hash of its JSON, so a changed definition is a new Content resource; the ContentSid is kept in
``whatsapp_contents`` (shared by every process) and in memory. ``flask --app wsgi whatsapp content sync``
creates the fixed sets ahead of time; the first message that needs a missing one creates it.
"""
from __future__ import annotations

import hashlib
import json
import logging
import threading
from typing import Any, Optional

import requests
from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from twilio.base.exceptions import TwilioException
from twilio.rest.content.v1.content import ContentList

from bot import choices, clock
from bot.models import WhatsAppContent
from bot.texts import LANGS, text

log = logging.getLogger(__name__)
BODY_MAX = 1024
QUICK_REPLY_MAX, TITLE_MAX = 3, 20
ROWS_MAX, ROW_MAX, DESCRIPTION_MAX, BUTTON_MAX = 10, 24, 72, 20
ID_MAX = 200
QUICK_REPLY, LIST_PICKER = "twilio/quick-reply", "twilio/list-picker"
ANSWERS_SHOWN = 3  # bot.actions.searching shows at most three answers


class ContentRefused(Exception):
    """The Content API would not create the definition, or could not be reached: send numbered text instead."""


def _short(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[:limit - 1].rstrip() + "…"


def definition(meta: dict[str, Any]) -> Optional[dict[str, Any]]:
    """The Content definition for a row's choices (``meta["choices"]``), or None when WhatsApp cannot show them."""
    rows = choices.items(meta)
    if not rows or len(rows) > ROWS_MAX:
        return None
    fixed, lang = meta.get("fixed", True), meta.get("lang", "id")
    variables = {"1": "-", "2": "0.0."}  # Twilio asks for a sample value of every variable
    buttons = fixed and len(rows) <= QUICK_REPLY_MAX and all(len(label) <= TITLE_MAX for _, label, _ in rows)

    def shown(value: str, limit: int) -> str:
        if fixed:
            return _short(value, limit)
        number = str(len(variables) + 1)
        variables[number] = "-"
        return "{{" + number + "}}"

    if buttons:
        kind = {"body": "{{1}}", "actions": [{"title": shown(label, TITLE_MAX), "id": "{{2}}" + cid}
                                             for cid, label, _ in rows]}
    else:
        items = []
        for cid, label, about in rows:
            item = {"item": shown(label, ROW_MAX), "id": "{{2}}" + cid}
            if about:
                item["description"] = shown(about, DESCRIPTION_MAX)
            items.append(item)
        kind = {"body": "{{1}}", "button": _short(text(lang, "choices_button"), BUTTON_MAX), "items": items}
    return {"language": lang, "variables": variables,
            "types": {QUICK_REPLY if buttons else LIST_PICKER: kind, "twilio/text": {"body": "{{1}}"}}}


def key_of(spec: dict[str, Any]) -> str:
    return hashlib.sha256(json.dumps(spec, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def friendly_name(meta: dict[str, Any], key: str) -> str:
    return f"pst_{meta.get('set', 'choices')}_{meta.get('lang', 'id')}_{key[:12]}"[:64]


def variables(meta: dict[str, Any], body: str) -> str:
    """``ContentVariables`` JSON for one message: the body, the payload prefix, the varying labels."""
    values = {"1": body, "2": meta.get("key", "")}
    if not meta.get("fixed", True):
        for _, label, about in choices.items(meta):
            values[str(len(values) + 1)] = _short(label, ROW_MAX)
            if about:
                values[str(len(values) + 1)] = _short(about, DESCRIPTION_MAX)
    return json.dumps(values, ensure_ascii=False)


class ContentCache:
    """ContentSids by definition key: in memory, then in the database, then created through the Content API."""

    def __init__(self, client):
        self.client = client  # twilio.rest.Client with content.base_url set
        self._known: dict[str, str] = {}
        self._lock = threading.Lock()

    def sid_for(self, session: Session, meta: dict[str, Any], spec: dict[str, Any]) -> str:
        key = key_of(spec)
        sid = self._known.get(key) or session.scalar(select(WhatsAppContent.sid).where(WhatsAppContent.key == key))
        if sid is None:
            sid = self._create(session, friendly_name(meta, key), key, spec)
        self._known[key] = sid
        return sid

    def _create(self, session: Session, name: str, key: str, spec: dict[str, Any]) -> str:
        """Create at Twilio and record it; a process that recorded the same key first wins (ours stays unused)."""
        with self._lock:  # one create per definition in this process, however many threads need it
            if key in self._known:
                return self._known[key]
            try:
                created = self.client.content.v1.contents.create(
                    ContentList.ContentCreateRequest({"friendly_name": name, **spec}))
            except (TwilioException, requests.RequestException) as exc:
                raise ContentRefused(f"{name}: {exc.__class__.__name__}: {getattr(exc, 'msg', '')}") from exc
            self._known[key] = created.sid
        log.info("created WhatsApp content %s as %s", name, created.sid)
        try:
            with session.begin_nested():
                session.add(WhatsAppContent(key=key, friendly_name=name, sid=created.sid,
                                            created_at=clock.now()))
        except IntegrityError:
            return session.scalar(select(WhatsAppContent.sid).where(WhatsAppContent.key == key))
        return created.sid


def fixed_sets() -> list[dict[str, Any]]:
    """The choices meta of every set in code, in every language, with sample answers: what sync creates."""
    metas = []
    for lang in LANGS:
        def t(key: str, lang=lang) -> str:
            return text(lang, key)

        sets = [choices.named(name, t) for name in choices.SETS]
        sets += [choices.answers(["-"] * n, ["-"] * n, t) for n in range(1, ANSWERS_SHOWN + 1)]
        metas += [dict(chosen.to_meta(), lang=lang) for chosen in sets]
    return metas


def sync(session: Session, cache: ContentCache) -> list[tuple[str, str]]:
    """Create every definition in code that Twilio does not have yet; (friendly name, sid) of each."""
    done: dict[str, tuple[str, str]] = {}  # sets with the same definition (yes/no twice) share one resource
    for meta in fixed_sets():
        spec = definition(meta)
        if spec is not None and key_of(spec) not in done:
            done[key_of(spec)] = (friendly_name(meta, key_of(spec)), cache.sid_for(session, meta, spec))
            session.commit()
    return list(done.values())
