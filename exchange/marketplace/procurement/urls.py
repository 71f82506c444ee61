"""Procurement's pages: requirements, questions, bids, evaluation, moderation, award and the evaluation report."""

from django.urls import path

from exchange.marketplace.procurement.views import bids, evaluation, requirements

urlpatterns = [
    path("requirements/", requirements.requirement_index, name="requirement-list"),
    path("requirements/new/", requirements.requirement_create_view, name="requirement-create"),
    path("requirements/<int:pk>/", requirements.requirement_detail, name="requirement-detail"),
    path("requirements/<int:pk>/criteria/", requirements.criterion_add_view, name="criterion-add"),
    path("requirements/<int:pk>/join/", requirements.partner_join, name="partner-join"),
    path("requirements/<int:pk>/invite/", requirements.partner_invite, name="partner-invite"),
    path("requirements/<int:pk>/publish/", requirements.requirement_publish_view, name="requirement-publish"),
    path("requirements/<int:pk>/evaluators/", requirements.evaluator_assign_view, name="evaluator-assign"),
    path("requirements/<int:pk>/questions/", requirements.question_ask_view, name="question-ask"),
    path(
        "requirements/<int:pk>/questions/<int:question_pk>/answer/",
        requirements.question_answer_view,
        name="question-answer",
    ),
    path("requirements/<int:pk>/bid/", bids.bid_edit, name="bid-edit"),
    path("requirements/<int:pk>/bid/withdraw/", bids.bid_withdraw_view, name="bid-withdraw"),
    path("requirements/<int:pk>/bid/attachments/", bids.attachment_add, name="attachment-add"),
    path("requirements/<int:pk>/feedback/", bids.bid_feedback, name="bid-feedback"),
    path("attachments/<int:pk>/", bids.attachment_download, name="attachment-download"),
    path("requirements/<int:pk>/evaluation/", evaluation.evaluation_index, name="evaluation"),
    path("requirements/<int:pk>/evaluation/<int:bid_pk>/", evaluation.bid_score, name="bid-score"),
    path("requirements/<int:pk>/evaluation/submit/", evaluation.scores_submit_view, name="scores-submit"),
    path("requirements/<int:pk>/moderation/", evaluation.moderation, name="moderation"),
    path("requirements/<int:pk>/award/", evaluation.award, name="award"),
    path("requirements/<int:pk>/award/conclude/", evaluation.award_conclude_view, name="award-conclude"),
    path("requirements/<int:pk>/contract/", evaluation.contract_record_view, name="contract-record"),
    path("requirements/<int:pk>/report/", evaluation.evaluation_report, name="evaluation-report"),
    path("requirements/<int:pk>/report.pdf", evaluation.evaluation_report_download, name="evaluation-report-pdf"),
]
