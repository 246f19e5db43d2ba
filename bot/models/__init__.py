"""All tables; importing this package registers every model on ``Base.metadata``."""
from bot.models.base import Base, UTCDateTime
from bot.models.citizen import ChannelIdentity, Citizen
from bot.models.conversation import Conversation
from bot.models.consultation import OPEN_STATUSES, Consultation, ConsultationStatus, TicketCounter
from bot.models.officer import Officer, Role
from bot.models.message import Attachment, MailboxState, Message, RawMail
from bot.models.feedback import RATING_LABELS, Complaint, ComplaintStatus, Rating
from bot.models.article import KnowledgeArticle, UnansweredQuery
from bot.models.staff import FollowUp, Note

__all__ = [
    "Attachment", "Base", "ChannelIdentity", "Citizen", "Complaint", "ComplaintStatus", "Consultation", "ConsultationStatus",
    "Conversation", "FollowUp", "KnowledgeArticle", "MailboxState", "Message", "Note",
    "OPEN_STATUSES", "Officer", "RATING_LABELS", "RawMail", "Rating", "Role", "TicketCounter",
    "UTCDateTime", "UnansweredQuery",
]
