import hashlib

from django.conf import settings
from django.contrib import messages
from django.contrib.humanize.templatetags.humanize import intcomma
from django.core.cache import cache
from django.templatetags.static import static
from django.urls import reverse
from django.utils.timezone import localtime
from jinja2 import Environment
from markupsafe import Markup

from .forms import error_list
from .moments import moment_text


def url(viewname: str, *args, **kwargs) -> str:
    return reverse(viewname, args=args or None, kwargs=kwargs or None)


def select_item(choice: tuple, current: str) -> dict:
    value, text = choice
    return {"value": value, "text": text, "selected": str(value) == str(current)}


def checkbox_item(choice: tuple, current: list) -> dict:
    value, text = choice
    return {"value": value, "text": text, "checked": str(value) in {str(item) for item in current}}


def percent(value: float | None, places: int = 0) -> str:
    return "–" if value is None else f"{value * 100:.{places}f}%"


def radio_item(choice: tuple) -> dict:
    value, text = choice
    return {"value": value, "text": text}


def checked_from_selected(item: dict) -> dict:
    return {"value": item["value"], "text": item["text"], "checked": item["selected"]}


def person_choice(user) -> dict:
    """A person as a select option: their name (or email) by their id."""
    return {"value": user.pk, "text": getattr(user, "full_name", "") or user.email}


def organisation_choice(organisation) -> dict:
    return {"value": organisation.pk, "text": organisation.name}


def money(value) -> str:
    """Pounds to the nearest pound, as NHS finance people write them: £34,000."""
    return "–" if value is None else f"£{value:,.0f}"


CSRF_PLACEHOLDER = "\x00csrf\x00"
FRAGMENT_SECONDS = 3600


def cached_fragment(name: str, *key_parts, csrf_input: str = "", caller) -> Markup:
    """`{% call cached_fragment("header", user.pk, section, csrf_input=csrf_input) %}…{% endcall %}` renders the
    block once per key and reuses it. The block writes `csrf_placeholder` where a form needs its CSRF field; each
    request puts its own back, so a cached fragment never carries another request's token."""
    digest = hashlib.sha256("\x1f".join(str(part) for part in key_parts).encode()).hexdigest()
    key = f"fragment:{name}:{digest}"
    html = cache.get(key)
    if html is None:
        html = str(caller())
        cache.set(key, html, FRAGMENT_SECONDS)
    return Markup(html.replace(CSRF_PLACEHOLDER, str(csrf_input)))


def environment(**options) -> Environment:
    env = Environment(**options)
    env.globals.update(
        {
            "static": static,
            "url": url,
            "get_messages": messages.get_messages,
            "form_error_list": error_list,
            "cached_fragment": cached_fragment,
            "csrf_placeholder": Markup(CSRF_PLACEHOLDER),
            # The NHS.UK template appends file names to this folder itself, so it cannot go through the manifest.
            "nhsuk_asset_path": settings.STATIC_URL.rstrip("/") + "/vendor/nhsuk-frontend/assets",
        }
    )
    env.filters["intcomma"] = intcomma
    env.filters["localtime"] = localtime
    env.filters["moment_text"] = moment_text
    env.filters["select_item"] = select_item
    env.filters["checkbox_item"] = checkbox_item
    env.filters["radio_item"] = radio_item
    env.filters["percent"] = percent
    env.filters["checked_from_selected"] = checked_from_selected
    env.filters["money"] = money
    env.filters["person_choice"] = person_choice
    env.filters["organisation_choice"] = organisation_choice
    return env
