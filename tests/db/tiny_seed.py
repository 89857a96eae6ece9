"""A small, hand-made seed set (written into a temp dir) for tests whose expected
answers must not depend on the real seed data."""
from __future__ import annotations

import csv
from pathlib import Path

DOC_EN = (
    "Quang Nam received more than 43 million USD from 2019 to October 2024.\n"
    "Da Nang received 10 million USD in 2023.\n"
    "Son La received nearly 4.9 million USD in 2023, and 3 million USD in 2022.\n"
    "Son La also received 120 billion VND in 2023.\n"
    "By mid-2024, 12 foreign NGOs worked in Bac Ninh.\n"
    "Every year about 150 - 250 delegations come to Quang Nam.\n"
)
DOC_MS = "Di wilayah Son La, terdapat 31 pertubuhan bukan kerajaan (NGO) asing.\n"

UNITS = [
    ["code", "kind", "valid_from", "valid_to", "name_vi", "name_en", "name_ur", "name_hi", "name_ms", "aliases"],
    ["vn", "country", "", "", "Việt Nam", "Vietnam", "ویتنام", "वियतनाम", "Vietnam", "Viet Nam"],
    ["quang_nam", "province", "", "2025-06-30", "Quảng Nam", "Quang Nam", "کوانگ نام", "क्वांग नाम", "Quang Nam",
     "Quangnam|كوانگ نام"],
    ["da_nang", "city", "", "2025-06-30", "Đà Nẵng", "Da Nang", "دا نانگ", "दा नांग", "Da Nang", "Danang"],
    ["da_nang_2025", "city", "2025-07-01", "", "Đà Nẵng", "Da Nang", "دا نانگ", "दा नांग", "Da Nang", "Danang"],
    ["son_la", "province", "", "", "Sơn La", "Son La", "سون لا", "सोन ला", "Son La", ""],
    ["bac_ninh", "province", "", "2025-06-30", "Bắc Ninh", "Bac Ninh", "", "", "", ""],
    ["bac_giang", "province", "", "2025-06-30", "Bắc Giang", "Bac Giang", "", "", "", ""],
    ["bac_ninh_2025", "province", "2025-07-01", "", "Bắc Ninh", "Bac Ninh", "", "", "", ""],
    ["bac_kan", "province", "", "2025-06-30", "Bắc Kạn", "Bac Kan", "", "", "", "Bắc Cạn"],
    ["cluster_x", "group", "", "", "Cụm thi đua X", "Emulation Cluster X", "", "", "", ""],
]
SUCCESSIONS = [
    ["predecessor", "successor", "effective_date", "legal_basis"],
    ["quang_nam", "da_nang_2025", "2025-07-01", "Resolution 202/2025/QH15"],
    ["da_nang", "da_nang_2025", "2025-07-01", "Resolution 202/2025/QH15"],
    ["bac_ninh", "bac_ninh_2025", "2025-07-01", "Resolution 202/2025/QH15"],
    ["bac_giang", "bac_ninh_2025", "2025-07-01", "Resolution 202/2025/QH15"],
]
GROUPS = [["group_code", "member_code"], ["cluster_x", "son_la"], ["cluster_x", "bac_ninh"],
          ["cluster_x", "bac_giang"]]
SOURCES = [
    ["id", "file", "title", "publisher", "url", "published", "language", "note"],
    ["doc_en", "doc_en.txt", "Test document (English)", "Test", "", "2024-11-01", "en", ""],
    ["doc_ms", "doc_ms.txt", "Test document (Malay)", "Test", "", "", "ms", ""],
]
FIGURE_HEADER = ["id", "unit", "metric", "value_low", "value_high", "qualifier", "unit_of_measure", "period_start",
                 "period_end", "period_kind", "derived", "derivation", "note"]
FIGURES = [
    FIGURE_HEADER,
    ["qn_aid", "quang_nam", "aid_received", "43000000", "", "more_than", "USD", "2019-01-01", "2024-10-31",
     "range", "false", "", ""],
    ["dn_aid_2023", "da_nang", "aid_received", "10000000", "", "exact", "USD", "2023-01-01", "2023-12-31",
     "range", "false", "", ""],
    ["sl_aid_2023", "son_la", "aid_received", "4900000", "", "nearly", "USD", "2023-01-01", "2023-12-31",
     "range", "false", "", ""],
    ["sl_aid_2022", "son_la", "aid_received", "3000000", "", "exact", "USD", "2022-01-01", "2022-12-31",
     "range", "false", "", ""],
    ["sl_aid_vnd_2023", "son_la", "aid_received", "120000000000", "", "exact", "VND", "2023-01-01", "2023-12-31",
     "range", "false", "", ""],
    ["bn_ngos", "bac_ninh", "foreign_ngos", "12", "", "exact", "count", "", "2024-06-30", "as_of", "false", "", ""],
    ["sl_ngos", "son_la", "foreign_ngos", "31", "", "exact", "count", "", "2024-04-12", "as_of", "false", "", ""],
    ["qn_delegations", "quang_nam", "delegations", "150", "250", "about", "count", "", "", "per_year", "false", "",
     "per year"],
]
CITATIONS = [
    ["figure_id", "source_id", "quote"],
    ["qn_aid", "doc_en", "Quang Nam received more than 43 million USD from 2019 to October 2024."],
    ["dn_aid_2023", "doc_en", "Da Nang received 10 million USD in 2023."],
    ["sl_aid_2023", "doc_en", "Son La received nearly 4.9 million USD in 2023, and 3 million USD in 2022."],
    ["sl_aid_2022", "doc_en", "Son La received nearly 4.9 million USD in 2023, and 3 million USD in 2022."],
    ["sl_aid_vnd_2023", "doc_en", "Son La also received 120 billion VND in 2023."],
    ["bn_ngos", "doc_en", "By mid-2024, 12 foreign NGOs worked in Bac Ninh."],
    ["sl_ngos", "doc_ms", "Di wilayah Son La, terdapat 31 pertubuhan bukan kerajaan (NGO) asing."],
    ["qn_delegations", "doc_en", "Every year about 150 - 250 delegations come to Quang Nam."],
]
FILES = {"units.csv": UNITS, "successions.csv": SUCCESSIONS, "groups.csv": GROUPS, "sources.csv": SOURCES,
         "figures.csv": FIGURES, "citations.csv": CITATIONS}


def write_csv(path: Path, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(rows)


def write_tiny_seed(root: Path, overrides: dict[str, list[list[str]]] | None = None) -> tuple[Path, Path]:
    """(seed_dir, documents_dir) with the tiny set; `overrides` replaces whole files."""
    seed_dir, docs = root / "seed", root / "docs"
    seed_dir.mkdir(parents=True, exist_ok=True)
    docs.mkdir(parents=True, exist_ok=True)
    (docs / "doc_en.txt").write_text(DOC_EN, encoding="utf-8")
    (docs / "doc_ms.txt").write_text(DOC_MS, encoding="utf-8")
    for name, rows in {**FILES, **(overrides or {})}.items():
        write_csv(seed_dir / name, rows)
    return seed_dir, docs
