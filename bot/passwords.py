"""The officers' password policy: long enough, not a common password, not the officer's own name.

The list of common passwords is the 30,000 most used ones that ``zxcvbn`` ships (no download at run
time); zxcvbn's estimate also catches the usual dressing-up ("Password2026!", "siti12345678") and words
of this office, which an attacker would try first.
"""
from __future__ import annotations

import enum
import re
from typing import Optional

from zxcvbn import zxcvbn
from zxcvbn.frequency_lists import FREQUENCY_LISTS

MIN_LENGTH = 10
MIN_SCORE = 3  # zxcvbn's 0-4: 3 is "safely unguessable" against an online attack slowed down by the throttle
OFFICE_WORDS = ("bps", "pst", "lubuklinggau", "linggau", "statistik", "konsultasi", "admin", "petugas")
_COMMON = frozenset(FREQUENCY_LISTS["passwords"])


class Weakness(str, enum.Enum):
    """Why a password is refused; the value is the CLI's sentence (the console says it in its own words)."""

    SHORT = f"the password must have at least {MIN_LENGTH} characters"
    OWN_NAME = "the password must not contain the username or the officer's name"
    COMMON = "the password is too common or too easy to guess; use a few unrelated words"


def problem(password: str, username: str, name: str = "") -> Optional[Weakness]:
    """Why ``password`` is refused, or None when it is acceptable."""
    if len(password) < MIN_LENGTH:
        return Weakness.SHORT
    folded = password.casefold()
    own = [w for w in re.split(r"\W+", f"{username} {name}".casefold()) if len(w) >= 3]
    if any(word in folded for word in own):
        return Weakness.OWN_NAME
    if folded in _COMMON or zxcvbn(password[:100], user_inputs=[*own, *OFFICE_WORDS])["score"] < MIN_SCORE:
        return Weakness.COMMON
    return None
