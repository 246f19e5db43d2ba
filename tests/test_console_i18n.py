"""The console speaks Bahasa Indonesia with an English switch; every phrase has its English twin."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from bot.console import i18n
from tests.console_support import csrf_token, login, make_officer, post

CONSOLE = Path(i18n.__file__).parent
PHRASE = re.compile(r"""_\(\s*"((?:[^"\\]|\\.)+)"\s*\)|_\(\s*'((?:[^'\\]|\\.)+)'\s*\)""")
NAME_MAP = re.compile(r'\{(?:"[a-z_]+": "[^"]+",? ?)+\}')  # {% set names = {...} %}, shown with _(names[key])


def _phrases() -> set[str]:
    found = set()
    for path in [*CONSOLE.glob("*.py"), *(CONSOLE / "templates" / "console").glob("*.html")]:
        text = path.read_text()
        found |= {a or b for a, b in PHRASE.findall(text)}
        if path.suffix == ".html":
            for mapping in NAME_MAP.findall(text):
                found |= set(re.findall(r': "([^"]+)"', mapping))
    return found


def test_every_phrase_has_english():
    """No Indonesian phrase used in a console template or view lacks an English entry."""
    missing = sorted(p for p in _phrases() if p not in i18n.EN)
    assert missing == []


@pytest.mark.parametrize("lang,words", [("id", ["Kotak masuk", "Milik saya", "Lewat tenggat"]),
                                        ("en", ["Inbox", "Mine", "Breached"])])
def test_inbox_language(app, client, lang, words):
    """The inbox reads in the chosen language."""
    make_officer(app)
    login(client)
    post(client, "/console/lang", {"lang": lang, "next": "/console/"})
    page = client.get("/console/").get_data(as_text=True)
    assert all(word in page for word in words) and f'<html lang="{lang}">' in page


def test_language_chosen_on_the_login_page_survives_login(app, client):
    """English picked before logging in stays English afterwards (the fresh session keeps the choice)."""
    make_officer(app)
    client.post("/console/lang", data={"lang": "en", "next": "/console/login",
                                       "csrf_token": csrf_token(client)})
    assert "Log in" in client.get("/console/login").get_data(as_text=True)
    login(client)
    assert "Inbox" in client.get("/console/").get_data(as_text=True)
