"""Copy the private files of one machine's folder (bid attachments under PRIVATE_MEDIA_ROOT) into the database, under
the same names, before switching STORAGES["private"] to `DatabaseStorage`. Run it again at will: files already there
are left alone."""

from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from exchange.core.storage import DatabaseStorage


class Command(BaseCommand):
    help = "Copy every file under PRIVATE_MEDIA_ROOT (or --source) into the database storage, keeping its name."

    def add_arguments(self, parser):
        parser.add_argument("--source", type=Path, default=None, help="the folder (default: PRIVATE_MEDIA_ROOT)")

    def handle(self, *args, source: Path | None = None, **options):
        source = Path(source or settings.PRIVATE_MEDIA_ROOT)
        if not source.is_dir():
            raise CommandError(f"{source} is not a folder.")
        storage = DatabaseStorage()
        copied = present = 0
        different = []
        for path in sorted(item for item in source.rglob("*") if item.is_file()):
            name = path.relative_to(source).as_posix()
            if storage.exists(name):
                with storage.open(name) as stored:
                    same = stored.read() == path.read_bytes()
                present += same
                if not same:
                    different.append(name)
                continue
            with transaction.atomic(), path.open("rb") as handle:
                saved = storage.save(name, File(handle, name=name))
                if saved != name:  # cannot happen: the name was free; never keep a file under another name
                    raise CommandError(f"{name} would have been stored as {saved}.")
            copied += 1
        self.stdout.write(f"Copied {copied} files into the database; {present} were there already.")
        if different:
            raise CommandError(
                "These files differ from the ones already in the database, which were left alone: "
                + ", ".join(different)
            )
