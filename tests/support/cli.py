"""Running ``parentbot`` as a user runs it: a subprocess, stdin piped, a clean environment.

The environment drops ``DATABASE_URL`` and ``ENCRYPTION_KEYS`` so a developer's own settings
never leak into a test; a test passes the settings it means through ``env``.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

PARENTBOT = shutil.which("parentbot", path=str(Path(sys.executable).parent)) or "parentbot"


def parentbot(
    *args: str, stdin: str = "", cwd: Path | None = None, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "ENCRYPTION_KEYS"}}
    return subprocess.run(
        [PARENTBOT, *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        env={**clean, **(env or {})},
        timeout=120,
        check=False,
    )


def sqlite_url(folder: Path, name: str = "x.db") -> str:
    return f"sqlite+aiosqlite:///{folder / name}"
