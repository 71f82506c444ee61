from .contacts import Contact, ContactStatus
from .questionnaire import Condition, ConditionOperator, GridItem, Option, Question, QuestionKind, Section
from .responses import Answer, Draft, OpenLinkSubmission, PendingResponse, Response
from .series import Confidentiality, SurveySeries, Wave, WaveAccess, WaveStatus

__all__ = [
    "Answer",
    "Condition",
    "ConditionOperator",
    "Confidentiality",
    "Contact",
    "ContactStatus",
    "Draft",
    "GridItem",
    "OpenLinkSubmission",
    "Option",
    "Question",
    "QuestionKind",
    "PendingResponse",
    "Response",
    "Section",
    "SurveySeries",
    "Wave",
    "WaveAccess",
    "WaveStatus",
]
