"""What an imported file is, judged by its bytes before any library opens it (authoring/importing/safety.py)."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from officefiles import ods_budget

from finsam_site.authoring.importing.safety import WORKBOOK, ImportRefused, kind_of


def test_a_good_workbook_passes(tmp_path: Path) -> None:
    assert kind_of(ods_budget(tmp_path / "b.ods")) == (WORKBOOK, "ods")


def test_an_encrypted_opendocument_is_refused(tmp_path: Path) -> None:
    """LibreOffice's password protection: the manifest names the encryption of each part."""
    locked = tmp_path / "låst.ods"
    with zipfile.ZipFile(ods_budget(tmp_path / "b.ods")) as source, zipfile.ZipFile(locked, "w") as target:
        for item in source.infolist():
            data = source.read(item)
            if item.filename == "META-INF/manifest.xml":
                data = data.replace(b"/>", b"><manifest:encryption-data manifest:checksum-type=\"SHA1\"/>"
                                           b"</manifest:file-entry>", 1)
            target.writestr(item, data)
    with pytest.raises(ImportRefused) as refused:
        kind_of(locked)
    assert "skyddad med lösenord" in refused.value.message and "LibreOffice" in refused.value.hint


def test_a_renamed_file_is_judged_by_its_bytes(tmp_path: Path) -> None:
    fake = tmp_path / "budget.xlsx"
    fake.write_text("Konto;Belopp\n3010;500\n", "utf-8")  # a CSV file with the wrong name
    with pytest.raises(ImportRefused) as refused:
        kind_of(fake)
    assert "inte en giltig .xlsx-fil" in refused.value.message


def test_too_many_parts_is_refused(tmp_path: Path) -> None:
    many = tmp_path / "många.xlsx"
    with zipfile.ZipFile(many, "w") as archive:
        for n in range(10_001):
            archive.writestr(f"x/{n}", b"")
    with pytest.raises(ImportRefused) as refused:
        kind_of(many)
    assert "orimligt många delar" in refused.value.message
