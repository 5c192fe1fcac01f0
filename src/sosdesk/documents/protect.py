"""Password protection every reader opens: AES-256, revision 6 (ISO 32000-2), by qpdf.

reportlab's own AES-256 writes revision 5 with padded /OE, /UE and /Perms that poppler,
MuPDF and pypdf refuse; so reportlab renders in the clear (in memory) and pikepdf encrypts.
The owner password is random and forgotten: nobody can lift the restrictions.
"""

from __future__ import annotations

import io
import secrets

import pikepdf

# Printing is the point of a court document; copying text out and editing are not.
PERMISSIONS = pikepdf.Permissions(
    accessibility=True,
    extract=False,
    modify_annotation=False,
    modify_assembly=False,
    modify_form=False,
    modify_other=False,
    print_lowres=True,
    print_highres=True,
)


def encrypt(pdf_bytes: bytes, password: str) -> bytes:
    """The PDF encrypted with AES-256 R6: opens only with `password`, prints, cannot be edited."""
    with pikepdf.Pdf.open(io.BytesIO(pdf_bytes)) as pdf:
        out = io.BytesIO()
        pdf.save(
            out,
            encryption=pikepdf.Encryption(
                owner=secrets.token_urlsafe(24),
                user=password,
                R=6,
                aes=True,
                allow=PERMISSIONS,
            ),
        )
        return out.getvalue()
