"""A conversation keeps the citizen's language on greetings, thanks, assent and emoji (issue 20, item 11)."""
import pytest
from sqlalchemy import select

from bot import intent, services
from bot.envelope import Channel
from bot.models import Citizen, Conversation
from bot.states import Event
from tests import journeys as j
from tests.talk import Citizen as Talker, mailed_code


@pytest.mark.parametrize("text", ["hi", "Hi!", "ok", "oke", "👍", "thanks", "Thank you", "yes", "no", "halo", "hai",
                                  "ok thx", "🙏🙏", "p"])
@pytest.mark.parametrize("current", ["id", "en"])
def test_neutral_messages_keep_the_language(text, current):
    """Greetings, thanks and assent written alike in both languages are no sign of either."""
    assert intent.detect_lang(text, current) == current


@pytest.mark.parametrize("text, current, lang", [
    ("makasih kak", "en", "id"), ("ok makasih", "en", "id"), ("halo min", "en", "id"), ("selamat pagi", "en", "id"),
    ("thank you so much for your help", "id", "en"), ("hello, I need population data", "id", "en"),
    ("HELP", "id", "en"), ("tidak", "en", "id"),
])
def test_clear_words_still_switch(text, current, lang):
    """Words only one language uses still decide it."""
    assert intent.detect_lang(text, current) == lang


def _english_on_whatsapp(app) -> Talker:
    c = j.new(app)
    c.say("hello, I need some data please")
    c.say("I agree")
    c.say("John Smith")
    c.say(f"john{c.address[1:]}@example.org")
    assert "You are registered" in c.say(mailed_code(c))
    return c


@pytest.mark.parametrize("text, answer", [("hi", "Please type your question"), ("ok", "Please type your question"),
                                          ("👍", "Please type your question"), ("thanks", "You're welcome"),
                                          ("halo", "Please type your question")])
def test_an_english_conversation_is_not_switched_by_a_neutral_message(app, knowledge, text, answer):
    """After "hi", "ok", "👍", "thanks" or "halo" the English speaker still reads English."""
    c = _english_on_whatsapp(app)
    assert answer in c.say(text)
    assert "What is the poverty rate" not in (reply := c.say("what is the poverty rate of lubuklinggau"))
    assert "Here is what we found" in reply


@pytest.mark.parametrize("text, reply", [("yes", "tulis pertanyaan"), ("thanks", "Sama-sama"),
                                         ("ok", "tulis pertanyaan"), ("hello", "tulis pertanyaan")])
def test_an_indonesian_conversation_is_not_switched_by_english_courtesy(app, knowledge, text, reply):
    """Indonesians write "yes", "thanks", "ok" too: the reply stays Indonesian."""
    c = j.ready(app)
    assert reply in c.say(text)


def test_a_known_english_citizen_starting_with_hi_stays_english(app, knowledge):
    """A new conversation that opens with "hi" is welcomed in the language the citizen is known to write."""
    c = _english_on_whatsapp(app)
    assert "Goodbye" in c.say("done")
    assert "Welcome back, John Smith" in c.say("hi")
    with app.app_context(), app.extensions["db"].session() as s:
        assert s.scalar(select(Citizen.lang)) == "en"


def test_an_unregistered_english_writer_starting_again_with_hi_stays_english(app):
    """An address whose last conversation was English (ended before registering) is greeted in English on "hi"."""
    c = Talker(app, Channel.EMAIL.value, "visitor@example.org")
    assert "Privacy notice" in c.say("Hello, I need population data please")
    with app.app_context(), app.extensions["db"].session() as s:
        services.engine(s).fire(s.scalar(select(Conversation)), Event.INACTIVITY_CLOSE)
        s.commit()
    assert "Privacy notice" in c.say("hi")
    assert c.state() == "ask_consent"
