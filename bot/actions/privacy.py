"""Personal data in the chat: the privacy notice and consent before registration, DATA SAYA and HAPUS DATA."""
from __future__ import annotations

from bot import intent, personal_data
from bot.envelope import Outbound
from bot.states import Event
from bot.texts import NOTICE_VERSION, duration


class Privacy:
    # ---- guards
    def g_consented(self, turn) -> bool:
        """Agreed to the current notice, on this address or (once known) on any of the citizen's."""
        return personal_data.consented(self.session, turn.identity, turn.conversation.citizen, NOTICE_VERSION)

    def g_refuses(self, turn) -> bool:
        return intent.refuses(turn.text)

    def g_agrees(self, turn) -> bool:
        return turn.event in (Event.YES, Event.TEXT) and intent.agrees(turn.text)

    def g_has_proven_email(self, turn) -> bool:
        citizen = turn.conversation.citizen
        return citizen is not None and bool(citizen.email) and citizen.email_verified_at is not None

    def g_confirms_erase(self, turn) -> bool:
        return intent.confirms_erase(turn.text)

    # ---- actions
    def a_ask_consent(self, turn) -> None:
        self.say(turn, "greet")
        self.keep_pending_question(turn)
        self.notice(turn)

    def a_ask_consent_again(self, turn) -> None:
        """A known citizen meets a new notice version at the start of a conversation."""
        self.say(turn, "privacy_notice_updated")
        self.keep_pending_question(turn)
        self.notice(turn)

    def a_record_consent(self, turn) -> None:
        personal_data.record_consent(self.session, turn.identity, turn.conversation.citizen, NOTICE_VERSION, self.now)
        self.say(turn, "consent_thanks")

    def a_consent_welcome_back(self, turn) -> None:
        self.say(turn, "welcome_back", name=turn.conversation.citizen.name)
        if not self.take_kept_question(turn):
            turn.redispatch = "menu"

    def a_consent_refused(self, turn) -> None:
        turn.ctx.reset()
        self.say(turn, "consent_refused")

    def a_consent_help(self, turn) -> None:
        self.say(turn, "consent_help")

    def a_send_my_data(self, turn) -> None:
        """The copy goes to the proven e-mail only: a chat may be read by someone holding the phone."""
        citizen = turn.conversation.citizen
        turn.extra.append(personal_data.export_mail(self.session, citizen, self.now, turn.conversation.id))
        personal_data.audit(self.session, "export_mail", actor="citizen", citizen_id=citizen.id,
                            conversation_id=turn.conversation.id)
        self.say(turn, "my_data_sent", email=personal_data.mask_email(citizen.email))

    def a_my_data_no_email(self, turn) -> None:
        self.say(turn, "my_data_no_email")

    def a_ask_erase(self, turn) -> None:
        self.say(turn, "erase_confirm")

    def a_erase_cancelled(self, turn) -> None:
        self.say(turn, "erase_cancelled")

    def a_erase_my_data(self, turn) -> None:
        """Erase, then say so to the address as it was: the identity's own address is gone by then."""
        identity = turn.identity
        channel, address, lang = identity.channel, identity.address, turn.conversation.lang
        citizen_id = turn.conversation.citizen_id
        personal_data.erase_person(self.session, identity, self.now, self.settings.var_path,
                                   reason="citizen request")
        personal_data.audit(self.session, "erase", actor="citizen", citizen_id=citizen_id,
                            conversation_id=turn.conversation.id, reason="citizen request")
        turn.ctx.reset()
        turn.extra.append(Outbound(channel=channel, address=address, conversation_id=turn.conversation.id,
                                   text=self.t(turn, "erase_done"), meta={"kind": "erasure_notice", "lang": lang}))

    # ---- helpers
    def notice(self, turn) -> None:
        retention = duration(turn.conversation.lang, self.settings.retention_after_close)
        self.say(turn, "privacy_notice", retention=retention)
        self.say(turn, "consent_question")
