"""Complaints in the citizen's own words, in any state: recognised, filed with a reference, shown by STATUS.

The intent layer decides whether a message is a complaint; a message that also says what happened is filed
at once ("pelayanannya lama sekali, saya kecewa dan mau mengadu"), a bare "mau mengadu" asks what happened.
A complaint written before registration is kept without a citizen and linked when registration completes.
"""
from __future__ import annotations

import re

from sqlalchemy import select, update

from bot import complaints, nlu, tickets
from bot.nlu import features
from bot.models import Complaint, Conversation, Rating
from bot.states import State
from bot.texts import WIB, when

MIN_STATED_WORDS = 2  # words beyond "saya mau mengadu" that say what happened
CONFIDENT = 0.7  # a complaint reading this sure is a complaint
LIKELY = 0.6  # below this, the message must also name a complaint ("jam buka pelayanan" read 0.56 is a question)
STATUS_SHOWN = 5  # newest complaints listed by STATUS
_WORD = re.compile(r"[^\W\d_]+")
# Words that ask to complain, or a complaint's own name: said alone, they do not say what happened.
# Not "aduh" (ouch) nor "laporan" (a report: "laporan tahunan" is data).
_ASKS = re.compile(r"^(?:(?:meng|ng|peng)?adu(?:kan|an|in)?(?:nya)?|komplai?n\w*|komplen|complain\w*|"
                   r"keluh(?:an)?|mengeluh(?:kan)?|(?:me)?lapor(?:kan|in)?|protes\w*)$")
_FILLER = {
    "saya", "sy", "aku", "aq", "gw", "gue", "kami", "mau", "mo", "ingin", "pengen", "pgn", "pingin", "bikin", "buat",
    "membuat", "sampaikan", "menyampaikan", "ajukan", "mengajukan", "dong", "donk", "min", "kak", "ka", "pak",
    "bu", "mas", "mbak", "admin", "ya", "yah", "nih", "ini", "sih", "aja", "saja", "deh", "boleh", "bisa", "tolong",
    "mohon", "ada", "satu", "sebuah", "soal", "tentang", "mengenai", "terkait", "halo", "hai", "permisi", "selamat",
    "pagi", "siang", "sore", "malam", "gimana", "bagaimana", "cara", "caranya", "dan", "atau", "yg", "yang", "nya",
    "i", "want", "wanna", "would", "like", "d", "to", "make", "file", "lodge", "submit", "a", "an", "please",
    "how", "can", "do", "about", "the", "hi", "hello", "sir", "madam", "here", "my", "me", "some", "with", "and",
}


def asks_to_complain(text: str) -> bool:
    """Does the message name a complaint ("mengadu", "komplain", "pengaduan", "complaint")?"""
    return any(_ASKS.match(word) for word in _WORD.findall(text.lower()))


def says_what_happened(text: str) -> bool:
    """More than a request to complain: "pelayanannya lama sekali" rather than "saya mau mengadu"."""
    words = [w for w in _WORD.findall(text.lower()) if len(w) > 1 and w not in _FILLER and not _ASKS.match(w)]
    return len(words) >= MIN_STATED_WORDS


def complaint_likely(text: str, confidence: float) -> bool:
    """Whether a complaint reading is to be acted on: a sure one always; a likely one (fairly sure, or naming a
    complaint or dissatisfaction) unless it is phrased as a question ("data pengaduan masyarakat ada?")."""
    if confidence >= CONFIDENT:
        return True
    likely = confidence >= LIKELY or asks_to_complain(text) or features.in_family(text, "complain")
    return likely and not text.rstrip().endswith("?")


