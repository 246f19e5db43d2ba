"""All tables; importing this package registers every model on ``Base.metadata``."""
from bot.models.base import Base, UTCDateTime
from bot.models.citizen import ChannelIdentity, Citizen
from bot.models.console_session import ConsoleSession
from bot.models.conversation import Conversation
from bot.models.consultation import OPEN_STATUSES, Consultation, ConsultationStatus, TicketCounter
from bot.models.officer import Officer, Role
from bot.models.message import Attachment, MailboxState, Message, RawMail
from bot.models.feedback import RATING_LABELS, Complaint, ComplaintStatus, Rating
from bot.models.article import KnowledgeArticle, KnowledgeEmbedding, UnansweredQuery
from bot.models.staff import FollowUp, Note, RequestChange
from bot.models.verification import VerificationEvent
from bot.models.privacy import AccessLog, Consent
from bot.models.whatsapp_content import WhatsAppContent

__all__ = [
    "AccessLog", "Attachment", "Base", "ChannelIdentity", "Citizen", "Complaint", "ComplaintStatus", "Consent",
    "ConsoleSession", "Consultation", "ConsultationStatus",
    "Conversation", "FollowUp", "KnowledgeArticle", "KnowledgeEmbedding", "MailboxState", "Message", "Note",
    "OPEN_STATUSES", "Officer", "RATING_LABELS", "RawMail", "Rating", "RequestChange", "Role", "TicketCounter",
    "UTCDateTime", "UnansweredQuery", "VerificationEvent", "WhatsAppContent",
]
