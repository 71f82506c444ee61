from django.urls import path

from .views import auth, invitations, members

app_name = "accounts"

urlpatterns = [
    path("sign-in/", auth.sign_in_view, name="sign-in"),
    path("sign-out/", auth.sign_out_view, name="sign-out"),
    path("password-reset/", auth.password_reset, name="password-reset"),
    path("password-reset/sent/", auth.password_reset_sent, name="password-reset-sent"),
    path("password-reset/<uidb64>/<token>/", auth.PasswordResetConfirm.as_view(), name="password-reset-confirm"),
    path("account/", members.account, name="account"),
    path("organisations/<slug:slug>/members/", members.member_list, name="member-list"),
    path("organisations/<slug:slug>/members/invite/", members.invitation_create, name="invitation-create"),
    path(
        "organisations/<slug:slug>/members/<id:membership_id>/roles/",
        members.member_roles_edit,
        name="member-roles-edit",
    ),
    path(
        "organisations/<slug:slug>/members/<id:membership_id>/remove/",
        members.member_remove,
        name="member-remove",
    ),
    path("invitations/<str:token>/", invitations.invitation_accept_view, name="invitation-accept"),
]
