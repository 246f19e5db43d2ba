"""No citizen text reaches a console page unescaped, whichever channel it came through."""
from __future__ import annotations

import pytest

from tests.console_support import login, make_officer, open_ticket

SCRIPT = '<script>alert("pst")</script>'
HTML = '<img src=x onerror=alert(1)><b>tebal</b>'
QUESTION = f"Berapa jumlah penduduk miskin {SCRIPT} kecamatan lubuklinggau barat 2023 {HTML}?"


@pytest.mark.parametrize("channel,address", [("whatsapp", "+6281277778888"), ("email", "xss@example.org")])
def test_citizen_html_is_escaped_everywhere(app, client, channel, address):
    """Script and markup from the citizen show as text on every page that shows citizen words."""
    make_officer(app, role="supervisor")
    citizen, ticket = open_ticket(app, channel=channel, address=address, name="Budi Santoso", question=QUESTION,
                                  purpose=f"skripsi {HTML}")
    citizen.say(f"Tambahan {SCRIPT} {HTML}")
    login(client)
    pages = {
        "inbox": client.get("/console/?tab=all").get_data(as_text=True),
        "inbox-feed": client.get("/console/inbox.json", query_string={"tab": "all"}).get_json()["html"],
        "search": client.get("/console/", query_string={"q": "tebal"}).get_data(as_text=True),
        "chat": client.get(f"/console/t/{ticket}").get_data(as_text=True),
        "feed": "".join(m["html"] for m in client.get(f"/console/t/{ticket}/feed.json").get_json()["messages"]),
        "unanswered": client.get("/console/knowledge/unanswered").get_data(as_text=True),
        "dashboard": client.get("/console/dashboard/").get_data(as_text=True),
    }
    assert ticket in pages["inbox"] and ticket in pages["search"] and ticket in pages["inbox-feed"]
    for name, page in pages.items():
        assert SCRIPT not in page and "<img src=x" not in page and "<b>tebal</b>" not in page, name
    for name in ("chat", "feed"):
        assert "&lt;script&gt;alert(&#34;pst&#34;)&lt;/script&gt;" in pages[name], name
        assert "&lt;img src=x onerror=alert(1)&gt;" in pages[name], name
    assert "&lt;script&gt;" in pages["unanswered"]
