from django.contrib import messages
from django.contrib.auth import login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from exchange.core.exceptions import ApplicationError
from exchange.core.shortcuts import render_form

from .. import selectors, services
from ..forms import InvitationAcceptForm


@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def invitation_accept_view(request: HttpRequest, token: str) -> HttpResponse:
    invitation = selectors.invitation_open_get(token=token)
    if invitation is None:
        return render(request, "accounts/invitation_invalid.html", status=404)
    has_account = selectors.user_by_email(email=invitation.email) is not None
    signed_in = request.user.is_authenticated
    form = (
        None
        if (signed_in or has_account)
        else InvitationAcceptForm(request.POST if request.method == "POST" else None, email=invitation.email)
    )
    if request.method == "POST" and (form is None or form.is_valid()):
        if has_account and not signed_in:
            return redirect(f"{reverse('accounts:sign-in')}?next={request.path}")
        try:
            membership = services.invitation_accept(
                token=token,
                user=request.user if signed_in else None,
                full_name=form.cleaned_data["full_name"] if form else "",
                password=form.cleaned_data["password"] if form else "",
            )
        except ApplicationError as error:
            messages.error(request, error.message)
            return redirect("home")
        if not signed_in:
            login(request, membership.user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"You are now a member of {membership.organisation.name}.")
        return redirect("accounts:account")
    return render_form(
        request, "accounts/invitation_accept.html", {"invitation": invitation, "form": form, "has_account": has_account}
    )
