"""What a mail's letter stated (name, phone, purpose) used so the citizen is not asked it again.

The facts come from the signature and sentences of the mail (:mod:`bot.channels.email.letter`), are kept in the
conversation's context under ``letter`` (the first statement stands) and are only ever offered or filled in:
a phone from a signature is what the citizen typed, not what a channel proves, so it never links identities.
"""
from __future__ import annotations

from typing import Optional

from sqlalchemy import select

from bot import intent
from bot.models import Citizen
from bot.states import Event


class Letters:
    # ---- guards
    def g_gave_letter_phone(self, turn) -> bool:
        """YES to the signature's number we offered, or a mail whose signature (not its text) gives a number."""
        own = ((turn.message.meta or {}).get("letter") or {}).get("phone") if turn.message is not None else None
        gave = turn.event == Event.YES or own is not None and intent.clean_phone(turn.text) is None
        return gave and self.letter_phone(turn) is not None

    # ---- helpers
    def letter_phone(self, turn) -> Optional[str]:
        """The number the letter gave, unless another citizen has it already."""
        phone = turn.ctx.letter.get("phone")
        if phone and self.session.scalar(select(Citizen.id).where(Citizen.phone == phone)) is None:
            return phone
        return None
