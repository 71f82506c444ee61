"""Engagements that mean something: the provider confirms them, they end after they start, and a commissioner
rates an offering at most once a quarter however many engagements it has with it.

Existing rows, in the data step:
- Every existing engagement is marked confirmed, with no one as `confirmed_by`: before this change they were all
  demo data or came from awards on the exchange. An award's engagement is confirmed as of its creation, as
  `engagement_from_award` does from now on; a recorded one as of the moment this migration runs, since no one at
  its provider confirmed it.
- Each rating gets its engagement's commissioner.
- The migration changes no one's words or dates to fit the new rules. If a rating shares its offering,
  commissioner and quarter with another one, or an engagement ends on the day it starts, it stops and names them
  (the demo data has neither): a person decides which rating stays, then runs it again.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models
from django.db.models import Count, F, OuterRef, Subquery
from django.utils import timezone


def _refuse_rows_that_break_the_new_rules(Engagement, Rating) -> None:
    same_day = list(Engagement.objects.filter(ended_on=F("started_on")).values_list("pk", flat=True))
    duplicates = list(
        Rating.objects.values("offering_id", "commissioner_id", "quarter")
        .annotate(n=Count("id"))
        .filter(n__gt=1)
        .order_by("offering_id", "commissioner_id", "quarter")
    )
    problems = []
    if same_day:
        problems.append(f"engagements that end on the day they start (ids {same_day}): set their end date")
    for row in duplicates:
        ids = list(
            Rating.objects.filter(
                offering_id=row["offering_id"], commissioner_id=row["commissioner_id"], quarter=row["quarter"]
            )
            .order_by("created_at", "id")
            .values_list("pk", flat=True)
        )
        problems.append(
            f"ratings {ids} of offering {row['offering_id']} by commissioner {row['commissioner_id']} in the quarter "
            f"from {row['quarter']}: keep one (the earliest is first) and delete the others"
        )
    if problems:
        raise RuntimeError("marketplace 0011 cannot apply until a person decides about: " + "; ".join(problems))


def forwards(apps, schema_editor):
    Engagement = apps.get_model("marketplace", "Engagement")
    Rating = apps.get_model("marketplace", "Rating")
    Rating.objects.update(
        commissioner_id=Subquery(Engagement.objects.filter(pk=OuterRef("engagement_id")).values("commissioner_id")[:1])
    )
    _refuse_rows_that_break_the_new_rules(Engagement, Rating)
    Engagement.objects.filter(source="award").update(confirmed_at=F("created_at"))
    Engagement.objects.filter(confirmed_at__isnull=True).update(confirmed_at=timezone.now())
    if schema_editor.connection.vendor == "postgresql":
        # PostgreSQL defers foreign-key checks to the commit, and refuses to alter a table with checks pending:
        # run them now, then defer them again as they were.
        schema_editor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        schema_editor.execute("SET CONSTRAINTS ALL DEFERRED")


class Migration(migrations.Migration):
    dependencies = [
        ("marketplace", "0010_award_awarded_at"),
        ("organisations", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddField(
            model_name="engagement",
            name="confirmed_at",
            field=models.DateTimeField(blank=True, null=True),
        ),
        migrations.AddField(
            model_name="engagement",
            name="confirmed_by",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.SET_NULL,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
            ),
        ),
        migrations.AddField(
            model_name="rating",
            name="commissioner",
            field=models.ForeignKey(
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="ratings_given",
                to="organisations.organisation",
            ),
        ),
        migrations.RunPython(forwards, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="rating",
            name="commissioner",
            field=models.ForeignKey(
                on_delete=django.db.models.deletion.PROTECT,
                related_name="ratings_given",
                to="organisations.organisation",
            ),
        ),
        migrations.RemoveConstraint(
            model_name="engagement",
            name="engagement_dates_in_order",
        ),
        migrations.AddConstraint(
            model_name="engagement",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    ("ended_on__isnull", True), ("ended_on__gt", models.F("started_on")), _connector="OR"
                ),
                name="engagement_ends_after_it_starts",
            ),
        ),
        migrations.RemoveConstraint(
            model_name="rating",
            name="rating_once_per_quarter",
        ),
        migrations.AddConstraint(
            model_name="rating",
            constraint=models.UniqueConstraint(
                fields=("offering", "commissioner", "quarter"), name="rating_once_per_commissioner_quarter"
            ),
        ),
    ]
