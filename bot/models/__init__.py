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
from bot.models.staff import FollowUp, Handover, Note, RequestChange
from bot.models.activity import SavedReply, TicketRead
from bot.models.verification import VerificationEvent
from bot.models.privacy import AccessLog, Consent
from bot.models.survey import ELEMENTS, ServiceEvent, SurveyResponse
from bot.models.whatsapp_content import WhatsAppContent

__all__ = [
    "AccessLog", "Attachment", "Base", "ChannelIdentity", "Citizen", "Complaint", "ComplaintStatus", "Consent",
    "ConsoleSession", "Consultation", "ConsultationStatus",
    "Conversation", "ELEMENTS", "FollowUp", "Handover", "KnowledgeArticle", "KnowledgeEmbedding", "MailboxState",
    "Message", "Note", "OPEN_STATUSES", "Officer", "RATING_LABELS", "RawMail", "Rating", "RequestChange", "Role",
    "SavedReply", "ServiceEvent", "SurveyResponse", "TicketCounter", "TicketRead",
    "UTCDateTime", "UnansweredQuery", "VerificationEvent", "WhatsAppContent",
]
