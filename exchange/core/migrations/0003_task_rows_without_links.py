"""Before issue 19 every e-mail was queued with its whole body, so the finished rows of the task table kept live
password-reset, invitation and survey links (survey links stay valid after surveys 0007). This takes the body out of
every finished `email_send` row whose body holds such a link. Rows still queued keep theirs until they are sent."""

from django.db import migrations

TASK_PATH = "exchange.core.tasks.email_send"
SECRET_PATHS = ("/accounts/password-reset/", "/accounts/invitations/", "/surveys/respond/")
REMOVED = "(removed: the e-mail held a personal link)"


def remove_linked_bodies(apps, schema_editor):
    DBTaskResult = apps.get_model("django_tasks_database", "DBTaskResult")
    rows = DBTaskResult.objects.filter(task_path=TASK_PATH).exclude(status__in=["READY", "RUNNING"])
    for row in rows.iterator():
        kwargs = (row.args_kwargs or {}).get("kwargs") or {}
        if any(path in str(kwargs.get("body", "")) for path in SECRET_PATHS):
            row.args_kwargs = {**row.args_kwargs, "kwargs": {**kwargs, "body": REMOVED}}
            row.save(update_fields=["args_kwargs"])


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_rate_count"),
        ("django_tasks_database", "0021_conditional_partial_index_ordering"),
    ]

    operations = [migrations.RunPython(remove_linked_bodies, migrations.RunPython.noop)]
