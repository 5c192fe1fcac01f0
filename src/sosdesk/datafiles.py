"""Files shipped with SOS Desk (fonts, themes, translations, the ICC profile, migrations).

Found through `importlib.resources`: in the wheel and in the PyInstaller bundle they sit inside
the `sosdesk` package (`sosdesk/resources`, `sosdesk/migrations`); an editable install from a
source checkout has them at the top of the checkout instead. Callers get a real file-system path
because reportlab, Qt and alembic open files by name; both the wheel and the one-folder bundle
keep them on disk.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path


def shipped(*parts: str) -> Path:
    """The shipped folder or file `parts` (e.g. `"resources", "fonts"`); FileNotFoundError if absent."""
    package = files("sosdesk")
    packaged = package.joinpath(*parts)
    if isinstance(packaged, Path) and packaged.exists():
        return packaged
    # An editable install: the package is src/sosdesk, the data two levels up.
    checkout = Path(str(package)).parent.parent.joinpath(*parts)
    if checkout.exists():
        return checkout
    raise FileNotFoundError(f"SOS Desk is missing {'/'.join(parts)} in this installation")
