"""Migration core 0003 takes the body out of the finished e-mail task rows queued before issue 19 that hold a link."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django_tasks_db.models import DBTaskResult, get_date_max

BEFORE = [("core", "0002_rate_count")]
AFTER = [("core", "0003_task_rows_without_links")]


def migrate(target) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)


def row(status: str, body: str) -> DBTaskResult:
    return DBTaskResult.objects.create(
        status=status,
        args_kwargs={"args": [], "kwargs": {"to": ["lead@example.nhs.uk"], "subject": "Hello", "body": body}},
        task_path="exchange.core.tasks.email_send",
        backend_name="default",
        queue_name="default",
        run_after=get_date_max(),
        return_value=1 if status == "SUCCESSFUL" else None,
        finished_at=timezone.now() if status != "READY" else None,
    )


@pytest.fixture
def rolled_back(transactional_db):
    migrate(BEFORE)
    yield
    migrate(AFTER)


def test_finished_rows_lose_a_body_holding_a_link_and_keep_any_other(rolled_back):
    sent = row("SUCCESSFUL", "Set a new password:\nhttps://cx.example/accounts/password-reset/MQ/abc-123/\n")
    failed = row("FAILED", "Answer here:\nhttps://cx.example/surveys/respond/a-token/\n")
    queued = row("READY", "Accept:\nhttps://cx.example/accounts/invitations/a-token/\n")
    notice = row("SUCCESSFUL", "New requirement: https://cx.example/marketplace/requirements/7/\n")

    migrate(AFTER)

    bodies = {r.pk: r.args_kwargs["kwargs"]["body"] for r in DBTaskResult.objects.all()}
    assert "password-reset" not in bodies[sent.pk] and "respond" not in bodies[failed.pk]
    assert bodies[sent.pk].startswith("(removed")
    assert "/accounts/invitations/a-token/" in bodies[queued.pk]  # still to be sent
    assert bodies[notice.pk] == notice.args_kwargs["kwargs"]["body"]
    assert DBTaskResult.objects.get(pk=sent.pk).args_kwargs["kwargs"]["to"] == ["lead@example.nhs.uk"]
