"""What every admin screen of the exchange shares. Who may open which screen is `accounts.backends` (platform staff's
permissions); what a screen may show of a sealed bid or a confidential wave is asked of the app that owns the rule."""

from django.contrib import admin
from django.contrib.admin.filters import SimpleListFilter
from django.http import HttpRequest


class NoWritesAdminMixin:
    """For a model whose rows change only through its services (which write the audit log), or never: the admin
    lists and shows them but offers no add, change or delete."""

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


def _offered(model_admin, request) -> set[str]:
    """The lookups a changelist's sidebar offers: its list filters (field paths and custom parameters)."""
    items = model_admin.get_list_filter(request) if request is not None else model_admin.list_filter
    offered = set()
    for item in items:
        if isinstance(item, type) and issubclass(item, SimpleListFilter):
            offered.add(item.parameter_name)
        else:
            offered.add(item[0] if isinstance(item, list | tuple) else item)
    return offered


class OfferedFiltersOnlyMixin:
    """A changelist filters only by what its sidebar offers. Django otherwise accepts, in the URL, any lookup on the
    model's own columns and one step along any relation (`?token__startswith=a`, `?password__startswith=`,
    `?status=completed`, `?bids__isnull=False`): whoever may open a list could read a secret column a character at a
    time, tell which contacts of a confidential wave answered, or which providers hold sealed bids. Anything else
    answers 400."""

    def lookup_allowed(self, lookup: str, value, request: HttpRequest | None = None) -> bool:
        offered = _offered(self, request)
        if not any(lookup == name or lookup.startswith(f"{name}__") for name in offered):
            return False
        return super().lookup_allowed(lookup, value, request)  # type: ignore[misc]


class ExchangeAdminMixin(OfferedFiltersOnlyMixin):
    """What every admin screen of the exchange adds to Django's: strict filters and a stylesheet for WCAG 2.2 AA."""

    class Media:
        css = {"all": ["css/exchange-admin.css"]}


class ExchangeAdmin(ExchangeAdminMixin, admin.ModelAdmin):
    """The base of every admin screen of the exchange."""


class ReadOnlyAdmin(NoWritesAdminMixin, ExchangeAdmin):
    """Rows that change only through their services, each act checked and audited there: the admin reads."""


class ReadOnlyInline(admin.TabularInline):
    """Rows shown beside their parent, read only."""

    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False
