"""Actions and guards of the state machine, grouped by stage; :class:`bot.engine.Engine` mixes them in."""
from bot.actions.commands import Commands
from bot.actions.complaints import Complaints
from bot.actions.consulting import Consulting
from bot.actions.dialogue import Dialogue
from bot.actions.feedback import Feedback
from bot.actions.letter import Letters
from bot.actions.privacy import Privacy
from bot.actions.registration import Registration
from bot.actions.requesting import Requesting
from bot.actions.searching import Searching


class Actions(Registration, Privacy, Searching, Requesting, Consulting, Dialogue, Feedback, Complaints, Commands, Letters):
    """All ``g_*`` guards and ``a_*`` actions named in :data:`bot.states.TABLE`."""
