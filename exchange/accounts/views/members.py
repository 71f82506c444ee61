from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from exchange.core.exceptions import ApplicationError
from exchange.core.shortcuts import form_applied, or_404, render_form

from .. import permissions, selectors, services
from ..forms import InvitationForm, RolesForm


def _membership_managed_or_404(request: HttpRequest, slug: str, membership_id: int):
    """The membership, if the person asking may manage the members of the organisation it is in; else a 404."""
    organisation = or_404(selectors.organisation_managed_get(user=request.user, slug=slug))
    return or_404(
        selectors.membership_managed_get(user=request.user, organisation=organisation, membership_id=membership_id)
    )


@login_required
def account(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/account.html", {"memberships": selectors.memberships_of(user=request.user)})


@login_required
def member_list(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = or_404(selectors.organisation_private_get(user=request.user, slug=slug))
    return render(
        request,
        "accounts/member_list.html",
        {
            "organisation": organisation,
            "memberships": selectors.membership_list(user=request.user, organisation=organisation),
            "invitations": selectors.invitation_pending_list(user=request.user, organisation=organisation),
            "can_manage": permissions.can_manage_members(request.user, organisation),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def member_roles_edit(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    membership = _membership_managed_or_404(request, slug, membership_id)
    form = RolesForm(request.POST if request.method == "POST" else None, initial={"roles": membership.role_codes})
    if form_applied(
        request,
        form,
        lambda data: services.membership_roles_set(actor=request.user, membership=membership, roles=data["roles"]),
        error_field="roles",
    ):
        messages.success(request, f"Roles updated for {membership.user.full_name}.")
        return redirect("accounts:member-list", slug=slug)
    return render_form(
        request,
        "accounts/member_roles_edit.html",
        {"organisation": membership.organisation, "membership": membership, "form": form},
    )


@login_required
@require_POST
def member_remove(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    membership = _membership_managed_or_404(request, slug, membership_id)
    try:
        services.membership_remove(actor=request.user, membership=membership)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{membership.user.full_name} was removed from {membership.organisation.name}.")
    return redirect("accounts:member-list", slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def invitation_create(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = or_404(selectors.organisation_managed_get(user=request.user, slug=slug))
    form = InvitationForm(request.POST if request.method == "POST" else None)
    if form_applied(
        request,
        form,
        lambda data: services.invitation_send(
            actor=request.user,
            organisation=organisation,
            email=data["email"],
            roles=data["roles"],
        ),
        error_field="email",
    ):
        messages.success(request, f"Invitation sent to {form.cleaned_data['email']}.")
        return redirect("accounts:member-list", slug=organisation.slug)
    return render_form(request, "accounts/invitation_create.html", {"organisation": organisation, "form": form})
