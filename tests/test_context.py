"""The conversation context: a typed value whose stages forget their own fields by name."""
from bot.context import Context
from bot.states import PROMPTS, State, office_owes


def test_round_trip_keeps_only_what_differs_from_the_defaults():
    ctx = Context(name="Siti", answers=["inflasi"], question="inflasi llg")
    stored = ctx.dump()
    assert stored == {"name": "Siti", "answers": ["inflasi"], "question": "inflasi llg"}
    assert Context.load(stored) == ctx
    assert Context.load(None) == Context() and Context().dump() == {}


def test_keys_of_an_older_release_are_dropped_not_fatal():
    assert Context.load({"name": "Budi", "shown_at": 12}).dump() == {"name": "Budi"}


def test_registration_forgets_the_code_and_the_address():
    ctx = Context(name="Siti")
    ctx.code_sent("siti@example.id", "n0nce", 100.0)
    assert ctx.code_live(100.0) and not ctx.code_live(100.5)
    ctx.registered()
    assert ctx.dump() == {"name": "Siti"}


def test_a_request_handed_to_its_ticket_leaves_nothing_behind():
    ctx = Context()
    ctx.answers_shown(["a", "b"], "data umkm")
    ctx.start_request({"data_needed": "data umkm", "area": None}, 50.0)
    ctx.asking = "area"
    assert ctx.answers == [] and ctx.question == "data umkm"
    request, started = ctx.take_request()
    assert request["data_needed"] == "data umkm" and started == 50.0
    assert ctx.dump() == {}


def test_menu_clears_search_request_detour_and_rating_but_not_registration():
    ctx = Context(name="Siti", answers=["x"], question="q", request={}, asking="area", return_state="waiting",
                  rating_for=3, score=2, kept_question="berapa?")
    ctx.clear()
    assert ctx.dump() == {"name": "Siti", "kept_question": "berapa?"}


def test_closing_a_ticket_opens_its_rating_and_drops_its_acknowledgements():
    ctx = Context(acked_at=99.0, request={"area": "x"}, answers=["y"])
    ctx.ticket_closed(7)
    assert ctx.dump() == {"rating_for": 7}


def test_a_detour_comes_back_once():
    ctx = Context()
    ctx.detour("ask_email")
    assert ctx.come_back("ready") == "ask_email" and ctx.come_back("ready") == "ready"


def test_reset_forgets_everything():
    ctx = Context(name="x", letter={"phone": "+62812"}, kept_question="q", rating_for=1, typo_suggested="a@b.id")
    ctx.reset()
    assert ctx == Context()


def test_every_state_has_a_prompt():
    assert set(PROMPTS) == set(State)


def test_the_office_owes_the_first_reply_and_a_hand_off_answer():
    assert office_owes(State.WAITING, citizen_wrote_last=False, first_reply_pending=True)
    assert office_owes(State.COMPLAINT, citizen_wrote_last=True, first_reply_pending=True)  # a detour from waiting
    assert office_owes(State.HANDOFF, citizen_wrote_last=True, first_reply_pending=False)
    assert not office_owes(State.HANDOFF, citizen_wrote_last=False, first_reply_pending=False)
    assert not office_owes(State.RATING, citizen_wrote_last=True, first_reply_pending=False)
    assert not office_owes(State.ASK_EMAIL, citizen_wrote_last=True, first_reply_pending=False)


def test_a_reset_keeps_the_offer_counter_so_old_buttons_stay_stale():
    ctx = Context(offer={"n": 4, "set": "consent", "ids": ["agree", "refuse"], "replies": ["Setuju", "Tidak"]})
    ctx.reset()
    assert ctx.offer == {"n": 4, "ids": []}
