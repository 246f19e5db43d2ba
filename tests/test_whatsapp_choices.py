"""Choices on WhatsApp end to end: Content definitions through the real Twilio SDK to the fake, taps back
through the signed webhook, the numbered-text fallback, the template path outside the 24-hour window."""
from __future__ import annotations

import json

import pytest
from sqlalchemy import select
from twilio.base.exceptions import TwilioRestException
from twilio.rest.content.v1.content import ContentList

from bot import choices
from bot.channels.whatsapp import content
from bot.models import Message, Rating, WhatsAppContent
from tests import journeys as j
from tests.support.whatsapp import (inbound_form, make_wa_app, post_signed, queue_reply, rows,  # noqa: F401
                                    run_worker, wa_app, wa_client, wa_env)

TEMPLATE = "HX" + "b" * 32


@pytest.fixture
def wa_knowledge(wa_app):
    from knowledge.store import import_dir

    with wa_app.app_context(), wa_app.extensions["db"].session() as s:
        import_dir(s)
        s.commit()
    return wa_app


def deliver(app, fake, address: str):
    """Send every queued row to ``address`` through the worker; the fake's messages to it."""
    from workers.jobs import enqueue_delivery

    queued = rows(app, Message, Message.address == address, Message.status == "queued")
    enqueue_delivery(queued, app)
    run_worker(app)
    return [m for m in fake.messages if m.to == f"whatsapp:{address}"]


def talk(client, app, fake, form: dict):
    """A signed inbound (text or tap), the worker run: the messages the citizen got for it."""
    before = len(fake.messages)
    assert post_signed(client, fake.auth_token, form).status_code == 200
    run_worker(app)
    return fake.messages[before:]


def test_consent_comes_as_two_buttons_and_a_tap_agrees(wa_app, wa_client, fake_twilio):
    form = inbound_form("halo min")
    (sent,) = talk(wa_client, wa_app, fake_twilio, form)
    assert sent.params.get("ContentSid", "").startswith("HX") and "Body" not in sent.params
    assert sent.options == ["Setuju", "Tidak setuju"]
    assert "Pemberitahuan privasi" in sent.body and "Apakah Anda setuju?" in sent.body
    assert "twilio/quick-reply" in sent.rendered
    (reply,) = talk(wa_client, wa_app, fake_twilio, fake_twilio.tap_form(sent, 0))
    assert "nama" in reply.body.lower()
    (tapped,) = rows(wa_app, Message, Message.direction == "in", Message.body == "Setuju")
    assert tapped.meta["tap"].endswith(".agree")


def test_definition_is_created_once_and_shared(wa_app, wa_client, fake_twilio):
    talk(wa_client, wa_app, fake_twilio, inbound_form("halo"))
    talk(wa_client, wa_app, fake_twilio, inbound_form("halo juga"))
    assert fake_twilio.content.created == 1
    (stored,) = rows(wa_app, WhatsAppContent)
    assert stored.friendly_name.startswith("pst_consent_id_") and stored.sid in fake_twilio.content.contents
    other = wa_app.extensions["senders"]["whatsapp"].__class__(wa_app.config["SETTINGS"])  # another process
    with wa_app.app_context(), wa_app.extensions["db"].session() as s:
        meta = rows(wa_app, Message, Message.direction == "out")[0].meta["choices"]
        assert other.contents.sid_for(s, meta, content.definition(meta)) == stored.sid
    assert fake_twilio.content.created == 1


def test_rating_is_a_list_with_the_survey_words(wa_knowledge, wa_client, fake_twilio):
    c = j.rating(wa_knowledge)
    sent = deliver(wa_knowledge, fake_twilio, c.address)[-1]
    assert "twilio/list-picker" in sent.rendered
    assert sent.options == ["Tidak baik", "Kurang baik", "Baik", "Sangat baik"]
    assert sent.rendered["twilio/list-picker"]["button"] == "Pilih"
    talk(wa_client, wa_knowledge, fake_twilio, fake_twilio.tap_form(sent, 2))
    assert c.state() == "comment"
    with wa_knowledge.app_context(), wa_knowledge.extensions["db"].session() as s:
        assert s.scalar(select(Rating.score)) == 3


