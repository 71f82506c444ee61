from django import forms


def error_list(form: forms.Form) -> list[dict]:
    """The form's errors in the shape of the NHS.UK error summary, each linked to the field it sends the person to,
    in the order of the fields on the page. A message about the whole form (a wrong password, an incomplete bid) links
    to the field to start from (`error_start`), never to the summary itself."""
    start = error_start(form)
    items = [
        {"text": message, "href": f"#{start}"} if start else {"text": message} for message in form.non_field_errors()
    ]
    for name in form.fields:
        items.extend({"text": message, "href": f"#{field_anchor(form, name)}"} for message in form.errors.get(name, ()))
    return items


def field_anchor(form: forms.Form, name: str) -> str:
    """The id of the box a field's error link goes to. nhsuk-frontend gives the first radio or checkbox the group's
    id, so one id serves every widget; a field of several boxes (a date's day, month and year) names the box its error
    is about (`error_anchor`)."""
    field_id = form[name].auto_id
    anchor = getattr(form.fields[name], "error_anchor", None)
    return anchor(field_id) if anchor else field_id


def error_start(form: forms.Form) -> str | None:
    """The id of the field a message about the whole form links to: the first field in error, else the field the
    form names for such messages (`error_field`, which may be a property: a bid names its first box left empty),
    else the form's first field. None for a form without a visible field."""
    visible = [name for name, field in form.fields.items() if not field.widget.is_hidden]
    if not visible:
        return None
    named = getattr(form, "error_field", None)
    start = next((name for name in visible if name in form.errors), None) or (named if named in visible else visible[0])
    return field_anchor(form, start)
