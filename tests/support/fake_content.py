"""The Content API part of the fake Twilio (tests/support/fake_twilio.py): definitions, and sends that use them.

Spoken as the real Twilio SDK calls it: ``POST /v1/Content`` (JSON), ``GET /v1/Content`` (paged list),
``GET /v1/Content/HX…``, ``DELETE /v1/Content/HX…``. Definitions are checked as Twilio documents them
(quick reply: body ≤ 1,024, 1–10 actions, title ≤ 20, id ≤ 200; list picker: body ≤ 1,024, button ≤ 20,
1–10 items, item ≤ 24, description ≤ 72, id ≤ 200); a bad one gets a 400 with error 20001. A message sent with
a ContentSid of this store is rendered with its ContentVariables: an invalid JSON or a variable without a value
is error 21656, a rendered value over its limit (or more than three quick replies in a session) 63005. A
ContentSid the store does not know is an approved template made elsewhere and is accepted as before.
"""
from __future__ import annotations

import copy
import json
import re
import uuid

PATH = re.compile(r"^/v1/Content(?:/(?P<sid>HX\w+))?$")
VARIABLE = re.compile(r"\{\{\s*(\d+)\s*\}\}")
QUICK_REPLY, LIST_PICKER, TEXT = "twilio/quick-reply", "twilio/list-picker", "twilio/text"
BODY, TITLE, BUTTON, ITEM, DESCRIPTION, ID = 1024, 20, 20, 24, 72, 200
SESSION_BUTTONS = 3
PAGE_SIZE = 50


def error(status: int, code: int, message: str) -> tuple[int, dict, dict]:
    return status, {"code": code, "message": message, "more_info": f"https://www.twilio.com/docs/errors/{code}",
                    "status": status}, {}


def _limits(kind: str, spec: dict) -> list[tuple[str, str, int]]:
    """(where, value, limit) of every limited string of one content type."""
    found = [("body", spec.get("body") or "", BODY)]
    if kind == QUICK_REPLY:
        for n, action in enumerate(spec.get("actions") or []):
            found += [(f"actions[{n}].title", action.get("title") or "", TITLE),
                      (f"actions[{n}].id", action.get("id") or "", ID)]
    if kind == LIST_PICKER:
        found.append(("button", spec.get("button") or "", BUTTON))
        for n, item in enumerate(spec.get("items") or []):
            found += [(f"items[{n}].item", item.get("item") or "", ITEM), (f"items[{n}].id", item.get("id") or "", ID),
                      (f"items[{n}].description", item.get("description") or "", DESCRIPTION)]
    return found


def _definition_problem(payload: dict) -> str | None:
    if not payload.get("friendly_name"):
        return "friendly_name is required"
    if not payload.get("language"):
        return "language is required"
    types = {k: v for k, v in (payload.get("types") or {}).items() if v is not None}
    if not types:
        return "types must name at least one content type"
    for kind, spec in types.items():
        if kind not in (QUICK_REPLY, LIST_PICKER, TEXT):
            return f"unsupported content type {kind}"
        if not spec.get("body"):
            return f"{kind}: body is required"
        count = len(spec.get("actions") or []) if kind == QUICK_REPLY else len(spec.get("items") or [])
        if kind != TEXT and not 1 <= count <= 10:
            return f"{kind}: between 1 and 10 {'actions' if kind == QUICK_REPLY else 'items'} are required"
        if kind == LIST_PICKER and not spec.get("button"):
            return f"{kind}: button is required"
        for where, value, limit in _limits(kind, spec):
            if not VARIABLE.search(value) and len(value) > limit:
                return f"{kind}: {where} is longer than {limit} characters"
        ids = [a.get("id") for a in (spec.get("actions") or spec.get("items") or [])]
        if any(not i for i in ids) or len(set(ids)) != len(ids):
            return f"{kind}: every id is required and unique"
    return None