class Complaints:
    # ---- guards
    def g_complains(self, turn) -> bool:
        """The intent layer reads a complaint, and sure enough (see :func:`complaint_likely`)."""
        reading = turn.reading  # the engine read the words once (Engine._hear); the rows are for words only
        return reading is not None and reading.intent == nlu.Intent.COMPLAINT and complaint_likely(
            turn.text, reading.confidence)

    def g_complaint_stated(self, turn) -> bool:
        return says_what_happened(turn.text)

    def g_comment_complains(self, turn) -> bool:
        """After "would you like to complain?" a yes files the comment just written, if it says something."""
        comment = self._rating_comment(turn)
        return comment is not None and says_what_happened(comment)

    # ---- actions
    def a_detour_from_here(self, turn) -> None:
        """Remember where to go back after the complaint; a new conversation goes on to the notice or registration, and an
        offered complaint keeps the menu the offer set."""
        state = State(turn.conversation.state)
        if state == State.OFFER_COMPLAINT and turn.ctx.return_state is not None:
            return
        if state == State.NEW:  # the privacy notice comes first, unless this person agreed already
            state = State.ASK_NAME if self.g_consented(turn) else State.ASK_CONSENT
        turn.ctx.detour(state.value)

    def a_rating_done(self, turn) -> None:
        """A comment that was the complaint ends the rating: after filing it, the menu."""
        turn.ctx.detour(State.READY.value)

    def a_file_comment_as_complaint(self, turn) -> None:
        turn.text = self._rating_comment(turn)
        self.a_file_complaint(turn)

    # ---- helpers
    def record_complaint(self, turn, text: str) -> Complaint:
        """Store the complaint with its reference, linked to the citizen (if known) and to the ticket."""
        open_ticket = self.open_consultation_of(turn)
        complaint = Complaint(
            reference=tickets.allocate(self.session, self.now.astimezone(WIB).year, tickets.COMPLAINT_PREFIX),
            citizen_id=turn.conversation.citizen_id, conversation_id=turn.conversation.id,
            channel=turn.identity.channel, text=text.strip()[:5000], created_at=self.now,
            consultation_id=turn.ctx.rating_for or (open_ticket.id if open_ticket else None),
            due_at=complaints.due(self.calendar, self.now, self.settings.complaint_due))
        self.session.add(complaint)
        self.session.flush()
        turn.extra.append(complaints.mailbox_notice(self.session, complaint, self.settings))
        return complaint

    def claim_complaints(self, identity, citizen_id: int) -> None:
        """Complaints this channel identity filed before it was known now belong to the citizen it proved to be."""
        conversations = select(Conversation.id).where(Conversation.identity_id == identity.id)
        self.session.execute(update(Complaint).where(Complaint.citizen_id.is_(None),
                                                     Complaint.conversation_id.in_(conversations))
                             .values(citizen_id=citizen_id))

    def complaint_lines(self, turn) -> list[str]:
        """STATUS lines for the newest complaints of the citizen, or of this identity before registration."""
        if turn.conversation.citizen_id is not None:
            mine = Complaint.citizen_id == turn.conversation.citizen_id
        else:
            mine = Complaint.conversation_id.in_(
                select(Conversation.id).where(Conversation.identity_id == turn.identity.id))
        rows = self.session.scalars(select(Complaint).where(mine, Complaint.reference.is_not(None))
                                     .order_by(Complaint.id.desc()).limit(STATUS_SHOWN)).all()
        if not rows:
            return []
        lang = turn.conversation.lang
        return [self.t(turn, "status_complaints_header")] + [
            self.t(turn, "status_complaint_line", reference=c.reference, filed=when(lang, c.created_at),
                   status=self.t(turn, f"complaint_status_{c.status}"),
                   due=self.t(turn, "status_complaint_due", due=when(lang, c.due_at))
                   if c.due_at and c.status in complaints.OPEN else "")
            for c in reversed(rows)] + ["", self.t(turn, "status_complaint_channels")]

    def _rating_comment(self, turn):
        rating_for = turn.ctx.rating_for
        if rating_for is None:
            return None
        return self.session.scalar(select(Rating.comment).where(Rating.consultation_id == rating_for))
