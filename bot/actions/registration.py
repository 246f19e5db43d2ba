"""Registration: name, a live e-mail (proved by a mailed code on WhatsApp) and a phone number.

Only what a channel or a code proved joins identities into one citizen: a phone typed on e-mail is
kept as ``Citizen.unverified_phone`` and recognises nobody (see :mod:`bot.verification`).

Citizens answer in sentences and make mistakes: a name is taken out of "nama saya …" and can be corrected
until registration ends (and with UBAH NAMA after); an address is taken out of a sentence and a mistyped
common domain questioned; "the code has not arrived" gets help, not a wrong attempt; a question typed
meanwhile is kept and answered once registration is over.
"""
from __future__ import annotations

import hmac
import re

from sqlalchemy import select

from bot import addresses, intent, names, personal_data, verification
from bot.envelope import Channel, Outbound, proven_email, proven_phone
from bot.hearing import SURE
from bot.models import Citizen
from bot.nlu import Intent
from bot.states import Event, State
from bot.texts import when

# "saya tidak punya email", "gak punya email kak", "I don't have an email": the classifier's NO_EMAIL, or these.
_NO_EMAIL = re.compile(r"\b(?:tidak|tdk|gak|ga|gk|nggak|ngga|enggak|engga|belum|blm|ndak|no|don't|dont|do not|"
                       r"haven't)\b.{0,25}\b(?:punya|ada|pny|have|got|use)\b.{0,20}\b(?:e-?mail|surel)", re.I)


