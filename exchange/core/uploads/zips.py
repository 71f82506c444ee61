"""Zip-based documents (.docx, .xlsx, .xlsm, .odt): bounded before they are unpacked, then unpacked as streams
under a cap."""

import zipfile
from dataclasses import dataclass
from xml.parsers import expat

from .common import (
    DAMAGED,
    MB,
    MISSING_PART,
    PACKED_TOO_TIGHT,
    TOO_MANY_PARTS,
    UNPACKS_TOO_BIG,
    DoctypeFound,
    UploadRefused,
    parse,
    rewound,
    stream,
    xml_parser,
)


@dataclass(frozen=True)
class ZipLimits:
    max_entries: int = 2_000
    max_unpacked: int = 100 * MB  # all entries together, unpacked
    max_ratio: int = 200  # unpacked / packed size of one entry...
    ratio_from: int = 1 * MB  # ...once the entry unpacks to more than this (tiny parts pack at any ratio)


@dataclass(frozen=True)
class ZipFormat:
    kind: str  # as a sentence says it: "a Word document (.docx)"
    required: tuple[str, ...]  # parts that must be there, each a well-formed XML document unless it is `mimetype`
    mimetype: bytes | None = None  # OpenDocument: the `mimetype` entry's exact content


DOCX = ZipFormat("a Word document (.docx)", ("[Content_Types].xml", "word/document.xml"))
XLSX = ZipFormat("an Excel workbook (.xlsx)", ("[Content_Types].xml", "xl/workbook.xml"))
ODT = ZipFormat(
    "an OpenDocument text (.odt)", ("mimetype", "content.xml"), mimetype=b"application/vnd.oasis.opendocument.text"
)


def zip_checked(file, *, form: ZipFormat, limits: ZipLimits = ZipLimits()) -> None:
    """Refuse a zip-based document beyond `limits` or without its format's parts, before anything else reads it.
    The file is left rewound."""
    handle = rewound(file)
    damaged = UploadRefused(DAMAGED.format(kind=form.kind), "damaged")
    try:
        with zipfile.ZipFile(handle) as archive:
            entries = archive.infolist()
            if len(entries) > limits.max_entries:
                raise UploadRefused(TOO_MANY_PARTS.format(limit=limits.max_entries, kind=form.kind), "too_many_parts")
            if sum(info.file_size for info in entries) > limits.max_unpacked:
                raise UploadRefused(UNPACKS_TOO_BIG.format(limit=limits.max_unpacked // MB), "unpacks_too_big")
            for info in entries:
                if info.file_size > limits.ratio_from and info.file_size > limits.max_ratio * max(
                    info.compress_size, 1
                ):
                    raise UploadRefused(PACKED_TOO_TIGHT.format(limit=limits.max_ratio), "packed_too_tight")
            names = {info.filename for info in entries}
            for part in form.required:
                if part not in names:
                    raise UploadRefused(MISSING_PART.format(kind=form.kind, part=part), "missing_part")
            left = limits.max_unpacked
            for info in entries:  # declared sizes can lie: unpack everything, as a stream, under the cap
                if info.is_dir():
                    continue
                chunks = stream(archive, info, left)
                if info.filename == "mimetype" and form.mimetype is not None:
                    if b"".join(chunks) != form.mimetype:
                        raise UploadRefused(MISSING_PART.format(kind=form.kind, part="mimetype"), "missing_part")
                elif info.filename in form.required:
                    parse(xml_parser(), chunks)
                else:
                    for _ in chunks:
                        pass
                left -= info.file_size
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, EOFError, OSError, ValueError) as error:
        raise damaged from error
    except RuntimeError as error:  # zipfile's word for an encrypted entry (Office encrypts otherwise, not in a zip)
        raise damaged from error
    except (expat.ExpatError, DoctypeFound) as error:
        raise damaged from error
    finally:
        handle.seek(0)
