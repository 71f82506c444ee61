"""SQL that makes a table append-only in the database itself, so no code path, admin or shell can rewrite it: the
audit log and the published open-contracting releases.

PostgreSQL refuses row UPDATE and DELETE; TRUNCATE stays with the table's owner (it is how test databases are
emptied). SQLite, the embedded default, gets the same two row triggers. `name` prefixes the trigger and function
names (`<name>_no_update`, `<name>_no_delete`, `<name>_refuse_change`); `noun` is what the refusal calls the rows.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class AppendOnly:
    table: str
    name: str
    noun: str

    def install_sql(self, vendor: str) -> list[str]:
        if vendor == "postgresql":
            return [
                f"""
CREATE OR REPLACE FUNCTION {self.name}_refuse_change() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '{self.noun} are append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS {self.name}_no_update ON {self.table};
DROP TRIGGER IF EXISTS {self.name}_no_delete ON {self.table};
CREATE TRIGGER {self.name}_no_update BEFORE UPDATE ON {self.table}
    FOR EACH ROW EXECUTE FUNCTION {self.name}_refuse_change();
CREATE TRIGGER {self.name}_no_delete BEFORE DELETE ON {self.table}
    FOR EACH ROW EXECUTE FUNCTION {self.name}_refuse_change();
"""
            ]
        return [
            f"""CREATE TRIGGER IF NOT EXISTS {self.name}_no_{operation.lower()} BEFORE {operation} ON {self.table}
       BEGIN SELECT RAISE(ABORT, '{self.noun} are append-only: {operation} refused'); END;"""
            for operation in ("UPDATE", "DELETE")
        ]

    def remove_sql(self, vendor: str) -> list[str]:
        if vendor == "postgresql":
            return [
                f"""
DROP TRIGGER IF EXISTS {self.name}_no_update ON {self.table};
DROP TRIGGER IF EXISTS {self.name}_no_delete ON {self.table};
DROP FUNCTION IF EXISTS {self.name}_refuse_change();
"""
            ]
        return [f"DROP TRIGGER IF EXISTS {self.name}_no_update;", f"DROP TRIGGER IF EXISTS {self.name}_no_delete;"]

    def install(self, connection) -> None:
        with connection.cursor() as cursor:
            for statement in self.install_sql(connection.vendor):
                cursor.execute(statement)

    def remove(self, connection) -> None:
        with connection.cursor() as cursor:
            for statement in self.remove_sql(connection.vendor):
                cursor.execute(statement)
