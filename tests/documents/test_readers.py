"""Password documents open in every reader a court clerk may have, and only with the password.

The readers are programs nobody here wrote: qpdf, poppler (Evince, Okular), MuPDF (SumatraPDF),
PDFium (Chrome) and pypdf. `make sysdeps` installs the command-line ones; a reader whose program
is missing is skipped with the reason, never passed silently.
"""

from __future__ import annotations

import io
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pikepdf
import pypdfium2 as pdfium
import pytest
from pypdf import PdfReader
from pypdf.errors import FileNotDecryptedError, PdfReadError

from sosdesk.documents.produce import BuiltDocument, build
from sosdesk.services.documents.request import DocumentRequest
from sosdesk.store import kdf
from sosdesk.store.database import Database
from tests.conftest import PASSPHRASE, USER
from tests.factory import make_story

PASSWORD = "Sud-Beograd-2026"
KINDS = ("chronology", "certificate", "accompaniment", "costs", "referral")


def _run(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(args, capture_output=True, timeout=60, check=False)


def _need(program: str, package: str) -> None:
    if shutil.which(program) is None:
        pytest.skip(f"{program} is not installed (Debian package {package}; run `make sysdeps`)")


def qpdf(path: Path, password: str | None) -> str:
    _need("qpdf", "qpdf")
    args = ["qpdf", f"--password={password}"] if password else ["qpdf"]
    done = _run(*args, "--check", str(path))
    assert done.returncode == 0, done.stderr.decode() + done.stdout.decode()
    return done.stdout.decode()


def pdftotext(path: Path, password: str | None) -> str:
    _need("pdftotext", "poppler-utils")
    args = ["pdftotext", "-upw", password] if password else ["pdftotext"]
    done = _run(*args, str(path), "-")
    assert done.returncode == 0, done.stderr.decode()
    return done.stdout.decode()


def pdftoppm(path: Path, password: str | None) -> str:
    _need("pdftoppm", "poppler-utils")
    args = ["pdftoppm", "-upw", password] if password else ["pdftoppm"]
    out = path.with_suffix("")
    done = _run(*args, "-r", "20", "-f", "1", "-l", "1", "-png", str(path), str(out))
    pngs = list(path.parent.glob(out.name + "*.png"))
    assert done.returncode == 0 and pngs, done.stderr.decode()
    assert pngs[0].read_bytes().startswith(b"\x89PNG")
    return "png"


def mutool(path: Path, password: str | None) -> str:
    _need("mutool", "mupdf-tools")
    args = ["mutool", "draw", "-q", "-F", "txt", "-o", "-"]
    if password:
        args += ["-p", password]
    done = _run(*args, str(path))
    text = done.stdout.decode()
    # mutool exits 0 even when it cannot authenticate; it then draws nothing.
    assert done.returncode == 0 and text.strip(), done.stderr.decode()
    return text


def pdfium_text(path: Path, password: str | None) -> str:
    doc = pdfium.PdfDocument(path.read_bytes(), password=password)
    try:
        return "\n".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    finally:
        doc.close()


def pypdf_text(path: Path, password: str | None) -> str:
    reader = PdfReader(io.BytesIO(path.read_bytes()))
    if password is not None:
        assert reader.decrypt(password) != 0
    return "\n".join(page.extract_text() for page in reader.pages)


READERS: dict[str, Callable[[Path, str | None], str]] = {
    "qpdf": qpdf,
    "poppler-pdftotext": pdftotext,
    "poppler-pdftoppm": pdftoppm,
    "mupdf": mutool,
    "pdfium": pdfium_text,
    "pypdf": pypdf_text,
}
REFUSALS = (AssertionError, pdfium.PdfiumError, FileNotDecryptedError, PdfReadError)


@pytest.fixture(scope="module")
def protected(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, BuiltDocument]]:
    """Every document kind, password-protected, written to a temporary folder."""
    folder = tmp_path_factory.mktemp("protected")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(kdf, "DEFAULT_KDF", kdf.FAST_KDF)
        db, _ = Database.create(folder / "desk.db", user=USER, passphrase=PASSPHRASE, desk="BG1")
    try:
        story = make_story(db)
        out: dict[str, tuple[Path, BuiltDocument]] = {}
        for kind in KINDS:
            lang = "en" if kind == "costs" else "sr-Cyrl"
            built = build(db, DocumentRequest(kind, story.client_id, lang=lang), password=PASSWORD)
            path = folder / f"{kind}.pdf"
            path.write_bytes(built.pdf)
            out[kind] = (path, built)
        return out
    finally:
        db.close()


@pytest.mark.parametrize("kind", KINDS)
def test_encryption_is_aes256_revision_6(
    protected: dict[str, tuple[Path, BuiltDocument]], kind: str
) -> None:
    path, _ = protected[kind]
    with pikepdf.open(path, password=PASSWORD) as pdf:
        encrypt = pdf.trailer.Encrypt
        assert int(encrypt.R) == 6 and int(encrypt.V) == 5
        # ISO 32000-2, 7.6.4.4: /OE and /UE are 32 bytes, /Perms 16 (reportlab wrote 48 and 32).
        assert len(bytes(encrypt.OE)) == 32 and len(bytes(encrypt.UE)) == 32
        assert len(bytes(encrypt.Perms)) == 16
        assert pdf.encryption.stream_method.name == "aesv3"
        assert not pdf.allow.modify_other and pdf.allow.print_highres


@pytest.mark.parametrize("reader", READERS)
@pytest.mark.parametrize("kind", KINDS)
def test_every_reader_opens_with_the_password_only(
    protected: dict[str, tuple[Path, BuiltDocument]], kind: str, reader: str
) -> None:
    path, built = protected[kind]
    read = READERS[reader]
    text = read(path, PASSWORD)
    if reader not in ("qpdf", "poppler-pdftoppm"):
        assert built.number in text, f"{reader} opened {kind} but its text is not there"
    for wrong in (None, "pogresna-lozinka"):
        with pytest.raises(REFUSALS):
            read(path, wrong)
