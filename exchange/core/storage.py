"""Files kept in the database, behind Django's storage API, so that every web machine reads what any of them wrote.

`DatabaseStorage` keeps each file whole in one row (`StoredFile`): right for files of a few megabytes that are
written once and read through a view that checks who asks (bid attachments), and the row is written in the
transaction of the request that saves it, so a rolled-back upload leaves nothing behind. It has no URL and no local
path. `StorageAlias` names a storage of the STORAGES setting and looks it up at each use, for model fields that
must follow the setting (Django builds a field's storage once, when the model class is made).
"""

from __future__ import annotations

from django.core.files.base import ContentFile
from django.core.files.storage import Storage, storages
from django.db import IntegrityError, transaction
from django.utils.deconstruct import deconstructible

from .models import StoredFile

NO_URL = "Files in the database have no public address: they are served by a view that checks who asks."


@deconstructible(path="exchange.core.storage.DatabaseStorage")
class DatabaseStorage(Storage):
    def _open(self, name: str, mode: str = "rb") -> ContentFile:
        if any(flag in mode for flag in "wax+"):
            raise ValueError("Files in the database are written with save(), not opened for writing.")
        content = StoredFile.objects.filter(name=name).values_list("content", flat=True).first()
        if content is None:
            raise FileNotFoundError(name)
        return ContentFile(bytes(content), name=name)

    def _save(self, name: str, content) -> str:
        if hasattr(content, "seek"):
            content.seek(0)
        data = b"".join(content.chunks()) if hasattr(content, "chunks") else content.read()
        for _ in range(10):
            try:
                with transaction.atomic():  # a savepoint inside the caller's transaction
                    StoredFile.objects.create(name=name, content=data, size=len(data))
                return name
            except IntegrityError:
                # Another request took the name between get_available_name() and here: pick another one.
                name = self.get_available_name(name)
        raise FileExistsError(name)

    def exists(self, name: str) -> bool:
        return StoredFile.objects.filter(name=name).exists()

    def delete(self, name: str) -> None:
        StoredFile.objects.filter(name=name).delete()

    def size(self, name: str) -> int:
        size = StoredFile.objects.filter(name=name).values_list("size", flat=True).first()
        if size is None:
            raise FileNotFoundError(name)
        return size

    def listdir(self, path: str) -> tuple[list[str], list[str]]:
        prefix = path.strip("/") + "/" if path.strip("/") else ""
        directories, files = set(), []
        for name in StoredFile.objects.filter(name__startswith=prefix).values_list("name", flat=True):
            head, _, tail = name[len(prefix) :].partition("/")
            if tail:
                directories.add(head)
            else:
                files.append(head)
        return sorted(directories), sorted(files)

    def url(self, name: str | None) -> str:
        raise NotImplementedError(NO_URL)

    def get_created_time(self, name: str):
        return self._time(name, "created_at")

    def get_modified_time(self, name: str):
        return self._time(name, "updated_at")

    def get_accessed_time(self, name: str):
        return self._time(name, "updated_at")

    def _time(self, name: str, field: str):
        moment = StoredFile.objects.filter(name=name).values_list(field, flat=True).first()
        if moment is None:
            raise FileNotFoundError(name)
        return moment


@deconstructible(path="exchange.core.storage.StorageAlias")
class StorageAlias(Storage):
    """The storage called `alias` in STORAGES, looked up at each use (so a changed setting is followed)."""

    def __init__(self, alias: str):
        self.alias = alias

    @property
    def target(self) -> Storage:
        return storages[self.alias]

    def open(self, name, mode="rb"):
        return self.target.open(name, mode)

    def save(self, name, content, max_length=None):
        return self.target.save(name, content, max_length=max_length)

    def get_valid_name(self, name):
        return self.target.get_valid_name(name)

    def get_alternative_name(self, file_root, file_ext):
        return self.target.get_alternative_name(file_root, file_ext)

    def get_available_name(self, name, max_length=None):
        return self.target.get_available_name(name, max_length=max_length)

    def generate_filename(self, filename):
        return self.target.generate_filename(filename)

    def path(self, name):
        return self.target.path(name)

    def delete(self, name):
        return self.target.delete(name)

    def exists(self, name):
        return self.target.exists(name)

    def listdir(self, path):
        return self.target.listdir(path)

    def size(self, name):
        return self.target.size(name)

    def url(self, name):
        return self.target.url(name)

    def get_accessed_time(self, name):
        return self.target.get_accessed_time(name)

    def get_created_time(self, name):
        return self.target.get_created_time(name)

    def get_modified_time(self, name):
        return self.target.get_modified_time(name)
