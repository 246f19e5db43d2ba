"""E-mail addresses as citizens type them: inside a sentence, and with the domain mistyped.

"email saya siti@gmail.com ya kak" gives its address; "bu di@gmail.com" (a space inside the address) does not,
since the words right before an address must be ones that lead to it. A code mailed to a mistyped domain never
arrives and the citizen waits, so ``gmail.con``, ``gmial.com``, ``yahoo.co.di`` are questioned first. Only
addresses close to a common mail provider are (edit distance with transpositions); any other domain
(``bps.go.id``, a university's, a company's) is taken as typed, since it may be exactly right.
"""
from __future__ import annotations

import re
from typing import Optional

from rapidfuzz.distance import OSA

from bot.nlu import slots

# Words that may stand right before an address with only a space between ("email saya x@y.com").
_LEADS = frozenset("""
email e-mail emailnya emailku e-mailnya mail surel surelnya alamat alamatnya address saya sy aku ku gw gue ini itu
nya is my adalah yaitu yakni pakai pake ke to at use ya iya yes ok oke here it's its
""".split())

# Providers Indonesians use most; a typo is questioned only when it is close to one of these.
COMMON = ("gmail.com", "yahoo.com", "yahoo.co.id", "ymail.com", "hotmail.com", "outlook.com", "outlook.co.id",
          "live.com", "icloud.com", "rocketmail.com", "aol.com", "protonmail.com")
# Real domains close to a common one: never questioned.
REAL = frozenset(COMMON + ("mail.com", "email.com", "gmx.com", "me.com", "msn.com", "mac.com", "live.co.uk",
                           "yahoo.co.uk", "yahoo.com.sg", "hotmail.co.uk", "proton.me", "zoho.com", "yandex.com",
                           "googlemail.com", "windowslive.com"))
# A top-level domain nobody has, typed for ".com".
_COM_TYPOS = ("con", "cim", "cpm", "vom", "xom", "comm", "coom", "cmo", "ocm")


def suggestion(address: str) -> Optional[str]:
    """The address the citizen probably meant (``siti@gmail.con`` → ``siti@gmail.com``), or None."""
    local, _, domain = (address or "").rpartition("@")
    domain = domain.lower()
    if not local or not domain or domain in REAL:
        return None
    best = min(COMMON, key=lambda common: (OSA.distance(domain, common), COMMON.index(common)))
    if OSA.distance(domain, best) <= (1 if len(domain) < 8 else 2):
        return f"{local}@{best}"
    head, _, tld = domain.rpartition(".")
    if domain.startswith("gmail."):  # Gmail has no other domain: gmail.co.id, gmail.id
        return f"{local}@gmail.com"
    if head and tld in _COM_TYPOS:
        return f"{local}@{head}.com"
    return None


def address_in(text: str) -> Optional[str]:
    """The address in a message ("ini emailnya: x@y.co.id"), lower-cased, or None when there is none."""
    found = slots.EMAIL.search(text or "")
    if found is None:
        return None
    before = text[:found.start()]
    word = re.search(r"(\S+)\s+$", before)
    if word and word.group(1).lower() not in _LEADS and re.fullmatch(r"[\w.'-]+", word.group(1)):
        return None  # "bu di@gmail.com": the space is inside the address, not before it
    return slots.email(found.group(0))
