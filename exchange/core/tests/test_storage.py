"""Files in the database (`DatabaseStorage`): what one web machine saved, any other reads, byte for byte; nothing is
left of a file whose transaction rolled back; the files have no public address."""

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.db import transaction

from exchange.core.models import StoredFile
from exchange.core.storage import NO_URL, DatabaseStorage, StorageAlias

pytestmark = pytest.mark.django_db

# Every byte value, and more than one 64 KiB chunk.
BINARY = bytes(range(256)) * 1024


@pytest.fixture
def storage():
    return DatabaseStorage()


def test_a_saved_file_reads_back_byte_for_byte_with_its_size(storage):
    name = storage.save("bids/1/2/plan.pdf", ContentFile(BINARY))
    assert name == "bids/1/2/plan.pdf"
    with storage.open(name) as file:
        assert file.read() == BINARY
    assert storage.size(name) == len(BINARY)
    assert storage.exists(name)


def test_another_storage_object_reads_what_one_saved(storage):
    """Another web machine is another process with its own storage object, and the same database."""
    name = storage.save("bids/1/2/plan.pdf", ContentFile(b"%PDF-1.4 plan"))
    with DatabaseStorage().open(name) as file:
        assert file.read() == b"%PDF-1.4 plan"


def test_a_name_already_taken_gets_another_and_the_first_file_is_kept(storage):
    first = storage.save("bids/1/2/plan.pdf", ContentFile(b"first"))
    second = storage.save("bids/1/2/plan.pdf", ContentFile(b"second"))
    assert second != first and second.startswith("bids/1/2/plan_") and second.endswith(".pdf")
    assert storage.open(first).read() == b"first"
    assert storage.open(second).read() == b"second"


def test_a_name_taken_between_choosing_it_and_writing_it_is_not_overwritten(storage):
    """Two machines saving at once may both find a name free; the second to write takes another one."""
    storage.save("bids/1/2/plan.pdf", ContentFile(b"first"))
    name = storage._save("bids/1/2/plan.pdf", ContentFile(b"second"))
    assert name != "bids/1/2/plan.pdf"
    assert storage.open("bids/1/2/plan.pdf").read() == b"first"
    assert storage.open(name).read() == b"second"


def test_a_file_saved_in_a_transaction_that_rolls_back_leaves_nothing(storage):
    with pytest.raises(RuntimeError), transaction.atomic():
        storage.save("bids/1/2/plan.pdf", ContentFile(b"orphan?"))
        raise RuntimeError("the request failed after the upload")
    assert not storage.exists("bids/1/2/plan.pdf")
    assert StoredFile.objects.count() == 0


def test_a_missing_file_can_be_neither_opened_nor_sized(storage):
    with pytest.raises(FileNotFoundError):
        storage.open("bids/1/2/nothing.pdf")
    with pytest.raises(FileNotFoundError):
        storage.size("bids/1/2/nothing.pdf")
    assert not storage.exists("bids/1/2/nothing.pdf")


def test_a_deleted_file_is_gone_and_deleting_it_again_is_no_error(storage):
    name = storage.save("bids/1/2/plan.pdf", ContentFile(b"plan"))
    storage.delete(name)
    storage.delete(name)
    assert not storage.exists(name)


def test_a_file_in_the_database_has_no_public_address(storage):
    name = storage.save("bids/1/2/plan.pdf", ContentFile(b"plan"))
    with pytest.raises(NotImplementedError, match="served by a view that checks who asks"):
        storage.url(name)
    assert "no public address" in NO_URL


def test_a_stored_file_cannot_be_opened_for_writing(storage):
    name = storage.save("bids/1/2/plan.pdf", ContentFile(b"plan"))
    for mode in ("wb", "ab", "r+b"):
        with pytest.raises(ValueError):
            storage.open(name, mode)
    assert storage.open(name).read() == b"plan"


def test_listdir_gives_the_folders_and_files_one_level_down(storage):
    for name in ("bids/1/2/a.pdf", "bids/1/3/b.pdf", "bids/1/c.csv", "other.txt"):
        storage.save(name, ContentFile(b"x"))
    assert storage.listdir("bids/1") == (["2", "3"], ["c.csv"])
    assert storage.listdir("") == (["bids"], ["other.txt"])
    assert storage.listdir("bids/9") == ([], [])


def test_the_times_of_a_stored_file_are_those_of_its_row(storage):
    name = storage.save("bids/1/2/plan.pdf", ContentFile(b"plan"))
    row = StoredFile.objects.get(name=name)
    assert storage.get_created_time(name) == row.created_at
    assert storage.get_modified_time(name) == row.updated_at


def test_a_storage_alias_follows_the_storages_setting(settings):
    alias = StorageAlias("private")
    assert isinstance(alias.target, FileSystemStorage)
    settings.STORAGES = {**settings.STORAGES, "private": {"BACKEND": "exchange.core.storage.DatabaseStorage"}}
    assert isinstance(alias.target, DatabaseStorage)
    name = alias.save("bids/1/2/plan.pdf", ContentFile(b"plan"))
    assert StoredFile.objects.get(name=name).size == 4
    assert alias.open(name).read() == b"plan"
