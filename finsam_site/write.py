"""Write stage: the only code that touches the output folder.

Pages are collected first; two pages on one URL is an error. The site is then
written into a temporary folder beside the output and swapped into place only
when everything is written, so a failed build leaves the previous output as it
was. Files are written in sorted order with fixed contents (no clocks).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path, PurePosixPath

MARKER = ".finsam-site"


class OutputError(Exception):
    """Raised with a Swedish message when the output cannot be written safely."""


class Output:
    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def add(self, url: str, content: str | bytes) -> None:
        path = PurePosixPath(url)
        if path.is_absolute() or ".." in path.parts or not url:
            raise OutputError(f"Ogiltig sökväg i utdata: {url}")
        if url in self.files:
            raise OutputError(f"Två sidor skulle skrivas till samma adress: {url}")
        self.files[url] = content.encode("utf-8") if isinstance(content, str) else content

    def add_tree(self, source: Path, prefix: str) -> None:
        for path in sorted(source.rglob("*")):
            if path.is_file() and not path.name.startswith("."):
                self.add(f"{prefix}/{path.relative_to(source).as_posix()}", path.read_bytes())


def check_destination(out_dir: Path, site_root: Path) -> None:
    out, root = out_dir.resolve(), site_root.resolve()
    if out == root or root.is_relative_to(out):
        raise OutputError(f"Utdatamappen {out_dir} innehåller webbplatsens källor; välj en egen mapp.")
    if out.exists() and any(out.iterdir()) and not (out / MARKER).exists():
        raise OutputError(f"Mappen {out_dir} finns redan och skapades inte av finsam-site; den skrivs inte över.")


def commit(output: Output, out_dir: Path, site_root: Path) -> None:
    """Write everything into a fresh folder, then swap it into place."""
    check_destination(out_dir, site_root)
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}-", dir=out_dir.parent))
    try:
        for url in sorted(output.files):
            target = staging / url
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(output.files[url])
        (staging / MARKER).write_text("Skapad av finsam-site. Mappen ersätts vid varje bygge.\n", "utf-8")
        os.chmod(staging, 0o755)
        old = out_dir.parent / f".{out_dir.name}-old"
        if old.exists():
            shutil.rmtree(old)
        if out_dir.exists():
            os.replace(out_dir, old)
        os.replace(staging, out_dir)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
