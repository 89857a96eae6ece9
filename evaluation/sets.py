"""Reads a conversation set: one YAML file per language (see evaluation/README.md)."""
from __future__ import annotations

from pathlib import Path
from typing import Dict, List

import yaml


def load_set(set_dir: Path) -> Dict[str, List[dict]]:
    out: Dict[str, List[dict]] = {}
    for path in sorted(Path(set_dir).glob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        lang = data.get("language") or path.stem
        out[lang] = [c for c in data.get("conversations") or [] if c.get("turns")]
    return out
