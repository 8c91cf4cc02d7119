"""Where the repository and the reference map are."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REFERENCE_MAP = ROOT / "maps" / "kavlinge-lomma-2017"
