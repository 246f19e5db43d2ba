"""Registration: name, a live e-mail (proved by a mailed code on WhatsApp) and a phone number."""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from sqlalchemy import select

from bot import intent
from bot.envelope import Channel, Outbound, proven_email, proven_phone
from bot.models import Citizen

CODE_TTL = dt.timedelta(minutes=30)
CODE_ATTEMPTS = 5


class Registration:
    # ---- guards
    def g_known(self, turn) -> bool:
        return turn.conversation.citizen is not None

    def g_registering(self, turn) -> bool:
        return turn.conversation.citizen is None

    def g_has_profile_name(self, turn) -> bool:
        return bool(intent.clean_name(self._profile_name(turn) or ""))

    def g_email_proven(self, turn) -> bool:
        return proven_email(turn.identity.channel, turn.identity.address) is not None

    def g_valid_name(self, turn) -> bool:
        return intent.clean_name(turn.text) is not None

    def g_valid_email(self, turn) -> bool:
        return intent.clean_email(turn.text) is not None

    def g_has_pending_email(self, turn) -> bool:
        return bool(turn.ctx.get("email"))

    def g_code_matches(self, turn) -> bool:
        code, ctx = intent.code_digits(turn.text), turn.ctx
        if not code or not ctx.get("code_hash") or ctx.get("attempts", 0) <= 0:
            return False
        if self.now.timestamp() > ctx.get("code_expires", 0):
            return False
        return hmac.compare_digest(self._code_hash(code, ctx["email"]), ctx["code_hash"])

    def g_code_attempts_left(self, turn) -> bool:
        ctx = turn.ctx
        return ctx.get("attempts", 0) > 1 and self.now.timestamp() <= ctx.get("code_expires", 0)

    def g_valid_phone(self, turn) -> bool:
        return intent.clean_phone(turn.text) is not None

    def g_phone_taken(self, turn) -> bool:
        phone = intent.clean_phone(turn.text)
        return self.session.scalar(select(Citizen.id).where(Citizen.phone == phone)) is not None

    # ---- actions
    def a_greet(self, turn) -> None:
        self.say(turn, "greet")
        if turn.event.value == "text" and intent.is_substantive(turn.text):
            turn.ctx["pending_question"] = turn.text.strip()[:1000]
        self.a_reprompt_name(turn)

    def a_reprompt_name(self, turn) -> None:
        profile = intent.clean_name(self._profile_name(turn) or "")
        if profile:
            self.say(turn, "ask_name_profile", name=profile)
        else:
            self.say(turn, "ask_name")

    def a_take_profile_name(self, turn) -> None:
        turn.ctx["name"] = intent.clean_name(self._profile_name(turn))

    def a_save_name(self, turn) -> None:
        turn.ctx["name"] = intent.clean_name(turn.text)

    def a_bad_name(self, turn) -> None:
        self.say(turn, "bad_name")

    def a_ask_email(self, turn) -> None:
        self.say(turn, "ask_email", name=turn.ctx["name"])

    def a_bad_email(self, turn) -> None:
        self.say(turn, "bad_email")

    def a_send_code(self, turn) -> None:
        """Mail a fresh 6-digit code; only its keyed hash is kept."""
        ctx = turn.ctx
        email = intent.clean_email(turn.text) or ctx["email"]
        code = f"{secrets.randbelow(10**6):06d}"
        minutes = int(CODE_TTL.total_seconds() // 60)
        ctx.update(email=email, code_hash=self._code_hash(code, email), attempts=CODE_ATTEMPTS,
                   code_expires=(self.now + CODE_TTL).timestamp())
        turn.extra.append(Outbound(
            channel=Channel.EMAIL.value, address=email, author="system", conversation_id=turn.conversation.id,
            subject=self.t(turn, "code_mail_subject"), text=self.t(turn, "code_mail_body", code=code, minutes=minutes),
            meta={"kind": "verification_code"}))
        self.say(turn, "code_sent", email=email, minutes=minutes)

    def a_wrong_code(self, turn) -> None:
        turn.ctx["attempts"] = turn.ctx.get("attempts", 1) - 1
        self.say(turn, "wrong_code", left=turn.ctx["attempts"])

    def a_code_locked(self, turn) -> None:
        for key in ("code_hash", "attempts", "code_expires"):
            turn.ctx.pop(key, None)
        self.say(turn, "code_locked")

    def a_ask_phone(self, turn) -> None:
        self.say(turn, "ask_phone", name=turn.ctx["name"])

    def a_bad_phone(self, turn) -> None:
        self.say(turn, "bad_phone")

    def a_phone_taken(self, turn) -> None:
        self.say(turn, "phone_taken")

    def a_register(self, turn) -> None:
        """Create the citizen, or attach this channel to the citizen who already owns the e-mail."""
        identity, ctx = turn.identity, turn.ctx
        email = proven_email(identity.channel, identity.address) or ctx["email"]
        phone = proven_phone(identity.channel, identity.address) or intent.clean_phone(turn.text)
        citizen = self.session.scalar(select(Citizen).where(Citizen.email == email))
        if citizen is None:
            citizen = Citizen(name=ctx["name"], email=email, created_at=self.now, lang=turn.conversation.lang)
            self.session.add(citizen)
        if citizen.phone is None and not self.session.scalar(select(Citizen.id).where(Citizen.phone == phone)):
            citizen.phone = phone
        citizen.email_verified_at = self.now
        identity.citizen = citizen
        turn.conversation.citizen = citizen
        self.session.flush()
        self.claim_complaints(turn)
        for key in ("code_hash", "attempts", "code_expires", "email"):
            ctx.pop(key, None)

    def a_after_registration(self, turn) -> None:
        self.say(turn, "registered", name=turn.conversation.citizen.name)
        question = turn.ctx.pop("pending_question", None)
        if question:
            turn.redispatch = question
        else:
            self.a_show_menu(turn)

    def a_welcome_back(self, turn) -> None:
        self.say(turn, "welcome_back", name=turn.conversation.citizen.name)
        turn.redispatch = turn.text or "menu"

    def a_cancel_registration(self, turn) -> None:
        turn.ctx.clear()
        self.say(turn, "registration_cancelled")

    # ---- helpers
    def _profile_name(self, turn):
        meta = turn.message.meta if turn.message is not None else {}
        return (meta or {}).get("profile_name") or turn.identity.display_name

    def _code_hash(self, code: str, email: str) -> str:
        key = self.settings.secret_key.encode()
        return hmac.new(key, f"{email}:{code}".encode(), hashlib.sha256).hexdigest()
