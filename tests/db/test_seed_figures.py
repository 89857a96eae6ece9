"""Every figure of the seed documents, as the database serves it.

The manifest below was entered independently of db/seed/figures.csv, from the
five documents in db/seed/documents/ (SEEDS_DIR overrides). Each entry says what
the database must return for one figure, and for each document that states it,
a distinctive piece of the quoted sentence. The tests run against the `adb`
fixture (SQLite and PostgreSQL, seeded) through the public API only.
"""
from __future__ import annotations

import csv
import os
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Optional

import pytest

REPO = Path(__file__).resolve().parents[2]
SEEDS_DIR = Path(os.environ.get("SEEDS_DIR") or REPO / "db" / "seed" / "documents")
SEED_DATA = REPO / "db" / "seed"

D000_UR_QN = "000_0e978721df6ed8b1.txt"
D001_EN_QN = "001_d7d57bf3f151efc6.txt"
D002_MS = "002_445a92742309ceb6.txt"
D003_HI = "003_b312f124177521cb.txt"
D004_UR_CT = "004_118db22adb52ee74.txt"
ALL_DOCS = (D000_UR_QN, D001_EN_QN, D002_MS, D003_HI, D004_UR_CT)


@dataclass(frozen=True)
class Expected:
    unit: str
    metric: str
    low: str
    high: Optional[str]
    qualifier: str
    uom: str
    start: Optional[date]
    end: Optional[date]
    kind: str
    cites: tuple            # ((document file, distinctive substring of the quote), ...)
    derived: bool = False
    derivation_has: tuple = ()   # pieces the derivation text must contain
    counterpart: Optional[str] = None        # the other place of a relation
    base: tuple = (None, None)               # base period of a stated change

    @property
    def key(self):
        return (self.unit, self.metric, self.uom, self.start, self.end)

    def __str__(self):
        return f"{self.unit}-{self.metric}-{self.uom}-{self.start or self.kind}"


D = date
QN_PERIOD = (D(2019, 1, 1), D(2024, 10, 31))
Y2023 = (D(2023, 1, 1), D(2023, 12, 31))
H1_2024 = (D(2024, 1, 1), D(2024, 6, 30))
CT_20Y = (D(2004, 1, 1), D(2023, 12, 31))
NONE = (None, None)


def qn(en_piece, ur_piece):
    return ((D001_EN_QN, en_piece), (D000_UR_QN, ur_piece))


