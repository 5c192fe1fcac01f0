"""Every unencrypted document is PDF/A-2b (ISO 19005-2), checked clause by clause.

veraPDF, the reference validator, is a Java program distributed outside PyPI and Debian, so it
cannot be installed here. The checks below are written from the text of ISO 19005-2 and read the
file with programs other than the one that wrote it: qpdf --check (structure, streams), poppler's
pdffonts (fonts and their embedding) and pdfinfo -meta (the XMP packet, parsed here with the
standard XML parser), LittleCMS through Pillow (the ICC profile), and pikepdf for the objects.
"""

from __future__ import annotations

import io
import re
import shutil
import struct
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pikepdf
import pytest
from PIL import ImageCms
from reportlab.pdfgen.canvas import Canvas

from sosdesk.documents.pdfa import make_pdfa
from sosdesk.documents.produce import BuiltDocument, build
from sosdesk.domain.messages import CodedError
from sosdesk.services.documents.request import DocumentRequest
from sosdesk.store import kdf
from sosdesk.store.database import Database
from tests.conftest import PASSPHRASE, USER
from tests.factory import make_story

KINDS = ("chronology", "certificate", "accompaniment", "costs", "referral")
VARIANTS = (("sr-Cyrl", "full"), ("sr-Latn", "full"), ("en", "pseudonymised"))
NS = {
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "dc": "http://purl.org/dc/elements/1.1/",
    "pdf": "http://ns.adobe.com/pdf/1.3/",
    "xmp": "http://ns.adobe.com/xap/1.0/",
    "pdfaid": "http://www.aiim.org/pdfa/ns/id/",
}
# Operators that select a colour space PDF/A allows with an RGB output intent (6.2.4.3): RGB
# and grey. CMYK (k, K) would need a CMYK intent.
_CMYK_OPERATORS = {"k", "K"}


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, BuiltDocument]]:
    """Every kind in three languages (one pseudonymised), written to a temporary folder."""
    folder = tmp_path_factory.mktemp("pdfa")
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(kdf, "DEFAULT_KDF", kdf.FAST_KDF)
        db, _ = Database.create(folder / "desk.db", user=USER, passphrase=PASSPHRASE, desk="BG1")
    try:
        story = make_story(db)
        out: dict[str, tuple[Path, BuiltDocument]] = {}
        for kind in KINDS:
            for lang, profile in VARIANTS:
                req = DocumentRequest(kind, story.client_id, lang=lang, profile=profile)
                built = build(db, req)
                path = folder / f"{kind}-{lang}.pdf"
                path.write_bytes(built.pdf)
                out[f"{kind}-{lang}"] = (path, built)
        return out
    finally:
        db.close()


def _tool(program: str) -> str:
    if shutil.which(program) is None:
        pytest.skip(f"{program} is not installed (run `make sysdeps`)")
    return program


def _xmp(path: Path) -> ET.Element:
    done = subprocess.run(
        [_tool("pdfinfo"), "-meta", str(path)], capture_output=True, check=True, timeout=60
    )
    text = done.stdout.decode("utf-8")
    # 6.6.2.1: the packet header has no bytes/encoding attributes.
    header = re.search(r"<\?xpacket begin=[^>]*\?>", text)
    assert header is not None and "bytes=" not in header.group(0)
    assert "encoding=" not in header.group(0)
    body = text[header.end() : text.index("<?xpacket end")]
    return ET.fromstring(body)


def _one(root: ET.Element, path: str) -> str:
    found = root.findall(f".//{path}", NS)
    assert len(found) == 1, f"{path} appears {len(found)} times"
    el = found[0]
    items = el.findall(".//rdf:li", NS)
    return (items[0].text if items else el.text) or ""


def _cmap_encodings(font_program: bytes) -> list[tuple[int, int]]:
    """(platform, encoding) pairs of a TrueType font's cmap table."""
    (num_tables,) = struct.unpack(">H", font_program[4:6])
    for i in range(num_tables):
        tag, _sum, offset, _len = struct.unpack(">4sIII", font_program[12 + 16 * i : 28 + 16 * i])
        if tag == b"cmap":
            (count,) = struct.unpack(">H", font_program[offset + 2 : offset + 4])
            return [
                struct.unpack(">HH", font_program[offset + 4 + 8 * j : offset + 8 + 8 * j])
                for j in range(count)
            ]
    raise AssertionError("the font program has no cmap table")


def _tables(font_program: bytes) -> dict[bytes, bytes]:
    (num_tables,) = struct.unpack(">H", font_program[4:6])
    out: dict[bytes, bytes] = {}
    for i in range(num_tables):
        tag, _sum, offset, length = struct.unpack(">4sIII", font_program[12 + 16 * i : 28 + 16 * i])
        out[tag] = font_program[offset : offset + length]
    return out