def test_answers_list_carries_titles_as_variables(wa_knowledge, wa_client, fake_twilio):
    c = j.results(wa_knowledge)
    c.say("menu")
    c.say(j.FOUND)
    sent = deliver(wa_knowledge, fake_twilio, c.address)[-1]
    variables = json.loads(sent.params["ContentVariables"])
    assert sent.options[-1] == "Tidak ada yang cocok" and len(sent.options) >= 2
    assert all(len(o) <= 24 for o in sent.options) and sent.options[0] in variables.values()
    definition = fake_twilio.content.contents[sent.params["ContentSid"]]["types"]["twilio/list-picker"]
    assert definition["items"][0]["item"].startswith("{{")  # titles vary: they are variables
    (article, *_) = talk(wa_client, wa_knowledge, fake_twilio, fake_twilio.tap_form(sent, 0))
    assert "Apakah ini membantu?" in article.body and article.options == ["Ya", "Tidak"]
    talk(wa_client, wa_knowledge, fake_twilio, fake_twilio.tap_form(article, 1))
    assert c.state() in ("clarify", "confirm_request")


def test_old_button_gets_a_clear_answer_and_the_current_prompt(wa_knowledge, wa_client, fake_twilio):
    c = j.ready(wa_knowledge)
    c.say(j.FOUND)
    answers = deliver(wa_knowledge, fake_twilio, c.address)[-1]
    talk(wa_client, wa_knowledge, fake_twilio, fake_twilio.tap_form(answers, 0))
    (reply,) = talk(wa_client, wa_knowledge, fake_twilio, fake_twilio.tap_form(answers, 1))
    assert "pertanyaan sebelumnya" in reply.body and "Apakah ini membantu?" in reply.body
    assert reply.options == ["Ya", "Tidak"] and c.state() == "results"


def test_refused_definition_goes_as_numbered_text(wa_app, wa_client, fake_twilio):
    fake_twilio.fail_content()
    form = inbound_form("halo")
    (sent,) = talk(wa_client, wa_app, fake_twilio, form)
    assert "ContentSid" not in sent.params
    assert sent.body.endswith("Balas dengan nomor atau kata pilihan Anda:\n1. Setuju\n2. Tidak setuju")
    (row,) = rows(wa_app, Message, Message.direction == "out")
    assert row.status == "sent" and "choices_as_text" in row.meta
    (reply,) = talk(wa_client, wa_app, fake_twilio, inbound_form("1", sender=form["From"][9:]))
    assert "nama" in reply.body.lower()


def test_unreachable_content_api_goes_as_numbered_text(make_wa_app, fake_twilio):
    from tests.support.ports import free_port

    app = make_wa_app(TWILIO_CONTENT_API_BASE=f"http://127.0.0.1:{free_port()}")
    (sent,) = talk(app.test_client(), app, fake_twilio, inbound_form("halo"))
    assert "1. Setuju" in sent.body and "ContentSid" not in sent.params


def test_refused_send_goes_as_text_once(wa_app, wa_client, fake_twilio):
    """Twilio refuses the interactive message: the same words go as text, one message, nothing doubled."""
    fake_twilio.fail_next(1, kind=63005, message="Channel did not accept given content")
    (sent,) = talk(wa_client, wa_app, fake_twilio, inbound_form("halo"))
    assert "Pemberitahuan privasi" in sent.body and "2. Tidak setuju" in sent.body
    assert len(fake_twilio.messages) == 1


def test_long_text_goes_before_the_buttons(wa_app, fake_twilio):
    long = ("Kalimat panjang. " * 80).strip()
    chosen = choices.named("yes_no", lambda k: {"choice_yes": "Ya", "choice_no": "Tidak"}[k])
    queue_reply(wa_app, f"{long}\n\nApakah ini membantu?", choices=chosen)
    run_worker(wa_app)
    first, last = fake_twilio.messages
    assert first.params["Body"] == long and "ContentSid" not in first.params
    assert last.body == "Apakah ini membantu?" and last.options == ["Ya", "Tidak"]


def test_outside_the_window_the_template_path_stays(make_wa_app, fake_twilio):
    app = make_wa_app(TWILIO_TEMPLATE_RATING=TEMPLATE)
    chosen = choices.named("rating", lambda k: k)
    queue_reply(app, "Bagaimana penilaian Anda?", choices=chosen, last_inbound_hours=30, meta={"template": "rating"})
    run_worker(app)
    (sent,) = fake_twilio.messages
    assert sent.params["ContentSid"] == TEMPLATE and fake_twilio.content.created == 0


def test_sync_creates_each_definition_once(wa_app, fake_twilio):
    fake_twilio.content_latency = (0, 0)
    runner = wa_app.test_cli_runner()
    first = runner.invoke(args=["whatsapp", "content", "sync"])
    assert first.exit_code == 0, first.output
    made = fake_twilio.content.created
    distinct = {content.key_of(content.definition(meta)) for meta in content.fixed_sets()}
    assert made == len(distinct) and f"{made} definitions in place" in first.output
    again = runner.invoke(args=["whatsapp", "content", "sync"])
    assert again.exit_code == 0 and fake_twilio.content.created == made


