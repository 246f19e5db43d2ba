"""HTML-only mail to plain text: enough structure (paragraphs, line breaks, list items, links) for the
engine and the officer to read, no markup. Quoted history in ``<blockquote>`` and Yahoo/Thunderbird/Outlook
quote containers is marked with ``> `` so the reply stripper removes it like plain-text quotes. Gmail's
``div.gmail_quote`` is not: it holds the "On … wrote:" line, the quoted ``<blockquote>`` and any
answers typed between them, which are the citizen's own words (see :mod:`.quotes`)."""
from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_BLOCK = {"p", "div", "tr", "table", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "section", "article",
          "header", "footer"}
_SKIP = {"style", "script", "head", "title"}
_QUOTE_CLASSES = ("yahoo_quoted", "moz-cite-prefix", "divRplyFwdMsg")  # containers of quoted history only


class _Converter(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = [""]
        self.skip = 0
        self.quote = 0
        self.href: list[str | None] = []
        self.quote_stack: list[bool] = []

    def _break(self, blank: bool = False) -> None:
        if self.lines[-1].strip():
            self.lines.append("")
        if blank and len(self.lines) > 1 and self.lines[-2].strip():
            self.lines.append("")

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in _SKIP:
            self.skip += 1
        elif tag == "br":
            self.lines.append("")
        elif tag == "li":
            self._break()
            self.lines[-1] += "- "
        elif tag in ("td", "th"):
            self.lines[-1] += " "
        elif tag == "a":
            self.href.append(attributes.get("href"))
        if tag in _BLOCK or tag == "blockquote":
            self._break(blank=tag == "p")
        if tag in ("div", "blockquote"):
            quoting = tag == "blockquote" or any(c in (attributes.get("class") or "") for c in _QUOTE_CLASSES) \
                or attributes.get("id") in ("divRplyFwdMsg", "appendonsend")
            self.quote_stack.append(quoting)
            self.quote += quoting

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
        elif tag == "a" and self.href:
            href = self.href.pop()
            if href and href.startswith(("http://", "https://")) and href not in self.lines[-1]:
                self.lines[-1] += f" ({href})"
        if tag in ("div", "blockquote") and self.quote_stack:
            self.quote -= self.quote_stack.pop()
        if tag in _BLOCK or tag in ("blockquote", "li"):
            self._break(blank=tag == "p")

    def handle_data(self, data):
        if self.skip:
            return
        text = re.sub(r"\s+", " ", data)
        if not text.strip() and not self.lines[-1]:
            return
        if self.quote and not self.lines[-1].startswith(">"):
            self.lines[-1] = "> " + self.lines[-1]
        self.lines[-1] += text


def html_to_text(markup: str) -> str:
    """Readable text of an HTML body; never raises on broken markup."""
    converter = _Converter()
    try:
        converter.feed(markup)
        converter.close()
    except (AssertionError, ValueError):  # HTMLParser gives up on some malformed declarations
        return re.sub(r"<[^>]+>", " ", html.unescape(markup)).strip()
    lines = [line.replace("\xa0", " ").strip() for line in converter.lines]
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip()