class Registration:
    # ---- guards
    def g_known(self, turn) -> bool:
        return turn.conversation.citizen is not None

    def g_registering(self, turn) -> bool:
        return turn.conversation.citizen is None

    def g_has_profile_name(self, turn) -> bool:
        return names.name_in(self._profile_name(turn) or "") is not None

    def g_email_proven(self, turn) -> bool:
        return proven_email(turn.identity.channel, turn.identity.address) is not None

    def g_valid_name(self, turn) -> bool:
        turn.cache["name"] = names.name_in(turn.text, turn.reading)
        return turn.cache["name"] is not None

    def g_corrects_name(self, turn) -> bool:
        """"bukan, nama saya …", "no, my name is …", "ubah nama …" while registering: the name given was wrong."""
        renamed = names.rename_in(turn.text)
        turn.cache["name"] = names.name_in(renamed) if renamed else names.correction_in(turn.text)
        return turn.cache["name"] is not None

    def g_valid_new_name(self, turn) -> bool:
        turn.cache["name"] = names.name_in(names.rename_in(turn.text) or "")
        return turn.cache["name"] is not None

    def g_valid_email(self, turn) -> bool:
        return self._typed_email(turn) is not None

    def g_email_typo(self, turn) -> bool:
        """A common provider's domain mistyped (gmail.con); asked once: typed again, the address stands."""
        typed = addresses.address_in(turn.text)
        turn.cache["suggested"] = addresses.suggestion(typed) if typed else None
        return bool(turn.cache["suggested"]) and typed != turn.ctx.typo_typed

    def g_has_no_email(self, turn) -> bool:
        return (self._read_as(turn, Intent.NO_EMAIL)
                or _NO_EMAIL.search(turn.text or "") is not None) and addresses.address_in(turn.text) is None

    def g_code_not_arrived(self, turn) -> bool:
        """"kodenya blm masuk", "no code yet": help, and no wrong attempt (nothing that looks like a code was typed)."""
        return (self._read_as(turn, Intent.NO_CODE_YET)
                and not intent.code_digits(turn.text) and addresses.address_in(turn.text) is None)

    def g_has_pending_email(self, turn) -> bool:
        return bool(turn.ctx.email)

    def g_code_matches(self, turn) -> bool:
        code, ctx = intent.code_digits(turn.text), turn.ctx
        if not code or not ctx.nonce or not ctx.code_live(self.now.timestamp()):
            return False
        if verification.wrong_code_refusal(self.session, self.settings, turn.identity.id, self.now):
            return False  # locked out: even the right code waits, or guessing would go on
        expected = verification.code_for(self.settings.secret_key, turn.conversation.id, ctx.nonce)
        return hmac.compare_digest(code, expected)

    def g_code_attempts_left(self, turn) -> bool:
        """Wrong codes are counted per sender over the last hour, across resends and new addresses."""
        extra = 1 if intent.code_digits(turn.text) else 0
        return turn.ctx.code_live(self.now.timestamp()) and not verification.wrong_code_refusal(
            self.session, self.settings, turn.identity.id, self.now, extra)

    def g_code_mail_refused(self, turn) -> bool:
        email = self._typed_email(turn) or turn.ctx.email
        turn.cache["refusal"] = verification.mail_refusal(self.session, self.settings, turn.identity.id, email,
                                                          self.now)
        return turn.cache["refusal"] is not None

    def g_valid_phone(self, turn) -> bool:
        return intent.clean_phone(turn.text) is not None

    # ---- actions
    def a_greet(self, turn) -> None:
        self.say(turn, "greet")
        self.keep_pending_question(turn)
        self.a_reprompt_name(turn)

    def keep_pending_question(self, turn) -> None:
        """A question typed as the first message is answered once registration is over."""
        if turn.event.value == "text" and intent.is_substantive(turn.text):
            self.a_keep_question(turn)

    def a_question_kept_registration(self, turn) -> None:
        """A question typed instead of a registration answer: kept (a_keep_question), answered right after."""
        self.say(turn, "question_kept_registration")

    def a_reprompt_name(self, turn) -> None:
        profile = names.name_in(self._profile_name(turn) or "")
        if profile:
            self.say(turn, "ask_name_profile", name=profile)
        else:
            self.say(turn, "ask_name")

    def a_take_profile_name(self, turn) -> None:
        turn.ctx.name = names.name_in(self._profile_name(turn))

    def a_save_name(self, turn) -> None:
        turn.ctx.name = turn.cache["name"]

    def a_correct_name(self, turn) -> None:
        """The name corrected before registration ends; the step's own question follows (reprompt)."""
        turn.ctx.name = turn.cache["name"]
        self.say(turn, "name_corrected", name=turn.ctx.name)

    def a_rename(self, turn) -> None:
        """UBAH NAMA after registration: the citizen's name changes, the new one is shown to confirm it."""
        citizen = turn.conversation.citizen
        if citizen is None:  # not registered yet: the name waiting in the context
            turn.ctx.name = turn.cache["name"]
        else:
            citizen.name = turn.cache["name"]
        self.say(turn, "name_changed", name=turn.cache["name"])
        state = State(turn.conversation.state)
        if state is not State.READY:
            self.prompt_for(turn, state)

    def a_how_to_rename(self, turn) -> None:
        if names.rename_in(turn.text):
            self.say(turn, "bad_name")
        self.say(turn, "rename_how")

    def a_bad_name(self, turn) -> None:
        self.say(turn, "bad_name")

    def a_ask_email(self, turn) -> None:
        self.say(turn, "ask_email", name=turn.ctx.name)

    def a_bad_email(self, turn) -> None:
        self.say(turn, "bad_email")

    def a_question_email(self, turn) -> None:
        """"Maksud Anda siti@gmail.com?": YES takes the suggestion (see _typed_email), a new address replaces it."""
        turn.ctx.question_address(addresses.address_in(turn.text), turn.cache["suggested"])
        self.say(turn, "email_typo", email=turn.cache["suggested"])

    def a_no_email(self, turn) -> None:
        self.say(turn, "no_email")

    def a_code_not_arrived(self, turn) -> None:
        self.say(turn, "code_not_arrived", email=turn.ctx.email or "")

    def a_send_code(self, turn) -> None:
        """Queue a code mail; the row and the context keep only a nonce, the sender derives the code."""
        ctx, lang = turn.ctx, turn.conversation.lang
        email = self._typed_email(turn) or ctx.email
        ctx.forget_typo()
        nonce = verification.new_nonce()
        ctx.code_sent(email, nonce, (self.now + verification.CODE_TTL).timestamp())
        verification.record(self.session, verification.CODE_MAIL, turn.identity.id, email, self.now)
        meta = verification.mail_meta(nonce, lang)
        turn.extra.append(Outbound(
            channel=Channel.EMAIL.value, address=email, author="system", conversation_id=turn.conversation.id,
            subject=self.t(turn, "code_mail_subject"), text=verification.masked_body(lang), meta=meta))
        self.say(turn, "code_sent", email=email, minutes=meta["minutes"])

    def a_refuse_code_mail(self, turn) -> None:
        refusal = turn.cache["refusal"]
        self.say(turn, refusal.key, when=when(turn.conversation.lang, refusal.until))

    def a_wrong_code(self, turn) -> None:
        """A typed code that does not match; words without a code ("halo", "hmm") are no attempt: asked again."""
        if not intent.code_digits(turn.text):
            self.prompt_for(turn, State.ASK_CODE)
            return
        self._count_wrong_code(turn)
        left = verification.wrong_codes_left(self.session, self.settings, turn.identity.id, self.now)
        self.say(turn, "wrong_code", left=left)

    def a_code_locked(self, turn) -> None:
        if turn.ctx.code_live(self.now.timestamp()):  # an expired code is no guess
            self._count_wrong_code(turn)
        turn.ctx.forget_code()
        refusal = verification.wrong_code_refusal(self.session, self.settings, turn.identity.id, self.now)
        if refusal:
            self.say(turn, refusal.key, when=when(turn.conversation.lang, refusal.until))
        else:
            self.say(turn, "code_locked")

    def a_ask_phone(self, turn) -> None:
        phone = self.letter_phone(turn)  # the signature's number, offered to confirm
        self.say(turn, "ask_phone_letter" if phone else "ask_phone", name=turn.ctx.name, phone=phone)

    def a_bad_phone(self, turn) -> None:
        self.say(turn, "bad_phone")

    def a_register(self, turn) -> None:
        """Create the citizen, or attach this channel to the citizen who already owns the e-mail.

        The e-mail is proven here (the mail's sender, or the code just matched); a phone is proven
        only by WhatsApp. A phone typed on e-mail is stored apart and links nobody."""
        identity, ctx = turn.identity, turn.ctx
        email = proven_email(identity.channel, identity.address) or ctx.email
        phone = proven_phone(identity.channel, identity.address)
        citizen = self.session.scalar(select(Citizen).where(Citizen.email == email))
        if citizen is None:
            citizen = Citizen(name=ctx.name, email=email, created_at=self.now, lang=turn.conversation.lang)
            self.session.add(citizen)
        if phone is None:
            citizen.unverified_phone = intent.clean_phone(turn.text) or self.letter_phone(turn)
        elif citizen.phone is None and not self.session.scalar(select(Citizen.id).where(Citizen.phone == phone)):
            citizen.phone = phone
            if citizen.unverified_phone == phone:
                citizen.unverified_phone = None
        citizen.email_verified_at = self.now
        identity.citizen = citizen
        turn.conversation.citizen = citizen
        self.session.flush()
        personal_data.claim_consents(self.session, identity, citizen)
        self.claim_complaints(identity, citizen.id)
        ctx.registered()

    def a_after_registration(self, turn) -> None:
        self.say(turn, "registered", name=turn.conversation.citizen.name)
        if not self.take_kept_question(turn):
            self.a_show_menu(turn)

    def a_welcome_back(self, turn) -> None:
        self.say(turn, "welcome_back", name=turn.conversation.citizen.name)
        turn.redispatch = turn.text or "menu"

    def a_cancel_registration(self, turn) -> None:
        turn.ctx.reset()
        self.say(turn, "registration_cancelled")

    # ---- helpers
    def _typed_email(self, turn):
        """The address in the message; a YES to "Maksud Anda …?" is the address suggested."""
        address = addresses.address_in(turn.text)
        if address is None and turn.event is Event.YES:
            address = turn.ctx.typo_suggested
        return address

    def _read_as(self, turn, meaning: Intent) -> bool:
        """The classifier is sure the message means this (a bare "budi" in the e-mail step is no "no e-mail")."""
        return turn.reading is not None and turn.reading.intent is meaning and turn.reading.confidence >= SURE

    def _profile_name(self, turn):
        meta = turn.message.meta if turn.message is not None else {}
        letter = turn.ctx.letter.get("name")  # a mail's signature: the name the citizen goes by
        return letter or (meta or {}).get("profile_name") or turn.identity.display_name

    def _count_wrong_code(self, turn) -> None:
        """A typed 6-digit code that did not match counts against the sender; other words do not."""
        if intent.code_digits(turn.text):
            verification.record(self.session, verification.WRONG_CODE, turn.identity.id,
                                turn.ctx.email or "", self.now)
