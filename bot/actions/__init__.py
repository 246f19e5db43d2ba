"""Actions and guards of the state machine, grouped by stage; :class:`bot.engine.Engine` mixes them in."""
from bot.actions.commands import Commands
from bot.actions.complaints import Complaints
from bot.actions.consulting import Consulting
from bot.actions.feedback import Feedback
from bot.actions.registration import Registration
from bot.actions.searching import Searching


class Actions(Registration, Searching, Consulting, Feedback, Complaints, Commands):
    """All ``g_*`` guards and ``a_*`` actions named in :data:`bot.states.TABLE`."""