def _advances(font_program: bytes) -> dict[int, float]:
    """Code -> advance width in PDF units (1/1000 em), from the font's own cmap and hmtx."""
    tables = _tables(font_program)
    (units,) = struct.unpack(">H", tables[b"head"][18:20])
    (metrics,) = struct.unpack(">H", tables[b"hhea"][34:36])
    hmtx = tables[b"hmtx"]
    widths = [struct.unpack(">H", hmtx[4 * g : 4 * g + 2])[0] for g in range(metrics)]
    cmap = tables[b"cmap"]
    (count,) = struct.unpack(">H", cmap[2:4])
    _platform, _encoding, offset = struct.unpack(">HHI", cmap[4:12])
    (fmt,) = struct.unpack(">H", cmap[offset : offset + 2])
    assert count == 1 and fmt in (0, 6), (count, fmt)
    if fmt == 0:  # one byte per code
        glyphs = dict(enumerate(cmap[offset + 6 : offset + 6 + 256]))
    else:  # format 6: a first code and a run of 16-bit glyph ids
        first, entries = struct.unpack(">HH", cmap[offset + 6 : offset + 10])
        ids = struct.unpack(f">{entries}H", cmap[offset + 10 : offset + 10 + 2 * entries])
        glyphs = {first + i: gid for i, gid in enumerate(ids)}
    return {
        code: 1000 * widths[min(gid, metrics - 1)] / units for code, gid in glyphs.items() if gid
    }


NAMES = [f"{k}-{lang}" for k in KINDS for lang, _ in VARIANTS]


@pytest.mark.parametrize("name", NAMES)
def test_structure_header_trailer(
    documents: dict[str, tuple[Path, BuiltDocument]], name: str
) -> None:
    path, _ = documents[name]
    done = subprocess.run([_tool("qpdf"), "--check", str(path)], capture_output=True, timeout=60)
    assert done.returncode == 0, done.stdout.decode() + done.stderr.decode()
    data = path.read_bytes()
    # 6.1.2: %PDF-1.n (n <= 7), then a comment of at least four bytes above 127.
    first, second = data.split(b"\n", 2)[:2]
    assert re.fullmatch(rb"%PDF-1\.[0-7]", first.strip())
    assert second.startswith(b"%") and sum(b > 127 for b in second[1:5]) == 4
    with pikepdf.open(path) as pdf:
        # 6.1.3: an ID in the trailer, no encryption.
        assert "/ID" in pdf.trailer and "/Encrypt" not in pdf.trailer
        for obj in pdf.objects:
            if isinstance(obj, pikepdf.Stream):
                # 6.1.7: no external streams, no LZW.
                assert not {"/F", "/FFilter", "/FDecodeParms"} & set(obj.keys())
                assert "/LZWDecode" not in str(obj.get("/Filter", ""))
            if isinstance(obj, pikepdf.Dictionary):
                # 6.6.1, 6.10: no JavaScript, no additional actions, no transitions.
                assert not {"/JS", "/JavaScript", "/AA", "/Trans"} & set(obj.keys())


@pytest.mark.parametrize("name", NAMES)
def test_fonts_all_embedded_and_used_as_declared(
    documents: dict[str, tuple[Path, BuiltDocument]], name: str
) -> None:
    path, _ = documents[name]
    done = subprocess.run([_tool("pdffonts"), str(path)], capture_output=True, timeout=60)
    rows = done.stdout.decode().splitlines()[2:]
    assert rows, "no fonts listed"
    for row in rows:
        # 6.2.11.4.1: every font program embedded (poppler's "emb" column).
        assert " yes " in row.split("TrueType", 1)[1][:40], row
        assert "DejaVuSans" in row
    with pikepdf.open(path) as pdf:
        for page in pdf.pages:
            fonts = page.Resources.Font
            for operands, operator in pikepdf.parse_content_stream(page):
                # Every font selected in a content stream is one the page carries (the cure of
                # reportlab's unembedded Helvetica at the top of each page).
                if str(operator) == "Tf":
                    assert str(operands[0]) in fonts
                assert str(operator) not in _CMYK_OPERATORS
            for font in fonts.values():
                descriptor = font.FontDescriptor
                assert "/FontFile2" in descriptor
                assert "/Widths" in font
                if int(descriptor.Flags) & 4:  # symbolic TrueType, 6.2.11.6
                    assert "/Encoding" not in font
                    cmaps = _cmap_encodings(descriptor.FontFile2.read_bytes())
                    assert len(cmaps) == 1 or (3, 0) in cmaps, cmaps
                # 6.2.11.5: the widths the file declares are the font program's own.
                advances = _advances(descriptor.FontFile2.read_bytes())
                first = int(font.FirstChar)
                compared = 0
                for i, width in enumerate(font.Widths):
                    if first + i in advances:
                        assert abs(float(width) - advances[first + i]) <= 1, (first + i, width)
                        compared += 1
                assert compared >= 10


