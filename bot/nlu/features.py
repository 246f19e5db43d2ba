"""How a message in its context becomes features: character n-grams of the tidied text, and words, word pairs,
the message's shape and the context, each word also paired with the context ("code|belum" is not
"results|belum")."""
from __future__ import annotations

import re
import unicodedata

from bot.nlu.reading import Context

SEP = "\x1f"  # between context and text in one document string (sklearn's vectorizers take strings)
_EMAIL = re.compile(r"\S+@\S+\.\S+")
_TOKEN = re.compile(r"[a-z]+(?:'[a-z]+)?|\d+|[^\w\s]", re.UNICODE)


def document(text: str, context: Context) -> str:
    return f"{Context(context).value}{SEP}{text}"


def tidy(text: str) -> str:
    """Lower case, NFKC, an address as ``@mail``, letters typed three times or more kept twice."""
    text = unicodedata.normalize("NFKC", text or "").lower().strip()
    text = _EMAIL.sub(" @mail ", text)
    text = re.sub(r"([a-z])\1{2,}", r"\1\1", text)  # "haloooo" -> "haloo", "makasiiih" -> "makasiih"
    return re.sub(r"\s+", " ", text)


def chars(doc: str) -> str:
    """The text for character n-grams: tidied, every digit a 0 (a code and a phone differ by length only)."""
    return re.sub(r"\d", "0", tidy(doc.split(SEP, 1)[1]))


def words(doc: str) -> list[str]:
    """Word features: tokens, pairs, shape, the context and the context paired with each token."""
    context, text = doc.split(SEP, 1)
    tokens = [_shape(t) for t in _TOKEN.findall(tidy(text))]
    pairs = [f"{a} {b}" for a, b in zip(tokens, tokens[1:])]
    shape = [f"#len{min(len(tokens), 6)}", f"#first:{tokens[0]}" if tokens else "#empty"]
    if text.strip()[:1].isupper():
        shape.append("#capital")
    local = tokens + shape
    return local + pairs + [f"@{context}"] + [f"@{context}|{t}" for t in local]


def _shape(token: str) -> str:
    """Numbers as their length (``#d6`` for a code, ``#d12`` for a phone), words as they are."""
    return f"#d{min(len(token), 9)}" if token.isdigit() else token
