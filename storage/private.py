"""Files only their owner can read: the key file, the SQLite database, the terminal chat's files.

They hold a child's data or the key to it, so they are created mode 600 in folders Sprout
creates mode 700, whatever the umask; a folder that already exists keeps the permissions its
operator gave it.
"""

from __future__ import annotations

import os
from pathlib import Path


def private_folder(folder: Path) -> None:
    """Create ``folder`` (and missing parents) readable by the owner only; an existing
    folder is left as it is (the operator chose its permissions)."""
    if not folder.exists():
        folder.mkdir(mode=0o700, parents=True)


def private_file(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` readable by the owner only, even if it existed before."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as handle:
        os.fchmod(handle.fileno(), 0o600)
        handle.write(data)