MANIFEST = [
    # --- Quang Nam (001 English, 000 Urdu: the same article) -----------------------
    Expected("quang_nam", "sister_localities", "11", None, "exact", "count", *NONE, "unspecified",
             qn("friendly relations with 11 localities", "ممالک کے 11 علاقوں")),
    Expected("quang_nam", "partner_countries", "7", None, "exact", "count", *NONE, "unspecified",
             qn("Laos, China, South Korea, Japan, Thailand, France, and Belarus",
                "لاؤس، چین، جنوبی کوریا، جاپان، تھائی لینڈ، فرانس اور بیلاروس"),
             derived=True, derivation_has=("7", "Belarus")),
    Expected("quang_nam", "cooperating_agencies", "26", None, "exact", "count", *NONE, "unspecified",
             qn("26 departments, agencies", "کل 26 محکمے"), counterpart="sekong"),
    Expected("quang_nam", "twinned_villages", "35", None, "exact", "count", *NONE, "unspecified",
             qn("35 villages of Nam Giang and Tay Giang districts with 16 villages", "35 دیہات"),
             counterpart="sekong"),
    # the Lao side of the same twinning, stated in the same sentence
    Expected("sekong", "twinned_villages", "16", None, "exact", "count", *NONE, "unspecified",
             qn("with 16 villages of Dac Chung and Ka Lum districts", "کا لم اضلاع کے 16 گاؤں"),
             counterpart="quang_nam"),
    Expected("quang_nam", "foreign_ngos", "77", None, "exact", "count", *NONE, "unspecified",
             qn("77 foreign non-governmental organizations (NGOs)", "77 غیر ملکی غیر سرکاری تنظیمیں")),
    Expected("quang_nam", "delegations_incoming", "150", "250", "about", "count", *NONE, "per_year",
             qn("about 150 - 250 delegations", "تقریباً 150 سے 250 وفود")),
    Expected("quang_nam", "visitors", "1500", "2500", "about", "count", *NONE, "per_year",
             qn("about 1,500 - 2,500 visitors", "تقریباً 1,500 سے 2,500 مہمانوں")),
    Expected("quang_nam", "aid_received", "43000000", None, "more_than", "USD", *QN_PERIOD, "range",
             qn("more than 43 million USD", "43 ملین امریکی ڈالر سے زیادہ")),
    Expected("quang_nam", "aid_received", "1000000000000", None, "more_than", "VND", *QN_PERIOD, "range",
             qn("equivalent to more than 1,000 billion VND", "1,000 بلین VND کے برابر")),
    Expected("quang_nam", "programmes_projects", "489", None, "exact", "count", *QN_PERIOD, "range",
             qn("through 489 programs, projects and non-projects", "489 پروگراموں، منصوبوں اور غیر منصوبوں")),
    # --- Vietnam and Son La (002 Malay, conference of 12 April 2024) ---------------
    Expected("vn", "aid_disbursed", "228700000", None, "more_than", "USD", *Y2023, "range",
             ((D002_MS, "mencecah lebih AS$228.7 juta"),)),
    Expected("vn", "aid_change", "4900000", None, "exact", "USD", *Y2023, "range",
             ((D002_MS, "peningkatan sebanyak AS$4.9 juta berbanding tahun 2022"),),
             base=(D(2022, 1, 1), D(2022, 12, 31))),
    Expected("vn", "aid_disbursed", "223800000", None, "more_than", "USD", D(2022, 1, 1), D(2022, 12, 31), "range",
             ((D002_MS, "AS$228.7 juta, peningkatan sebanyak AS$4.9 juta"),),
             derived=True, derivation_has=("228.7", "4.9", "223.8")),
    Expected("son_la", "foreign_ngos", "31", None, "exact", "count", D(2024, 4, 12), D(2024, 4, 12), "as_of",
             ((D002_MS, "terdapat 31 pertubuhan bukan kerajaan (NGO) asing yang berdaftar"),)),
    Expected("son_la", "programmes_projects", "6", None, "exact", "count", *Y2023, "range",
             ((D002_MS, "Son La menerima 6 program, projek dan geran bantuan"),)),
    Expected("son_la", "aid_committed", "4900000", None, "nearly", "USD", *Y2023, "range",
             ((D002_MS, "nilai komitmen hampir 4.9 juta USD"),)),
    # --- Emulation Cluster II (003 Hindi, first half of 2024) ----------------------
    Expected("emulation_cluster_2", "group_members", "17", None, "exact", "count", *H1_2024, "range",
             ((D003_HI, "एमुलेशन क्लस्टर नंबर 2 के 17 सदस्यों"),)),
    Expected("emulation_cluster_2", "delegations_outgoing", "400", None, "about", "count", *H1_2024, "range",
             ((D003_HI, "लगभग 400 निवर्तमान प्रतिनिधिमंडल"),)),
    Expected("emulation_cluster_2", "delegations_incoming", "360", None, "about", "count", *H1_2024, "range",
             ((D003_HI, "लगभग 360 आने वाले प्रतिनिधिमंडल"),)),
    Expected("emulation_cluster_2", "international_agreements", "14", None, "exact", "count", *H1_2024, "range",
             ((D003_HI, "14 नए अंतर्राष्ट्रीय समझौतों"),)),
    Expected("emulation_cluster_2", "programmes_projects", "100", None, "about", "count", *H1_2024, "range",
             ((D003_HI, "लगभग 100 विदेशी गैर-सरकारी परियोजनाएँ"),)),
    Expected("emulation_cluster_2", "aid_committed", "1000000", None, "more_than", "USD", *H1_2024, "range",
             ((D003_HI, "1 मिलियन अमेरिकी डॉलर से अधिक"),)),
    Expected("emulation_cluster_2", "consular_cases", "52", None, "exact", "count", *H1_2024, "range",
             ((D003_HI, "52 कांसुलर मामलों"),)),
    Expected("emulation_cluster_2", "citizen_protection_cases", "38", None, "exact", "count", *H1_2024, "range",
             ((D003_HI, "38 नागरिक सुरक्षा मामलों"),)),
    Expected("emulation_cluster_2", "abtc_applications", "12", None, "exact", "count", *H1_2024, "range",
             ((D003_HI, "12 आवेदनों"),)),
    Expected("emulation_cluster_2", "localities_above_average_growth", "10", None, "exact", "count", *NONE,
             "unspecified", ((D003_HI, "10 क्षेत्रों की विकास दर औसत से अधिक"),)),
    Expected("emulation_cluster_2", "localities_leading_grdp", "5", None, "exact", "count", *NONE,
             "unspecified", ((D003_HI, "5 क्षेत्रों की सकल घरेलू उत्पाद (GRDP) देश में अग्रणी"),)),
    # --- Can Tho, pre-2025 city (004 Urdu) -----------------------------------------
    Expected("can_tho", "mous", "124", None, "exact", "count", *CT_20Y, "range",
             ((D004_UR_CT, "124 مفاہمت کی یادداشتوں"),)),
    Expected("can_tho", "foreign_ngos", "40", None, "more_than", "count", *CT_20Y, "range",
             ((D004_UR_CT, "40 سے زائد شراکت داروں"),)),
    Expected("can_tho", "programmes_projects", "50", None, "about", "count", *CT_20Y, "range",
             ((D004_UR_CT, "تقریباً 50 غیر سرکاری منصوبوں"),)),
    Expected("can_tho", "international_memberships", "3", None, "exact", "count",
             D(2016, 9, 1), D(2019, 2, 28), "range",
             ((D004_UR_CT, "تین بین الاقوامی تنظیموں میں شمولیت"),)),
    Expected("can_tho", "events", "500", None, "more_than", "count", *NONE, "unspecified",
             ((D004_UR_CT, "500 سے زیادہ کانفرنسوں"),)),
]

