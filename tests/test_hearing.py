"""bot.hearing: which table event a reading becomes, state by state (pure; no model, no database)."""
from __future__ import annotations

import pytest

from bot.hearing import event_for
from bot.nlu import Intent, Reading
from bot.states import Event, State


def reading(intent: Intent, confidence: float = 0.95, value: str | None = None) -> Reading:
    return Reading(intent, "id", value=value, confidence=confidence)


@pytest.mark.parametrize("text,read,state,event", [
    # registration keeps the keyword events its guards were written for
    ("Budi Santoso", reading(Intent.NAME, value="Budi Santoso"), State.ASK_NAME, Event.TEXT),
    ("ya", reading(Intent.YES), State.ASK_NAME, Event.YES),
    ("belum masuk kodenya", reading(Intent.NO_CODE_YET), State.ASK_CODE, Event.NO),
    ("halo", reading(Intent.GREETING), State.NEW, Event.TEXT),
    # typed commands mean what the menu promises, whatever the classifier thinks
    ("batal", reading(Intent.NEVER_MIND), State.WAITING, Event.CANCEL),
    ("lewati", reading(Intent.NO), State.RATING, Event.SKIP),
    # free-word commands only when the classifier is sure
    ("batalin aja tiketnya", reading(Intent.CANCEL, 0.97), State.WAITING, Event.CANCEL),
    ("wkwk lucu jg botnya", reading(Intent.COMPLAINT, 0.2), State.READY, Event.TEXT),
    # a yes/no offer: only a sure yes counts, else the typed words decide
    ("hmm", reading(Intent.YES, 0.79), State.WHICH_TICKET, Event.TEXT),
    ("iya", reading(Intent.YES, 0.98), State.WHICH_TICKET, Event.YES),
    # never mind means skip, cancel or no, depending on what was asked
    ("gak jadi deh", reading(Intent.NEVER_MIND), State.RATING, Event.SKIP),
    ("ga jadi deh", reading(Intent.NEVER_MIND), State.COMPLAINT, Event.CANCEL),
    ("ga jadi min", reading(Intent.NEVER_MIND), State.CLARIFY, Event.NEVER_MIND),
    # asked for a detail, a correction or an out-of-scope-looking purpose is the detail itself
    ("bukan kota, kecamatan barat", reading(Intent.NO_WITH_CORRECTION, value="kecamatan barat"), State.CLARIFY,
     Event.TEXT),
    ("utk pemilu", reading(Intent.OUT_OF_SCOPE, value="kpu"), State.CLARIFY, Event.TEXT),
    # the rating step keeps a question for later rather than pointing elsewhere
    ("cuaca bsk gmn", reading(Intent.OUT_OF_SCOPE, value="bmkg"), State.RATING, Event.TEXT),
    ("no. 1", Reading(Intent.PICK_ANSWER, "id", number=1), State.RESULTS, Event.PICK),
    ("bukan itu", reading(Intent.NO_WITH_CORRECTION), State.RESULTS, Event.NO),
    ("🙏🙏", reading(Intent.THANKS_GOODBYE), State.READY, Event.TEXT),
])
def test_event_for(text, read, state, event):
    """The reading in this state raises the expected table event."""
    assert event_for(text, read, state) == event
