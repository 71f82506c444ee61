"""Indexes for search on PostgreSQL only: a covering index over published offerings lets the facet counts read
the index alone, and the default sort (highest adjusted rating first) reads its own. SQLite has no INCLUDE."""

from django.db import migrations

FACETS = "marketplace_offering_published_facets"
RATING = "marketplace_offering_published_rating"


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {FACETS} ON marketplace_offering (id) "
            "INCLUDE (provider_id, pricing_model, price, estimated_days, rating_adjusted) WHERE status = 'published'"
        )
        schema_editor.execute(
            f"CREATE INDEX IF NOT EXISTS {RATING} ON marketplace_offering (rating_adjusted DESC NULLS LAST, title) "
            "WHERE status = 'published'"
        )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {FACETS}")
        schema_editor.execute(f"DROP INDEX IF EXISTS {RATING}")


class Migration(migrations.Migration):
    dependencies = [("marketplace", "0006_catalogue_state")]
    operations = [migrations.RunPython(create, drop)]
