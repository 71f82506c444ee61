"""A GIN index on the offerings' tsvector, on PostgreSQL only: SQLite search does not read the column."""

from django.db import migrations

INDEX = "marketplace_offering_search_vector_gin"


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {INDEX} ON marketplace_offering USING gin (search_vector)")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")


class Migration(migrations.Migration):
    dependencies = [("marketplace", "0004_ratings_shortlists_search")]
    operations = [migrations.RunPython(create_index, drop_index)]
