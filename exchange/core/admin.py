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
