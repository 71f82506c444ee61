"""How a page tells the person what became of an action they posted: the service's refusal (an ApplicationError,
whose message is written for them) as an error message, or the page's words of success."""

from collections.abc import Callable

from django.contrib import messages

from exchange.core.exceptions import ApplicationError


def attempt(request, call: Callable[[], object], *, success: str | None = None) -> bool:
    """Run `call`; say why it was refused, or `success` (if given). True when it was done."""
    try:
        call()
    except ApplicationError as error:
        messages.error(request, error.message)
        return False
    if success:
        messages.success(request, success)
    return True
