"""Write the WiX source (WiX 4 or newer) for the SOS Desk MSI from the PyInstaller bundle.

    python packaging/windows/generate_wxs.py BUNDLE_DIR VERSION OUT.wxs

Like dangerzone's install/windows/build-wxs.py: the file list comes from the bundle folder, so
the MSI always holds exactly what PyInstaller collected. Per-machine install into
"Program Files\\SOS Desk", a Start-menu shortcut to the windowed launcher, major upgrades (a new
version replaces the old one in place; a downgrade is refused). The UpgradeCode below must never
change: it is how Windows knows a new MSI upgrades an installed SOS Desk.

The desk's data (databases, key files, backups) lives in the user's own data folder
(%LOCALAPPDATA%\\sosdesk), which this MSI never installs into, so uninstalling never removes it.
"""

from __future__ import annotations

import hashlib
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

UPGRADE_CODE = "{3B0D5E64-7C1A-4F7E-9C55-2D6A1F0B8E41}"  # fixed forever, see the docstring
MANUFACTURER = "SOS Desk"
PRODUCT = "SOS Desk"
NS = "http://wixtoolset.org/schemas/v4/wxs"
ICON = Path(__file__).resolve().parent.parent / "icons" / "sosdesk.ico"


def _id(prefix: str, rel: str) -> str:
    """A WiX identifier for a path: stable between builds, short, and always valid."""
    return f"{prefix}{hashlib.sha1(rel.encode('utf-8')).hexdigest()[:20]}"


def _msi_version(version: str) -> str:
    """MSI versions are three numbers (0.1.0); drop anything after them (0.1.0rc1 -> 0.1.0)."""
    numbers = []
    for part in version.split(".")[:3]:
        digits = "".join(ch for ch in part if ch.isdigit()) or "0"
        numbers.append(str(int(digits)))
    return ".".join(numbers + ["0"] * (3 - len(numbers)))


def _add_folder(parent: ET.Element, folder: Path, root: Path, group: ET.Element) -> None:
    for entry in sorted(folder.iterdir()):
        rel = entry.relative_to(root).as_posix()
        if entry.is_dir():
            sub = ET.SubElement(parent, "Directory", Id=_id("d", rel), Name=entry.name)
            _add_folder(sub, entry, root, group)
        else:
            comp = ET.SubElement(
                parent, "Component", Id=_id("c", rel), Guid="*", Bitness="always64"
            )
            ET.SubElement(comp, "File", Id=_id("f", rel), Source=str(entry), KeyPath="yes")
            ET.SubElement(group, "ComponentRef", Id=_id("c", rel))


def build(bundle: Path, version: str) -> ET.ElementTree:
    """The whole WiX document for `bundle` (PyInstaller's dist/sosdesk folder)."""
    ET.register_namespace("", NS)
    wix = ET.Element("Wix", xmlns=NS)
    package = ET.SubElement(
        wix,
        "Package",
        Name=PRODUCT,
        Manufacturer=MANUFACTURER,
        Version=_msi_version(version),
        UpgradeCode=UPGRADE_CODE,
        Scope="perMachine",
        Language="1033",
    )
    ET.SubElement(
        package,
        "MajorUpgrade",
        DowngradeErrorMessage="A newer version of SOS Desk is already installed.",
    )
    ET.SubElement(package, "MediaTemplate", EmbedCab="yes")
    ET.SubElement(package, "Icon", Id="sosdesk.ico", SourceFile=str(ICON))
    ET.SubElement(package, "Property", Id="ARPPRODUCTICON", Value="sosdesk.ico")

    files = ET.SubElement(package, "ComponentGroup", Id="BundleFiles")
    program_files = ET.SubElement(package, "StandardDirectory", Id="ProgramFiles64Folder")
    install = ET.SubElement(program_files, "Directory", Id="INSTALLFOLDER", Name=PRODUCT)
    _add_folder(install, bundle, bundle, files)

    menu = ET.SubElement(package, "StandardDirectory", Id="ProgramMenuFolder")
    shortcut_comp = ET.SubElement(
        menu, "Component", Id="StartMenuShortcut", Guid="*", Bitness="always64"
    )
    ET.SubElement(
        shortcut_comp,
        "Shortcut",
        Id="SosDeskShortcut",
        Name=PRODUCT,
        Description="Offline desk for the SOS line",
        Target="[INSTALLFOLDER]sosdesk-desk.exe",
        WorkingDirectory="INSTALLFOLDER",
        Icon="sosdesk.ico",
    )
    # A per-machine shortcut needs a key path of its own: a value under HKLM.
    ET.SubElement(
        shortcut_comp,
        "RegistryValue",
        Root="HKLM",
        Key="Software\\SOS Desk",
        Name="StartMenuShortcut",
        Type="integer",
        Value="1",
        KeyPath="yes",
    )

    feature = ET.SubElement(package, "Feature", Id="Main", Title=PRODUCT)
    ET.SubElement(feature, "ComponentGroupRef", Id="BundleFiles")
    ET.SubElement(feature, "ComponentRef", Id="StartMenuShortcut")
    ET.indent(wix)
    return ET.ElementTree(wix)


def main(argv: list[str]) -> int:
    """Command line: BUNDLE_DIR VERSION OUT.wxs."""
    if len(argv) != 3:
        print(__doc__.splitlines()[2].strip(), file=sys.stderr)
        return 2
    bundle, version, out = Path(argv[0]).resolve(), argv[1], Path(argv[2])
    if not (bundle / "sosdesk-desk.exe").exists() and not (bundle / "sosdesk").exists():
        print(f"generate_wxs: no SOS Desk bundle in {bundle}", file=sys.stderr)
        return 2
    build(bundle, version).write(out, encoding="utf-8", xml_declaration=True)
    print(f"Wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
