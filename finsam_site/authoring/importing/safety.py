"""What an imported file is, judged by its bytes, and the refusals before any library opens it.

Word, Excel and the OpenDocument formats are zip files. Before one is opened its table of contents is read (never
its contents): a file that claims to unpack to more than :data:`MAX_UNPACKED` bytes, more than :data:`MAX_RATIO`
times its packed size or more than :data:`MAX_MEMBERS` parts is refused as a possible zip bomb. An Office file
saved with a password is not a zip but an OLE container holding an ``EncryptedPackage``; an old ``.doc``/``.xls``
is an OLE container too. Every refusal is an :class:`ImportRefused` with a Swedish message and a hint.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

MAX_FILE = 64 * 1024 * 1024  # bytes of the file itself
MAX_UNPACKED = 256 * 1024 * 1024  # bytes all its parts unpack to
MAX_RATIO = 200  # unpacked/packed, for a part of more than a megabyte
MAX_MEMBERS = 10_000

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP = b"PK\x03\x04"
ENCRYPTED = "EncryptedPackage".encode("utf-16-le")

WORD, WORKBOOK = "word", "workbook"
FORMATS = {  # suffix → (what, format)
    ".docx": (WORD, "docx"), ".docm": (WORD, "docx"), ".odt": (WORD, "odt"),
    ".xlsx": (WORKBOOK, "xlsx"), ".xlsm": (WORKBOOK, "xlsx"), ".ods": (WORKBOOK, "ods"),
}
OLD = {".doc": ("Word", ".docx", "Word-dokument (*.docx)"), ".xls": ("Excel", ".xlsx", "Excel-arbetsbok (*.xlsx)")}
MIMETYPES = {"application/vnd.oasis.opendocument.text": "odt", "application/vnd.oasis.opendocument.spreadsheet": "ods"}


class ImportRefused(Exception):
    """A file that is not imported, with a Swedish message and hint."""

    def __init__(self, path: str, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.path, self.message, self.hint = path, message, hint


def kind_of(path: Path) -> tuple[str, str]:
    """``(WORD or WORKBOOK, "docx"|"odt"|"xlsx"|"ods")`` for a file that may be opened; else ImportRefused."""
    shown = str(path)
    suffix = path.suffix.lower()
    if not path.is_file():
        raise ImportRefused(shown, "Filen finns inte.", "Kontrollera namnet och mappen; sätt citattecken runt ett "
                                                        "namn med mellanslag.")
    size = path.stat().st_size
    if size > MAX_FILE:
        raise ImportRefused(shown, f"Filen är för stor att importera ({size // (1024 * 1024)} MB; högst "
                                   f"{MAX_FILE // (1024 * 1024)} MB).",
                            "Spara en kopia utan stora bilder, eller dela upp dokumentet.")
    with path.open("rb") as handle:
        head = handle.read(8)
    if head.startswith(OLE):
        _refuse_ole(path, suffix)
    if suffix in OLD:
        _refuse_old(path, suffix)
    if suffix not in FORMATS:
        raise ImportRefused(shown, f"finsam-site kan inte importera filer av typen `{suffix or path.name}`.",
                            "Importera ett Word- eller Writer-dokument (.docx, .odt) eller en Excel- eller "
                            "Calc-arbetsbok (.xlsx, .ods).")
    if not head.startswith(ZIP):
        raise ImportRefused(shown, f"Filen är inte en giltig {suffix}-fil (den är skadad eller har fel filändelse).",
                            "Öppna den i Word, Excel eller LibreOffice och spara den igen.")
    check_zip(path)
    return FORMATS[suffix]


def _refuse_ole(path: Path, suffix: str) -> None:
    data = path.read_bytes()
    if ENCRYPTED in data:
        raise ImportRefused(str(path), "Filen är skyddad med lösenord och kan inte läsas.",
                            "Öppna den, ta bort lösenordet (Arkiv → Info → Skydda → Kryptera med lösenord: töm "
                            "fältet) och spara en kopia som du importerar.")
    program, new, label = OLD.get(suffix) or (
        ("Excel", ".xlsx", "Excel-arbetsbok (*.xlsx)") if b"W\x00o\x00r\x00k\x00b\x00o\x00o\x00k" in data
        else ("Word", ".docx", "Word-dokument (*.docx)"))
    _refuse_old(path, suffix if suffix in OLD else (".xls" if new == ".xlsx" else ".doc"), (program, new, label))


def _refuse_old(path: Path, suffix: str, which: tuple[str, str, str] | None = None) -> None:
    program, new, label = which or OLD[suffix]
    raise ImportRefused(str(path), f"Filen är i det gamla {suffix}-formatet, som finsam-site inte läser.",
                        f"Öppna den i {program} och välj Arkiv → Spara som → {label}, eller i LibreOffice "
                        f"Arkiv → Spara som med filtypen {new}; importera sedan den nya filen.")


def check_zip(path: Path) -> None:
    """Refuse a corrupt, encrypted or bomb-like zip, reading only its table of contents."""
    shown = str(path)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError) as exc:
        raise ImportRefused(shown, "Filen är skadad och kan inte läsas.",
                            "Öppna den i Word, Excel eller LibreOffice och spara den igen.") from exc
    if len(members) > MAX_MEMBERS:
        raise ImportRefused(shown, f"Filen har orimligt många delar ({len(members)}) och importeras inte.",
                            "Spara den igen från Word, Excel eller LibreOffice.")
    total = 0
    for member in members:
        total += member.file_size
        packed = max(member.compress_size, 1)
        if member.flag_bits & 0x1:
            raise ImportRefused(shown, "Filen är skyddad med lösenord och kan inte läsas.",
                                "Spara en kopia utan lösenord och importera den.")
        if (member.file_size > 1024 * 1024 and member.file_size / packed > MAX_RATIO) or total > MAX_UNPACKED:
            raise ImportRefused(shown, "Filen packas upp till orimligt mycket data (en så kallad zip-bomb) och "
                                       "importeras inte.",
                                "Spara den igen från Word, Excel eller LibreOffice; innehåller den stora bilder, "
                                "ta bort dem först.")
    names = {m.filename for m in members}
    if "META-INF/manifest.xml" in names:
        with zipfile.ZipFile(path) as archive:
            manifest = archive.read("META-INF/manifest.xml")
        if b"encryption-data" in manifest:
            raise ImportRefused(shown, "Filen är skyddad med lösenord och kan inte läsas.",
                                "Öppna den i LibreOffice, spara en kopia utan lösenord (Arkiv → Spara som, utan "
                                "”Spara med lösenord”) och importera den.")