# What sources.csv must say about each document (checked through adb.sources()).
SOURCES = {
    D000_UR_QN: dict(language="ur", publisher_has="baoquangnam.vn", published=None,
                     url="https://baoquangnam.vn/giai-doan-2019-2024-cac-to-chuc-ca-nhan-nuoc-ngoai-tai-tro-"
                         "quang-nam-hon-1-000-ty-dong-3146580.html"),
    D001_EN_QN: dict(language="en", publisher_has="baoquangnam.vn", published=None,
                     url="https://baoquangnam.vn/giai-doan-2019-2024-cac-to-chuc-ca-nhan-nuoc-ngoai-tai-tro-"
                         "quang-nam-hon-1-000-ty-dong-3146580.html"),
    D002_MS: dict(language="ms", publisher_has="Vietnam.vn", published=D(2024, 4, 12), url=None),
    D003_HI: dict(language="hi", publisher_has="kinhtedothi.vn", published=None,
                  url="https://kinhtedothi.vn/doi-ngoai-dia-phuong-dong-gop-manh-me-vao-su-nghiep-phat-trien-chung.html"),
    D004_UR_CT: dict(language="ur", publisher_has=None, published=None, url=None),
}


def _document(file: str) -> str:
    return (SEEDS_DIR / file).read_text(encoding="utf-8")


def _seed_unit_codes() -> list[str]:
    with open(SEED_DATA / "units.csv", encoding="utf-8", newline="") as fh:
        return [row["code"] for row in csv.DictReader(fh)]


def _all_figures(adb):
    """Every figure in the database: each unit's own figures, no predecessors' (nor
    other units' figures that name it as their counterpart)."""
    out = []
    for code in _seed_unit_codes():
        out.extend(m.figure for m in adb.figures(code, include_predecessors=False) if m.figure.unit_code == code)
    return out


def _key(figure):
    return (figure.unit_code, figure.metric, figure.unit, figure.period_start, figure.period_end)


# --- the manifest itself ---------------------------------------------------------------

def test_manifest_keys_are_unique():
    keys = [e.key for e in MANIFEST]
    assert len(keys) == len(set(keys)) == 33


@pytest.mark.parametrize("expected", MANIFEST, ids=str)
def test_manifest_pieces_are_in_the_documents(expected):
    for file, piece in expected.cites:
        assert piece in _document(file), f"{piece!r} is not in {file}"


# --- each figure, through the public API ---------------------------------------------------

@pytest.mark.parametrize("expected", MANIFEST, ids=str)
def test_figure_is_served_with_its_sources(adb, expected):
    matches = [m for m in adb.figures(expected.unit, metric=expected.metric, include_predecessors=False)
               if (m.figure.unit_code, m.figure.unit, m.figure.period_start, m.figure.period_end)
               == (expected.unit, expected.uom, expected.start, expected.end)]
    assert len(matches) == 1, f"{expected}: {len(matches)} matching figures"
    match = matches[0]
    fig = match.figure
    assert match.relation == "any"                      # no period asked
    assert fig.unit_code == expected.unit and fig.metric == expected.metric
    assert isinstance(fig.value_low, Decimal)
    assert fig.value_low == Decimal(expected.low)
    if expected.high is None:
        assert fig.value_high is None
    else:
        assert isinstance(fig.value_high, Decimal) and fig.value_high == Decimal(expected.high)
    assert fig.qualifier == expected.qualifier
    assert fig.period_kind == expected.kind
    assert fig.counterpart_unit == expected.counterpart
    assert (fig.base_period_start, fig.base_period_end) == expected.base
    assert fig.derived is expected.derived
    if expected.derived:
        assert fig.derivation and all(p in fig.derivation for p in expected.derivation_has)
    else:
        assert not fig.derivation
    # one citation per document that states it, each carrying the distinctive piece
    by_doc = {}
    for citation in fig.citations:
        by_doc.setdefault(_source_file(citation.source.id), []).append(citation)
    assert sorted(by_doc) == sorted(f for f, _ in expected.cites)
    for file, piece in expected.cites:
        (citation,) = by_doc[file]
        assert piece in citation.quote, f"{expected}: {piece!r} not in quote {citation.quote!r}"
        assert citation.quote in _document(file)


