"""Where casus keeps per-user files: one cache folder for data sets, imported
corpora and the compiled-corpus cache.

``CASUS_CACHE`` overrides it; otherwise the platform's cache folder is used
(``$XDG_CACHE_HOME/casus`` or ``~/.cache/casus`` on Linux).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path


def cache_root() -> Path:
    """The cache root folder (it may not exist yet)."""
    override = os.environ.get("CASUS_CACHE")
    if override:
        return Path(override).expanduser()
    home = Path.home()
    if sys.platform == "win32":
        base = os.environ.get("LOCALAPPDATA")
        return (Path(base) if base else home / "AppData" / "Local") / "casus" / "Cache"
    if sys.platform == "darwin":
        return home / "Library" / "Caches" / "casus"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else home / ".cache") / "casus"
