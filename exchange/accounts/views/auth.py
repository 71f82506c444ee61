from axes.helpers import get_cool_off
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import SetPasswordForm
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_http_methods

from exchange.core.client_ip import client_ip
from exchange.core.shortcuts import form_applied, render_form

from .. import services
from ..forms import PasswordResetRequestForm, SignInForm


def _safe_next(request: HttpRequest) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=request.is_secure()):
        return target
    return reverse("home")


@sensitive_post_parameters("password")
@require_http_methods(["GET", "POST"])
def sign_in_view(request: HttpRequest) -> HttpResponse:
    form = SignInForm(request.POST if request.method == "POST" else None)
    try:
        signed_in = form_applied(
            request,
            form,
            lambda data: services.sign_in(request=request, email=data["email"], password=data["password"]),
        )
    except services.AccountLocked as locked:
        return _locked_out_page(request, retry_after=locked.retry_after)
    if signed_in:
        return redirect(_safe_next(request))
    return render_form(request, "accounts/sign_in.html", {"form": form, "next": _safe_next(request)})


@require_http_methods(["GET", "POST"])
def admin_sign_in(request: HttpRequest) -> HttpResponse:
    """The admin's own sign-in page (/admin/login/), replaced: it would call authenticate() itself, past the
    service's sign-in (its limits and its audit of failures). Anyone is sent to the service's sign-in page, to come
    back to the admin page they asked for; a post here checks no password. Staff already signed in go straight on."""
    target = _safe_next(request) if (request.POST.get("next") or request.GET.get("next")) else reverse("admin:index")
    if request.user.is_active and request.user.is_staff:
        return redirect(target)
    return redirect(f"{reverse('accounts:sign-in')}?{urlencode({'next': target})}")


def lockout_username(request: HttpRequest, credentials: dict | None = None) -> str:
    """The address django-axes counts failures against: the same however the user cased it."""
    username = (credentials or {}).get("username") or request.POST.get("email", "")
    return username.strip().lower()


def locked_out(request: HttpRequest, credentials: dict | None = None, *args, **kwargs) -> HttpResponse:
    """django-axes calls this once an address has failed too often."""
    email = (credentials or {}).get("username") or request.POST.get("email", "")
    services.locked_out_record(request=request, email=email)
    return _locked_out_page(request, retry_after=int(get_cool_off(request).total_seconds()))


def _locked_out_page(request: HttpRequest, *, retry_after: int) -> HttpResponse:
    """The account's lock (django-axes', or the count of attempts at the account): a reset lifts it."""
    response = render(request, "accounts/locked_out.html", status=429)
    response["Retry-After"] = str(retry_after)
    response["Cache-Control"] = "no-store"
    return response


@require_http_methods(["GET", "POST"])
def sign_out_view(request: HttpRequest) -> HttpResponse:
    if request.method == "POST":
        services.sign_out(request=request)
        messages.success(request, "You have signed out.")
        return redirect("home")
    return render(request, "accounts/sign_out.html")


@require_http_methods(["GET", "POST"])
def password_reset(request: HttpRequest) -> HttpResponse:
    form = PasswordResetRequestForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        services.password_reset_request(email=form.cleaned_data["email"], ip_address=client_ip(request))
        return redirect("accounts:password-reset-sent")
    return render_form(request, "accounts/password_reset.html", {"form": form})


def password_reset_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_reset_sent.html")


class PasswordResetConfirm(auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = SetPasswordForm
    success_url = reverse_lazy("accounts:sign-in")
    post_reset_login = False

    def form_invalid(self, form):
        """400 while the form has errors, as every other form page of the service answers (`render_form`)."""
        response = super().form_invalid(form)
        response.status_code = 400
        return response

    def form_valid(self, form):
        response = super().form_valid(form)
        services.password_reset_completed(user=form.user, ip_address=client_ip(self.request))
        messages.success(self.request, "Your password has been changed. Sign in with your new password.")
        return response
