"""Procurement's pages: requirements, questions, bids, evaluation, moderation, award and the evaluation report."""

from django.urls import path

from exchange.marketplace.procurement.views import bids, evaluation, requirements

urlpatterns = [
    path("requirements/", requirements.requirement_index, name="requirement-list"),
    path("requirements/new/", requirements.requirement_create_view, name="requirement-create"),
    path("requirements/<id:pk>/", requirements.requirement_detail, name="requirement-detail"),
    path("requirements/<id:pk>/criteria/", requirements.criterion_add_view, name="criterion-add"),
    path("requirements/<id:pk>/join/", requirements.partner_join, name="partner-join"),
    path("requirements/<id:pk>/invite/", requirements.partner_invite, name="partner-invite"),
    path("requirements/<id:pk>/publish/", requirements.requirement_publish_view, name="requirement-publish"),
    path("requirements/<id:pk>/evaluators/", requirements.evaluator_assign_view, name="evaluator-assign"),
    path("requirements/<id:pk>/questions/", requirements.question_ask_view, name="question-ask"),
    path(
        "requirements/<id:pk>/questions/<id:question_pk>/answer/",
        requirements.question_answer_view,
        name="question-answer",
    ),
    path("requirements/<id:pk>/bid/", bids.bid_edit, name="bid-edit"),
    path("requirements/<id:pk>/bid/withdraw/", bids.bid_withdraw_view, name="bid-withdraw"),
    path("requirements/<id:pk>/bid/attachments/", bids.attachment_add, name="attachment-add"),
    path("requirements/<id:pk>/feedback/", bids.bid_feedback, name="bid-feedback"),
    path("attachments/<id:pk>/", bids.attachment_download, name="attachment-download"),
    path("requirements/<id:pk>/evaluation/", evaluation.evaluation_index, name="evaluation"),
    path("requirements/<id:pk>/evaluation/<id:bid_pk>/", evaluation.bid_score, name="bid-score"),
    path("requirements/<id:pk>/evaluation/submit/", evaluation.scores_submit_view, name="scores-submit"),
    path("requirements/<id:pk>/moderation/", evaluation.moderation, name="moderation"),
    path("requirements/<id:pk>/award/", evaluation.award, name="award"),
    path("requirements/<id:pk>/award/conclude/", evaluation.award_conclude_view, name="award-conclude"),
    path("requirements/<id:pk>/contract/", evaluation.contract_record_view, name="contract-record"),
    path("requirements/<id:pk>/report/", evaluation.evaluation_report, name="evaluation-report"),
    path("requirements/<id:pk>/report.pdf", evaluation.evaluation_report_download, name="evaluation-report-pdf"),
]
