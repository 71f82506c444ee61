"""Addresses stored lower case, as every lookup now matches them exactly. Before, the admin's user forms could store
an address as typed (`Ada@Example.nhs.uk`); the unique constraint on Lower(email) means no two rows collide."""

from django.db import migrations


def lowercase(apps, schema_editor):
    User = apps.get_model("accounts", "User")
    for user in User.objects.only("pk", "email").iterator():
        normalised = user.email.strip().lower()
        if normalised != user.email and not User.objects.filter(email=normalised).exists():
            User.objects.filter(pk=user.pk).update(email=normalised)


class Migration(migrations.Migration):
    dependencies = [("accounts", "0002_invitation_token_salt")]

    operations = [migrations.RunPython(lowercase, migrations.RunPython.noop)]