def _source_files() -> dict[str, str]:
    with open(SEED_DATA / "sources.csv", encoding="utf-8", newline="") as fh:
        return {row["id"]: row["file"] for row in csv.DictReader(fh)}


def _source_file(source_id: str) -> str:
    """Source id -> seed document file, from the seed's sources.csv (SourceInfo has no file)."""
    return _source_files()[source_id]


# --- the whole database against the manifest ---------------------------------------------

def test_no_figure_missing_either_way(adb):
    served = _all_figures(adb)
    served_keys = [_key(f) for f in served]
    assert len(served_keys) == len(set(served_keys)), "two figures with the same unit/metric/unit/period"
    assert set(served_keys) == {e.key for e in MANIFEST}
    assert len(served) == len(MANIFEST)


def test_every_served_quote_is_verbatim(adb):
    served = _all_figures(adb)
    assert served
    documents = {s.id: _document(_source_file(s.id)) for s in adb.sources()}
    for fig in served:
        assert fig.citations, f"{fig.id} has no citation"
        ids = [c.source.id for c in fig.citations]
        assert len(ids) == len(set(ids)), f"{fig.id}: two citations from one document"
        for c in fig.citations:
            assert c.quote.strip() == c.quote and c.quote
            assert c.quote in documents[c.source.id], f"{fig.id}: quote not verbatim in {c.source.id}"


def test_every_seed_citation_is_verbatim_in_the_csv():
    files = _source_files()
    with open(SEED_DATA / "citations.csv", encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == sum(len(e.cites) for e in MANIFEST) == 44
    for row in rows:
        assert row["quote"] in _document(files[row["source_id"]]), row


def test_only_the_derived_figures_are_derived(adb):
    derived = sorted((f.unit_code, f.metric, str(f.period_start)) for f in _all_figures(adb) if f.derived)
    assert derived == [("quang_nam", "partner_countries", "None"), ("vn", "aid_disbursed", "2022-01-01")]
    (f2022,) = [m.figure for m in adb.figures("vn", metric="aid_disbursed") if m.figure.derived]
    assert "228.7" in f2022.derivation and "4.9" in f2022.derivation and "223.8" in f2022.derivation
    # the arithmetic itself holds against the stated figures
    (f2023,) = [m.figure for m in adb.figures("vn", metric="aid_disbursed") if not m.figure.derived]
    (change,) = [m.figure for m in adb.figures("vn", metric="aid_change")]
    assert f2023.value_low - change.value_low == f2022.value_low == Decimal("223800000")
    assert f2022.qualifier == f2023.qualifier == "more_than"


def test_sources(adb):
    sources = adb.sources()
    assert len(sources) == 5
    assert {s.id for s in sources} == set(_source_files())
    by_file = {_source_file(s.id): s for s in sources}
    assert set(by_file) == set(ALL_DOCS)
    for file, want in SOURCES.items():
        s = by_file[file]
        assert s.language == want["language"], file
        assert s.url == want["url"], file
        assert s.published == want["published"], file
        assert s.title and s.note, file
        if want["publisher_has"]:
            assert s.publisher and want["publisher_has"] in s.publisher, file
        else:
            assert not s.publisher, file
    assert "sonla.gov.vn" in by_file[D002_MS].publisher and "Quoc Tuan" in by_file[D002_MS].publisher
    assert "VNA" in by_file[D004_UR_CT].note
    assert "31 Oct 2024" in by_file[D001_EN_QN].note and "31 Oct 2024" in by_file[D000_UR_QN].note


def test_quang_nam_figures_reach_its_successor(adb):
    """Da Nang (2025) answers with Quang Nam's figures, labelled as Quang Nam's."""
    inherited = [m.figure for m in adb.figures("da_nang_2025", metric="aid_received")]
    assert sorted((f.unit_code, f.unit, f.value_low) for f in inherited) == [
        ("quang_nam", "USD", Decimal("43000000")), ("quang_nam", "VND", Decimal("1000000000000"))]
    assert not adb.figures("da_nang_2025", metric="aid_received", include_predecessors=False)
    can_tho_2025 = {(m.figure.unit_code, m.figure.metric) for m in adb.figures("can_tho_2025")}
    assert can_tho_2025 == {("can_tho", m) for m in
                            ("mous", "foreign_ngos", "programmes_projects", "international_memberships", "events")}
