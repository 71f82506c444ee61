"""What the tests of the oversight bodies share: files written as people write them, and the state to compare."""

from pathlib import Path

from exchange.organisations.models import BoardCommissioner, Organisation, SenateAreaTeam


def csv_file(tmp_path: Path, name: str, *lines: str) -> Path:
    """A CSV file of these lines, the first the header."""
    path = tmp_path / name
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def oversight_snapshot() -> list[tuple]:
    """Every organisation and link as stored, update times included: equal snapshots mean nothing was written."""
    organisations = Organisation.objects.order_by("slug").values_list(
        "slug", "name", "kind", "ons_code", "ods_code", "member_of_id", "region_id", "area_team_id", "updated_at"
    )
    boards = BoardCommissioner.objects.order_by("id").values_list("board_id", "commissioner_id", "updated_at")
    senates = SenateAreaTeam.objects.order_by("id").values_list("senate_id", "area_team_id", "updated_at")
    return [*organisations, *boards, *senates]
