from .deciding import advice_respond, conduct_rate, decision_blocked, referral_answer, review_decide
from .plans import plan_create, plan_revise, review_open
from .reviewing import advice_give, assurance_give, endorsement_give, opinion_give, referral_make

__all__ = [
    "advice_give",
    "advice_respond",
    "assurance_give",
    "conduct_rate",
    "decision_blocked",
    "endorsement_give",
    "opinion_give",
    "plan_create",
    "plan_revise",
    "referral_answer",
    "referral_make",
    "review_decide",
    "review_open",
]
