"""The intent layer: what a citizen's message means in the context of what the bot last asked.

Use it as ``reading = nlu.read(text, nlu.context_for(state), lang=conversation.lang)``; ``reading.intent`` is
one :class:`Intent`, the slots it carries are ``value`` / ``number`` / ``comment`` (see :class:`Reading`),
and ``reading.lang`` is the language to answer in. ``flask --app wsgi intent eval`` measures it.
"""
from bot.nlu.reading import Context, Intent, Reading, context_for
from bot.nlu.reader import read

__all__ = ["Context", "Intent", "Reading", "context_for", "read", "warm"]


def warm() -> None:
    """Import scikit-learn and train the model now (1–8 s), so no webhook or chat line pays for it."""
    read("halo")
