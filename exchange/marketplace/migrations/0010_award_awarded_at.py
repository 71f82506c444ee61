import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [("marketplace", "0009_requirement_invitations")]

    operations = [
        migrations.AddField(
            model_name="award",
            name="awarded_at",
            field=models.DateTimeField(default=django.utils.timezone.now),
            preserve_default=False,
        ),
    ]
