"""After a consultation: a 1–4 rating with an optional comment; a complaint at any time."""
from __future__ import annotations

from sqlalchemy import select

from bot import intent
from bot.nlu import Intent
from bot.models import RATING_LABELS, Complaint, Rating, ServiceEvent
from bot.states import State
from bot.survey import answers as survey, links
from bot.texts import when

LOW_SCORE = 2
MIN_COMPLAINT_CHARS = 10
EN_LABELS = {1: "poor", 2: "fair", 3: "good", 4: "very good"}


class Feedback:
    # ---- guards
    def g_valid_score(self, turn) -> bool:
        return _score(turn) is not None and bool(turn.ctx.rating_for)

    def g_low_score(self, turn) -> bool:
        return (turn.ctx.score or 4) <= LOW_SCORE

    def g_complaint_too_short(self, turn) -> bool:
        return len(turn.text.strip()) < MIN_COMPLAINT_CHARS or not intent.has_words(turn.text)

    # ---- actions
    def g_score_has_comment(self, turn) -> bool:
        """ "4, mantap": the score came with its comment, so the comment is not asked for."""
        return bool(_rating_comment(turn))

    def g_low_score_given(self, turn) -> bool:
        return (_score(turn) or LOW_SCORE + 1) <= LOW_SCORE

    def a_save_score(self, turn) -> None:
        self.a_store_score(turn)
        self.ask_comment(turn)

    def a_store_score(self, turn) -> None:
        score, consultation_id = _score(turn), turn.ctx.rating_for
        rating = self.session.scalar(select(Rating).where(Rating.consultation_id == consultation_id))
        if rating is None:
            rating = Rating(consultation_id=consultation_id, citizen_id=turn.conversation.citizen_id,
                            created_at=self.now, score=score)
            self.session.add(rating)
        rating.score = score
        turn.ctx.score = score

    def ask_comment(self, turn) -> None:
        score = turn.ctx.score
        labels = EN_LABELS if turn.conversation.lang == "en" else RATING_LABELS
        self.say(turn, "ask_comment", score=score, label=labels[score])

    def a_bad_rating(self, turn) -> None:
        self.say(turn, "bad_rating")

    def a_save_comment(self, turn) -> None:
        """A bare no ("tidak") to "any comment?" is no comment; "ya tapi agak lambat", heard as NO, is one."""
        comment = _rating_comment(turn) or turn.text.strip()
        if intent.normalize(comment) in intent.NO:
            return
        rating = self.session.scalar(select(Rating).where(Rating.consultation_id == turn.ctx.rating_for))
        if rating is not None:
            rating.comment = comment[:2000]

    def a_thank_rating(self, turn) -> None:
        consultation_id = turn.ctx.rating_for
        turn.ctx.rating_done()
        self.say(turn, "thanks_rating")
        self._offer_survey(turn, consultation_id)
        self.take_kept_question(turn)

    def _offer_survey(self, turn, consultation_id) -> None:
        """After a rating given, the full SKM survey, by a signed link for this ticket (unless already answered)."""
        rated = consultation_id is not None and self.session.scalar(
            select(Rating.id).where(Rating.consultation_id == consultation_id))
        if not rated or survey.answered(self.session, ServiceEvent.CONSULTATION, consultation_id):
            return
        lang = turn.conversation.lang
        invitation = links.Invitation(ServiceEvent.CONSULTATION, consultation_id, lang)
        self.say(turn, "survey_offer", url=links.url(self.settings, invitation),
                 until=when(lang, links.lifetime_end(self.settings)))

    def a_offer_complaint(self, turn) -> None:
        turn.ctx.detour(State.READY.value)
        self.say(turn, "offer_complaint")

    def a_remember_state(self, turn) -> None:
        turn.ctx.detour(turn.conversation.state)

    def a_ask_complaint(self, turn) -> None:
        self.say(turn, "ask_complaint")

    def a_complaint_too_short(self, turn) -> None:
        self.say(turn, "complaint_too_short")

    def a_file_complaint(self, turn) -> None:
        complaint = self.record_complaint(turn, turn.text)
        self.say(turn, "complaint_filed", reference=complaint.reference)
        back = self._end_detour(turn)
        if turn.conversation.citizen_id is None:
            self.say(turn, "complaint_contact")
        if back != State.READY:
            self.prompt_for(turn, back)
        else:  # a question written after the close waited for the rating; the complaint ended the rating
            self.take_kept_question(turn)

    def a_complaint_cancelled(self, turn) -> None:
        self.say(turn, "cancelled")

    def a_resume(self, turn) -> None:
        """Leaving the complaint unfiled: back to the step it interrupted (registration, a ticket), asked again."""
        back = self._end_detour(turn)
        if back != State.READY or not self.take_kept_question(turn):
            self.prompt_for(turn, back)

    # ---- helpers
    def _end_detour(self, turn) -> State:
        """The state the complaint detour returns to; a finished rating is forgotten when that is the menu."""
        back = State(turn.ctx.return_state or State.READY.value)
        if back == State.READY:
            turn.ctx.rating_done()
        return back


def _score(turn):
    """The rating in the citizen's words, on the scale the ratings table holds (1–4): "3", "bintang 3", "4, mantap"."""
    reading = turn.reading
    if reading is not None and reading.intent is Intent.RATING and turn.conversation.state == State.RATING.value:
        return reading.number
    return intent.score(turn.text, top=max(RATING_LABELS))


def _rating_comment(turn):
    """The words written with the score ("3 lumayan tp agak lama" -> "lumayan tp agak lama"), in the rating step."""
    reading = turn.reading
    if reading is None or reading.intent is not Intent.RATING or turn.conversation.state != State.RATING.value:
        return None
    return (reading.comment or "").strip() or None
