"""Where the repository, the reference map and Kumu's public samples are."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REFERENCE_MAP = ROOT / "maps" / "kavlinge-lomma-2017"
KUMU_SAMPLES = ROOT.parent / "shared" / "kumu-samples"  # copied from github.com/kumu/docs