def test_sync_without_whatsapp_says_so(app):
    result = app.test_cli_runner().invoke(args=["whatsapp", "content", "sync"])
    assert result.exit_code != 0 and "not configured" in result.output


def test_changed_definition_is_a_new_resource():
    meta = choices.named("yes_no", lambda k: {"choice_yes": "Ya", "choice_no": "Tidak"}[k]).to_meta()
    changed = dict(meta, items=[["yes", "Ya, betul", ""], ["no", "Tidak", ""]])
    assert content.key_of(content.definition(meta)) != content.key_of(content.definition(changed))
    assert content.key_of(content.definition(meta)) == content.key_of(content.definition(dict(meta, key="9.9.")))


def test_limits_choose_the_form():
    def meta(n, label="Pilihan", fixed=True):
        return {"set": "x", "lang": "id", "fixed": fixed, "items": [[str(i), label, ""] for i in range(n)]}

    assert "twilio/quick-reply" in content.definition(meta(3))["types"]
    assert "twilio/list-picker" in content.definition(meta(4))["types"]
    assert "twilio/list-picker" in content.definition(meta(2, "Label yang lebih dari dua puluh"))["types"]
    assert content.definition(meta(11)) is None


# ---- the fake speaks the Content API as Twilio does ---------------------------------------------
def _create(client, types: dict):
    return client.content.v1.contents.create(ContentList.ContentCreateRequest(
        {"friendly_name": "t", "language": "id", "variables": {"1": "x"}, "types": types}))


@pytest.fixture
def content_client(fake_twilio):
    fake_twilio.content_latency = (0, 0)
    client = fake_twilio.client()
    client.content.base_url = fake_twilio.url
    return client


@pytest.mark.parametrize("types, words", [
    ({"twilio/quick-reply": {"body": "b", "actions": [{"title": "x" * 21, "id": "a"}]}}, "title"),
    ({"twilio/list-picker": {"body": "b", "button": "Pilih", "items": [{"item": "i", "id": str(n)}
                                                                        for n in range(11)]}}, "between 1 and 10"),
    ({"twilio/list-picker": {"body": "b", "button": "Pilih", "items": [{"item": "i", "id": "a",
                                                                         "description": "d" * 73}]}}, "description"),
    ({"twilio/list-picker": {"body": "b", "items": [{"item": "i", "id": "a"}]}}, "button"),
    ({"twilio/quick-reply": {"body": "b" * 1025, "actions": [{"title": "x", "id": "a"}]}}, "body"),
])
def test_fake_refuses_bad_definitions(content_client, types, words):
    with pytest.raises(TwilioRestException) as refused:
        _create(content_client, types)
    assert refused.value.status == 400 and refused.value.code == 20001 and words in refused.value.msg


def test_fake_lists_fetches_and_deletes(content_client, fake_twilio):
    made = _create(content_client, {"twilio/text": {"body": "{{1}}"}})
    assert made.sid.startswith("HX")
    assert [c.sid for c in content_client.content.v1.contents.list()] == [made.sid]
    assert content_client.content.v1.contents(made.sid).fetch().friendly_name == "t"
    assert content_client.content.v1.contents(made.sid).delete()
    assert fake_twilio.content.contents == {}


@pytest.mark.parametrize("variables, code", [
    ("not json", 21656),
    (json.dumps({"2": "a."}), 21656),  # {{1}} has no value
    (json.dumps({"1": "b", "2": "x" * 200}), 63005),  # an id over 200 once filled in
])
def test_fake_checks_variables_on_send(content_client, fake_twilio, variables, code):
    buttons = {"body": "{{1}}", "actions": [{"title": "Ya", "id": "{{2}}yes"}]}
    made = _create(content_client, {"twilio/quick-reply": buttons})
    with pytest.raises(TwilioRestException) as refused:
        content_client.messages.create(to="whatsapp:+6281300000001", from_="whatsapp:+14155238886",
                                       content_sid=made.sid, content_variables=variables)
    assert refused.value.code == code


@pytest.mark.parametrize("name", sorted(choices.SETS))
def test_outside_the_window_no_buttons_are_made(make_wa_app, fake_twilio, name):
    """A prompt with choices to a citizen silent for a day: no Content created; the template path decides."""
    app = make_wa_app()
    chosen = choices.named(name, lambda k: k)
    row = queue_reply(app, "Pertanyaan?", choices=chosen, last_inbound_hours=25)
    run_worker(app)
    (stored,) = rows(app, Message, Message.id == row)
    assert stored.status == "undeliverable" and fake_twilio.content.created == 0 and fake_twilio.messages == []
