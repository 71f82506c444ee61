from django import forms


def error_list(form: forms.Form) -> list[dict]:
    """The form's errors in the shape of the NHS.UK error summary, each linked to its field."""
    items = [{"text": message, "href": "#error-summary-top"} for message in form.non_field_errors()]
    for name, errors in form.errors.items():
        if name == forms.forms.NON_FIELD_ERRORS:
            continue
        # nhsuk-frontend gives the first radio or checkbox the group's id, so one href serves every widget; a field of
        # several boxes (a date's day, month and year) names the box its error is about.
        field_id = form[name].auto_id
        anchor = getattr(form.fields.get(name), "error_anchor", None)
        href = f"#{anchor(field_id) if anchor else field_id}"
        items.extend({"text": message, "href": href} for message in errors)
    return items
