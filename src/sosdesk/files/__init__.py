"""Reading and writing files safely: bounded reads, atomic private writes.

Every writer of keys, backups, batches, receipts, quarantine, reports and documents goes
through `write_private`/`private_output`; every reader of a file a user names goes through
`read_bounded`/`open_bounded`. Errors are `FileProblem`s with codes from the message table.
"""

from sosdesk.files.errors import FileProblem
from sosdesk.files.reading import check_regular_file, open_bounded, read_bounded
from sosdesk.files.writing import (
    TEMP_SUFFIX,
    clean_stale_temps,
    ensure_private_folder,
    fsync_folder,
    private_output,
    write_private,
)

__all__ = [
    "TEMP_SUFFIX",
    "FileProblem",
    "check_regular_file",
    "clean_stale_temps",
    "ensure_private_folder",
    "fsync_folder",
    "open_bounded",
    "private_output",
    "read_bounded",
    "write_private",
]
