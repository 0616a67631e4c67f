"""Bytes of a content file → text: UTF-8 (a BOM tolerated, line ends normalised), anything else a located error
that names the encoding the file was most likely saved in (Windows-1252 from Word or Notepad, UTF-16)."""

from __future__ import annotations

from ..diagnostics import ERROR, Diagnostic


def decode(data: bytes, rel: str, diagnostics: list[Diagnostic]) -> str | None:
    """UTF-8 (a BOM is tolerated); anything else is a located error."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        if _looks_utf16(data):  # plain ASCII in UTF-16 would decode, with a zero byte after every letter
            raise UnicodeDecodeError("utf-16", data, 0, 1, "UTF-16")
        return data.decode("utf-8").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        if _looks_utf16(data):
            guess = "UTF-16 (det som Anteckningar och Word kallar ”Unicode”)"
        elif _looks_cp1252(data):
            guess = "Windows-1252 (till exempel sparad från Word eller Anteckningar)"
        else:
            guess = "en annan teckenkodning"
        diagnostics.append(
            Diagnostic(
                rel,
                line,
                column,
                ERROR,
                "teckenkodning",
                f"Filen är inte sparad som UTF-8 utan troligen som {guess}.",
                "Spara om filen som UTF-8 i din editor (Spara som → Kodning: UTF-8).",
            )
        )
        return None


def _looks_utf16(data: bytes) -> bool:
    """A byte-order mark of UTF-16, or the zero bytes that every other byte of ASCII text in UTF-16 is."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    sample = data[:200]
    return len(sample) >= 4 and sample.count(0) * 3 >= len(sample)


def _looks_cp1252(data: bytes) -> bool:
    return any(b in data for b in (b"\xe5", b"\xe4", b"\xf6", b"\xc5", b"\xc4", b"\xd6"))