class ContentStore:
    """Content resources of one fake account; the FakeTwilio's lock guards it."""

    def __init__(self, account_sid: str, url: str):
        self.account_sid, self.url = account_sid, url
        self.contents: dict[str, dict] = {}
        self.failures: list[tuple[int, int, str]] = []
        self.created = 0  # successful creates, for tests of the cache

    def create(self, raw: bytes) -> tuple[int, dict, dict]:
        if self.failures:
            return error(*self.failures.pop(0))
        try:
            payload = json.loads(raw or b"{}")
        except ValueError:
            return error(400, 20001, "Request body is not valid JSON")
        problem = _definition_problem(payload)
        if problem:
            return error(400, 20001, f"Invalid content: {problem}")
        sid = "HX" + uuid.uuid4().hex
        types = {k: v for k, v in payload["types"].items() if v is not None}
        for spec in types.values():  # the SDK sends "type": null in actions
            if spec.get("actions"):
                spec["actions"] = [{k: v for k, v in a.items() if v is not None} for a in spec["actions"]]
        self.contents[sid] = {
            "sid": sid, "account_sid": self.account_sid, "friendly_name": payload["friendly_name"],
            "language": payload["language"], "variables": payload.get("variables") or {}, "types": types,
            "url": f"{self.url}/v1/Content/{sid}", "date_created": None, "date_updated": None,
            "links": {"approval_fetch": f"{self.url}/v1/Content/{sid}/ApprovalRequests"}}
        self.created += 1
        return 201, self.contents[sid], {}

    def fetch(self, sid: str) -> tuple[int, dict, dict]:
        if sid not in self.contents:
            return error(404, 20404, f"The requested resource /v1/Content/{sid} was not found")
        return 200, self.contents[sid], {}

    def delete(self, sid: str) -> tuple[int, dict, dict]:
        if self.contents.pop(sid, None) is None:
            return error(404, 20404, f"The requested resource /v1/Content/{sid} was not found")
        return 204, {}, {}

    def page(self, query: dict[str, list[str]]) -> tuple[int, dict, dict]:
        size = int((query.get("PageSize") or [PAGE_SIZE])[0])
        number = int((query.get("Page") or [0])[0])
        items = list(self.contents.values())
        chunk = items[number * size:(number + 1) * size]
        base = f"{self.url}/v1/Content?PageSize={size}"
        more = (number + 1) * size < len(items)
        return 200, {"contents": chunk, "meta": {
            "page": number, "page_size": size, "first_page_url": f"{base}&Page=0", "url": f"{base}&Page={number}",
            "previous_page_url": f"{base}&Page={number - 1}" if number else None,
            "next_page_url": f"{base}&Page={number + 1}" if more else None, "key": "contents"}}, {}

    def render(self, sid: str, raw_variables: str | None) -> tuple[dict | None, tuple | None]:
        """(the content types with variables filled in, None) or (None, a Twilio error) for a send."""
        if sid not in self.contents:
            return None, None
        try:
            values = json.loads(raw_variables or "{}")
            if not isinstance(values, dict) or not all(isinstance(v, str) for v in values.values()):
                raise ValueError
        except ValueError:
            return None, error(400, 21656, "The ContentVariables Parameter is invalid")
        types = copy.deepcopy(self.contents[sid]["types"])
        missing = []

        def fill(match):
            if match.group(1) not in values:
                missing.append(match.group(1))
                return ""
            return values[match.group(1)]

        rendered = _substitute(types, fill)
        if missing:
            return None, error(400, 21656, f"The ContentVariables Parameter is invalid: no value for "
                                           f"{{{{{missing[0]}}}}}")
        for kind, spec in rendered.items():
            if kind == QUICK_REPLY and len(spec.get("actions") or []) > SESSION_BUTTONS:
                return None, error(400, 63005, "Channel did not accept given content: at most 3 quick replies "
                                               "in a session message")
            for where, value, limit in _limits(kind, spec):
                if len(value) > limit or (where.endswith(("title", "item", "button")) and not value.strip()):
                    return None, error(400, 63005, f"Channel did not accept given content: {kind} {where} "
                                                   f"is empty or longer than {limit} characters")
        return rendered, None


def _substitute(value, fill):
    if isinstance(value, str):
        return VARIABLE.sub(fill, value)
    if isinstance(value, list):
        return [_substitute(v, fill) for v in value]
    if isinstance(value, dict):
        return {k: _substitute(v, fill) for k, v in value.items()}
    return value


def options(rendered: dict) -> list[tuple[str, str, str]]:
    """(kind, id, label) of each button or row of a rendered content message."""
    if QUICK_REPLY in rendered:
        return [("button", a["id"], a["title"]) for a in rendered[QUICK_REPLY]["actions"]]
    if LIST_PICKER in rendered:
        return [("list", i["id"], i["item"]) for i in rendered[LIST_PICKER]["items"]]
    return []


def tap_form(account_sid: str, sent, index: int, sid: str) -> dict:
    """The form Twilio posts to the webhook when the citizen taps option ``index`` of the message ``sent``."""
    kind, payload, label = options(sent.rendered or {})[index]
    number = sent.to.removeprefix("whatsapp:")
    form = {"MessageSid": sid, "SmsMessageSid": sid, "AccountSid": account_sid, "From": sent.to,
            "To": sent.from_, "Body": label, "NumMedia": "0", "NumSegments": "1", "WaId": number.lstrip("+"),
            "ProfileName": "Budi", "ApiVersion": "2010-04-01", "OriginalRepliedMessageSid": sent.sid}
    if kind == "button":
        form.update(MessageType="button", ButtonText=label, ButtonPayload=payload)
    else:
        form.update(MessageType="interactive", ListId=payload, ListTitle=label)
    return form