@pytest.mark.parametrize("name", NAMES)
def test_xmp_metadata_matches_the_document(
    documents: dict[str, tuple[Path, BuiltDocument]], name: str
) -> None:
    path, built = documents[name]
    lang = built.request.lang
    root = _xmp(path)
    assert _one(root, "pdfaid:part") == "2"
    assert _one(root, "pdfaid:conformance") == "B"
    assert _one(root, "dc:identifier") == built.number
    assert _one(root, "dc:language") == lang
    assert _one(root, "pdf:Producer") == "SOS Desk"
    title = _one(root, "dc:title")
    assert built.number in title
    with pikepdf.open(path) as pdf:
        # 6.6.2.1: the metadata stream is uncompressed XML.
        meta = pdf.Root.Metadata
        assert meta.Type == "/Metadata" and meta.Subtype == "/XML" and "/Filter" not in meta
        # 6.6.3: Info entries equal their XMP counterparts.
        info = pdf.docinfo
        assert str(info.Title) == title
        assert str(info.Producer) == _one(root, "pdf:Producer")
        assert str(info.Creator) == _one(root, "xmp:CreatorTool")
        assert str(pdf.Root.Lang) == lang
        created = str(info.CreationDate)  # D:YYYYMMDDHHmmSS...
        xmp_created = _one(root, "xmp:CreateDate")
        assert created[2:14] == re.sub(r"\D", "", xmp_created)[:12]
    if lang == "sr-Cyrl":
        assert re.search("[А-Яа-я]", title), "a Cyrillic document has a Cyrillic title"


@pytest.mark.parametrize("name", NAMES[:3])
def test_output_intent_is_a_valid_srgb_profile(
    documents: dict[str, tuple[Path, BuiltDocument]], name: str
) -> None:
    path, _ = documents[name]
    with pikepdf.open(path) as pdf:
        intents = pdf.Root.OutputIntents
        pdfa = [i for i in intents if i.S == "/GTS_PDFA1"]
        assert len(pdfa) == 1  # 6.2.3: one PDF/A output intent
        profile = pdfa[0].DestOutputProfile
        data = profile.read_bytes()
        assert int(profile.N) == 3
    # LittleCMS (through Pillow) parses the profile: an RGB display or printer profile.
    parsed = ImageCms.ImageCmsProfile(io.BytesIO(data))
    assert parsed.profile.xcolor_space.strip() == "RGB"
    assert parsed.profile.device_class in ("mntr", "prtr")
    assert data[8] in (2, 4), "ICC major version must be 2 or 4"
    assert "sRGB" in parsed.profile.profile_description


def test_an_encrypted_file_is_not_made_pdfa(
    documents: dict[str, tuple[Path, BuiltDocument]],
) -> None:
    """An encrypted file cannot be PDF/A (6.1.3)."""
    from sosdesk.documents.protect import encrypt

    path, _ = documents["certificate-en"]
    locked = encrypt(path.read_bytes(), "lozinka-za-sud")
    with pytest.raises(CodedError) as refused:
        make_pdfa(locked, "t", "n", "en")
    assert refused.value.code == "doc.pdfa_encrypted"


def test_a_file_naming_an_unembedded_font_is_refused() -> None:
    """Without the initial-font fix reportlab names Helvetica; make_pdfa must not pass it."""
    buf = io.BytesIO()
    canvas = Canvas(buf)
    canvas.drawString(100, 100, "Helvetica")
    canvas.save()
    with pytest.raises(CodedError) as refused:
        make_pdfa(buf.getvalue(), "Title", "BG1-2026-D0001", "sr-Latn")
    assert refused.value.code == "doc.font_not_embedded"


@pytest.mark.parametrize("lang", ["sr-Cyrl", "en"])
def test_annual_report_is_pdfa(
    db: Database, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, lang: str
) -> None:
    from sosdesk.stats.report import build_report
    from tests.stats.handmade import build as handmade

    handmade(db, monkeypatch)
    path = tmp_path / "report.pdf"
    path.write_bytes(build_report(db, 2025, lang).pdf)
    done = subprocess.run([_tool("qpdf"), "--check", str(path)], capture_output=True, timeout=60)
    assert done.returncode == 0, done.stdout.decode()
    fonts = subprocess.run([_tool("pdffonts"), str(path)], capture_output=True, timeout=60)
    rows = fonts.stdout.decode().splitlines()[2:]
    assert rows and all("DejaVuSans" in r and " yes " in r for r in rows), rows
    root = _xmp(path)
    assert (_one(root, "pdfaid:part"), _one(root, "pdfaid:conformance")) == ("2", "B")
    assert _one(root, "dc:language") == lang
    with pikepdf.open(path) as pdf:
        assert len(pdf.Root.OutputIntents) == 1
