"""Migration 0007 takes the personal tokens out of the contact table: links already sent still open, their reminders
carry a derived token, and no token is left in clear. Reversing it writes the derived tokens back."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse

from exchange.core.tokens import token_hash
from exchange.surveys.models import Contact

BEFORE = [("surveys", "0006_question_rules_and_calculate")]
AFTER = [("surveys", "0007_contact_token_hashed")]
OLD_TOKEN = "an-old-random-token-sent-in-clear-before-the-migration"


def migrate(target) -> None:
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(target)


def columns() -> list[str]:
    with connection.cursor() as cursor:
        return [column.name for column in connection.introspection.get_table_description(cursor, "surveys_contact")]


@pytest.fixture
def rolled_back(transactional_db):
    yield
    migrate(AFTER)  # the schema the other tests expect, whatever happened


def test_the_migration_keeps_sent_links_working_and_leaves_no_token_in_clear(client, contact, rolled_back):
    derived = contact.token
    migrate(BEFORE)
    with connection.cursor() as cursor:
        cursor.execute("SELECT token FROM surveys_contact WHERE id = %s", [contact.pk])
        assert cursor.fetchone()[0] == derived  # reversing wrote the derived token back
        cursor.execute("UPDATE surveys_contact SET token = %s WHERE id = %s", [OLD_TOKEN, contact.pk])

    migrate(AFTER)

    assert "token" not in columns()
    after = Contact.objects.get(pk=contact.pk)
    assert after.legacy_token_hash == token_hash(OLD_TOKEN)
    assert after.token not in (OLD_TOKEN, derived)  # a new salt: the reminders carry a new link
    assert token_hash(after.token) == after.token_hash
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM surveys_contact WHERE id = %s", [contact.pk])
        row = " ".join(str(value) for value in cursor.fetchone())
    assert OLD_TOKEN not in row and after.token not in row
    assert Contact.objects.by_token(OLD_TOKEN).get() == after
    assert Contact.objects.by_token(after.token).get() == after
    assert client.get(reverse("surveys:respond", kwargs={"token": OLD_TOKEN})).status_code == 200  # its start page
    assert client.get(reverse("surveys:opt-out", kwargs={"token": after.token})).status_code == 200
