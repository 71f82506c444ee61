from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods, require_POST

from exchange.core.exceptions import ApplicationError

from .. import permissions, selectors, services
from ..forms import InvitationForm, RolesForm


@login_required
def account(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/account.html", {"memberships": selectors.memberships_of(user=request.user)})


@login_required
def member_list(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = selectors.organisation_private_get(user=request.user, slug=slug)
    if organisation is None:
        raise Http404
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
    organisation = selectors.organisation_managed_get(user=request.user, slug=slug)
    membership = organisation and selectors.membership_managed_get(
        user=request.user, organisation=organisation, membership_id=membership_id
    )
    if not membership:
        raise Http404
    form = RolesForm(request.POST if request.method == "POST" else None, initial={"roles": membership.role_codes})
    if request.method == "POST" and form.is_valid():
        try:
            services.membership_roles_set(actor=request.user, membership=membership, roles=form.cleaned_data["roles"])
        except ApplicationError as error:
            form.add_error("roles", error.message)
        else:
            messages.success(request, f"Roles updated for {membership.user.full_name}.")
            return redirect("accounts:member-list", slug=organisation.slug)
    return render(
        request,
        "accounts/member_roles_edit.html",
        {"organisation": organisation, "membership": membership, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def member_remove(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    organisation = selectors.organisation_managed_get(user=request.user, slug=slug)
    membership = organisation and selectors.membership_managed_get(
        user=request.user, organisation=organisation, membership_id=membership_id
    )
    if not membership:
        raise Http404
    try:
        services.membership_remove(actor=request.user, membership=membership)
    except ApplicationError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"{membership.user.full_name} was removed from {organisation.name}.")
    return redirect("accounts:member-list", slug=organisation.slug)


@login_required
@require_http_methods(["GET", "POST"])
def invitation_create(request: HttpRequest, slug: str) -> HttpResponse:
    organisation = selectors.organisation_managed_get(user=request.user, slug=slug)
    if organisation is None:
        raise Http404
    form = InvitationForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.invitation_send(
                actor=request.user,
                organisation=organisation,
                email=form.cleaned_data["email"],
                roles=form.cleaned_data["roles"],
                accept_link=lambda token: request.build_absolute_uri(
                    reverse("accounts:invitation-accept", kwargs={"token": token})
                ),
            )
        except ApplicationError as error:
            form.add_error("email", error.message)
        else:
            messages.success(request, f"Invitation sent to {form.cleaned_data['email']}.")
            return redirect("accounts:member-list", slug=organisation.slug)
    return render(
        request,
        "accounts/invitation_create.html",
        {"organisation": organisation, "form": form},
        status=400 if form.errors else 200,
    )
