"""Contacts keep no personal token in clear: each gets a salt and the SHA-256 of the token derived from it under the
SECRET_KEY (core.tokens); the SHA-256 of the random token sent before is kept as `legacy_token_hash`, so links already
in people's inboxes still open. Reversing writes the derived token back, so the links sent after this migration still
open after a rollback (the legacy links do not)."""

from django.db import migrations, models

from exchange.core.tokens import token_derived, token_hash, token_salt_new

PURPOSE = "survey-contact"  # surveys.models.contacts.TOKEN_PURPOSE


def hash_tokens(apps, schema_editor):
    Contact = apps.get_model("surveys", "Contact")
    contacts = list(Contact.objects.only("pk", "token"))
    for contact in contacts:
        salt = token_salt_new()
        contact.legacy_token_hash = token_hash(contact.token)
        contact.token_salt = salt
        contact.token_hash = token_hash(token_derived(purpose=PURPOSE, salt=salt))
    Contact.objects.bulk_update(contacts, ["legacy_token_hash", "token_salt", "token_hash"], batch_size=1000)


def unhash_tokens(apps, schema_editor):
    Contact = apps.get_model("surveys", "Contact")
    contacts = list(Contact.objects.only("pk", "token_salt"))
    for contact in contacts:
        contact.token = token_derived(purpose=PURPOSE, salt=contact.token_salt)
    Contact.objects.bulk_update(contacts, ["token"], batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("surveys", "0006_question_rules_and_calculate"),
    ]

    operations = [
        migrations.AlterField(
            model_name="contact",
            name="token",
            field=models.CharField(max_length=64, unique=True, null=True),
        ),
        migrations.AddField(
            model_name="contact",
            name="token_salt",
            field=models.CharField(max_length=32, default=""),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="contact",
            name="token_hash",
            field=models.CharField(max_length=64, unique=True, null=True),
        ),
        migrations.AddField(
            model_name="contact",
            name="legacy_token_hash",
            field=models.CharField(blank=True, editable=False, max_length=64, null=True, unique=True),
        ),
        migrations.RunPython(hash_tokens, unhash_tokens),
        migrations.RemoveField(
            model_name="contact",
            name="token",
        ),
        migrations.AlterField(
            model_name="contact",
            name="token_hash",
            field=models.CharField(max_length=64, unique=True),
        ),
    ]
