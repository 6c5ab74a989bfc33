"""Reading an exported workbook back as LibreOffice Calc (headless) shows it: every sheet written
out as CSV with its cells as displayed."""
import csv
import io
import subprocess
from pathlib import Path

EVERY_SHEET_AS_SHOWN = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1"


def sheet_as_libreoffice_shows(workbook: Path, sheet: str, tmp_path: Path) -> list[list[str]]:
    """The rows of one sheet of `workbook` as LibreOffice displays them."""
    out = tmp_path / "libreoffice-out"
    subprocess.run(["soffice", f"-env:UserInstallation=file://{tmp_path}/lo-profile", "--headless", "--convert-to",
                    EVERY_SHEET_AS_SHOWN, "--outdir", str(out), str(workbook)],
                   check=True, capture_output=True, timeout=120)
    text = (out / f"{workbook.stem}-{sheet}.csv").read_text(encoding="utf-8")
    return list(csv.reader(io.StringIO(text)))
