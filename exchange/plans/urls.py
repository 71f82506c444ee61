from django.urls import path

from .views import commissioner, public, reviewing

app_name = "plans"

urlpatterns = [
    path("", commissioner.plan_list_view, name="plan-list"),
    path("new/", commissioner.plan_create_view, name="plan-create"),
    path("burden/", public.burden_view, name="burden"),
    path("burden.csv", public.burden_csv_view, name="burden-csv"),
    path("<id:pk>/", commissioner.plan_detail_view, name="plan-detail"),
    path("<id:pk>/revise/", commissioner.plan_revise_view, name="plan-revise"),
    path("<id:pk>/review/", commissioner.review_open_view, name="review-open"),
    path("<id:pk>/public/", public.plan_public_view, name="plan-public"),
    path("reviews/<id:pk>/", reviewing.review_detail_view, name="review-detail"),
    path("reviews/<id:pk>/decide/", reviewing.review_decide_view, name="review-decide"),
    path("reviews/<id:pk>/advice/<id:advice_pk>/respond/", reviewing.advice_respond_view, name="advice-respond"),
    path("reviews/<id:pk>/referrals/<id:referral_pk>/answer/", reviewing.referral_answer_view, name="referral-answer"),
    path("reviews/<id:pk>/reviewers/<id:reviewer_pk>/rate/", reviewing.conduct_rate_view, name="conduct-rate"),
    path("reviews/<id:pk>/<str:act>/", reviewing.review_act_view, name="review-act"),
]
