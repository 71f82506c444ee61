"""`manage.py private_media_to_database`: one machine's folder of private files copied into the database under the
same names, so the attachments' rows keep pointing at them; run again, it copies nothing and overwrites nothing."""

import pytest
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command

from exchange.core.models import StoredFile
from exchange.core.storage import DatabaseStorage

pytestmark = pytest.mark.django_db


@pytest.fixture
def folder(tmp_path):
    (tmp_path / "bids" / "4" / "7").mkdir(parents=True)
    (tmp_path / "bids" / "4" / "7" / "plan.pdf").write_bytes(b"%PDF-1.4 plan\x00\xff")
    (tmp_path / "bids" / "4" / "8").mkdir(parents=True)
    (tmp_path / "bids" / "4" / "8" / "prices.csv").write_bytes(b"a,b\n1,2\n")
    return tmp_path


def test_every_file_is_copied_under_its_own_name(folder, capsys):
    call_command("private_media_to_database", source=folder)
    storage = DatabaseStorage()
    assert storage.open("bids/4/7/plan.pdf").read() == b"%PDF-1.4 plan\x00\xff"
    assert storage.open("bids/4/8/prices.csv").read() == b"a,b\n1,2\n"
    assert "Copied 2 files into the database; 0 were there already." in capsys.readouterr().out


def test_a_second_run_copies_nothing(folder, capsys):
    call_command("private_media_to_database", source=folder)
    call_command("private_media_to_database", source=folder)
    assert StoredFile.objects.count() == 2
    assert "Copied 0 files into the database; 2 were there already." in capsys.readouterr().out


def test_the_folder_of_the_settings_is_copied_by_default(settings, folder):
    settings.PRIVATE_MEDIA_ROOT = folder
    call_command("private_media_to_database")
    assert StoredFile.objects.count() == 2


def test_a_file_that_differs_from_the_one_in_the_database_is_named_and_neither_is_changed(folder):
    DatabaseStorage().save("bids/4/7/plan.pdf", ContentFile(b"already stored"))
    with pytest.raises(CommandError, match="bids/4/7/plan.pdf"):
        call_command("private_media_to_database", source=folder)
    assert DatabaseStorage().open("bids/4/7/plan.pdf").read() == b"already stored"
    assert StoredFile.objects.filter(name="bids/4/8/prices.csv").exists()


def test_a_folder_that_does_not_exist_is_refused(tmp_path):
    with pytest.raises(CommandError, match="is not a folder"):
        call_command("private_media_to_database", source=tmp_path / "missing")
