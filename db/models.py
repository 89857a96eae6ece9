"""Tables of the aid database (SQLAlchemy 1.4 declarative; the migration in
`db/migrations/versions` creates exactly these, a test checks they agree)."""
from __future__ import annotations

from sqlalchemy import (
    Boolean, CheckConstraint, Column, Date, DateTime, ForeignKey, Index, Integer, Numeric,
    String, Text, UniqueConstraint, false,
)
from decimal import Decimal

from sqlalchemy.orm import declarative_base
from sqlalchemy.types import TypeDecorator

from db.vocabulary import (
    ACTIVITY_STATUSES, FIGURE_ITEM_KINDS, ORG_ROLES, PERIOD_KINDS, QUALIFIERS, TRANSACTION_TYPES,
    UNIT_KINDS, UNITS_OF_MEASURE,
)

Base = declarative_base()

class ExactNumeric(TypeDecorator):
    """NUMERIC that always yields Decimal. PostgreSQL stores it exactly; SQLite has
    no decimal type and keeps a number (at most 15 significant digits here), which
    is read back through str() so 4.9 stays Decimal("4.9")."""
    impl = Numeric
    cache_ok = True

    def load_dialect_impl(self, dialect):
        if dialect.name == "sqlite":
            return dialect.type_descriptor(Numeric(self.impl.precision, self.impl.scale, asdecimal=False))
        return dialect.type_descriptor(self.impl)

    def process_bind_param(self, value, dialect):
        if value is not None and dialect.name == "sqlite":
            return str(value)  # SQLite's NUMERIC affinity turns the text into a number
        return value

    def process_result_value(self, value, dialect):
        if value is None or isinstance(value, Decimal):
            return value
        return Decimal(str(value))


# Money and counts: exact decimals, never floats.
FigureValue = ExactNumeric(24, 4)
MoneyValue = ExactNumeric(20, 2)


def _in(column: str, values) -> str:
    return f"{column} IN ({', '.join(repr(v) for v in values)})"


class AdminUnit(Base):
    __tablename__ = "admin_unit"
    code = Column(String(64), primary_key=True)
    kind = Column(String(16), nullable=False)
    valid_from = Column(Date)
    valid_to = Column(Date)
    # The unit this one lies in, recorded where it matters: a foreign province's
    # country (sekong -> laos). Vietnamese provinces leave it empty (they are in vn).
    parent_code = Column(String(64), ForeignKey("admin_unit.code", name="fk_admin_unit_parent"))
    __table_args__ = (
        CheckConstraint(_in("kind", UNIT_KINDS), name="ck_admin_unit_kind"),
        CheckConstraint("parent_code IS NULL OR parent_code <> code", name="ck_admin_unit_parent"),
        Index("ix_admin_unit_parent", "parent_code"),
    )


class UnitName(Base):
    """One display name per unit and language."""
    __tablename__ = "unit_name"
    unit_code = Column(String(64), ForeignKey("admin_unit.code", ondelete="CASCADE"), primary_key=True)
    lang = Column(String(8), primary_key=True)
    name = Column(Text, nullable=False)


class UnitAlias(Base):
    """Extra spellings in any script; `normalized` is computed by db.normalize at load time."""
    __tablename__ = "unit_alias"
    id = Column(Integer, primary_key=True, autoincrement=True)
    unit_code = Column(String(64), ForeignKey("admin_unit.code", ondelete="CASCADE"), nullable=False)
    alias = Column(Text, nullable=False)
    normalized = Column(Text, nullable=False)
    __table_args__ = (
        UniqueConstraint("unit_code", "alias", name="uq_unit_alias"),
        Index("ix_unit_alias_normalized", "normalized"),
    )


class UnitSuccession(Base):
    __tablename__ = "unit_succession"
    predecessor = Column(String(64), ForeignKey("admin_unit.code", ondelete="CASCADE"), primary_key=True)
    successor = Column(String(64), ForeignKey("admin_unit.code", ondelete="CASCADE"), primary_key=True)
    effective_date = Column(Date, nullable=False)
    legal_basis = Column(Text)
    __table_args__ = (
        CheckConstraint("predecessor <> successor", name="ck_unit_succession_distinct"),
        Index("ix_unit_succession_successor", "successor"),
    )


class UnitGroupMember(Base):
    __tablename__ = "unit_group_member"
    group_code = Column(String(64), ForeignKey("admin_unit.code", ondelete="CASCADE"), primary_key=True)
    member_code = Column(String(64), ForeignKey("admin_unit.code", ondelete="CASCADE"), primary_key=True)
    __table_args__ = (Index("ix_unit_group_member_member", "member_code"),)


class Source(Base):
    __tablename__ = "source"
    id = Column(String(64), primary_key=True)
    file = Column(Text, nullable=False)           # seed document name in SEEDS_DIR
    title = Column(Text, nullable=False)
    publisher = Column(Text)
    url = Column(Text)
    published = Column(Date)
    language = Column(String(8), nullable=False)
    note = Column(Text)
    # True when the document has no title and `title` is ours (descriptive).
    title_is_descriptive = Column(Boolean, nullable=False, default=False, server_default=false())


class SourceTitle(Base):
    """A short title of a source in one language (the original stays in source.title)."""
    __tablename__ = "source_title"
    source_id = Column(String(64), ForeignKey("source.id", ondelete="CASCADE"), primary_key=True)
    lang = Column(String(8), primary_key=True)
    title = Column(Text, nullable=False)


class ReportedFigure(Base):
    """A number stated (or derived from statements) in a source document."""
    __tablename__ = "reported_figure"
    id = Column(String(64), primary_key=True)
    unit_code = Column(String(64), ForeignKey("admin_unit.code"), nullable=False)
    metric = Column(String(64), nullable=False)
    value_low = Column(FigureValue, nullable=False)
    value_high = Column(FigureValue)
    qualifier = Column(String(16), nullable=False)
    unit_of_measure = Column(String(8), nullable=False)
    period_start = Column(Date)
    period_end = Column(Date)
    period_kind = Column(String(16), nullable=False)
    derived = Column(Boolean, nullable=False, default=False)
    derivation = Column(Text)
    note = Column(Text)
    # "seed" rows are replaced by `python -m db seed`; "import" rows by nobody.
    origin = Column(String(8), nullable=False, default="seed")
    # The other side of a figure about a relation between two places (Quang Nam's
    # 35 villages twinned with Sekong: unit quang_nam, counterpart sekong).
    counterpart_unit = Column(String(64), ForeignKey("admin_unit.code", name="fk_reported_figure_counterpart"))
    # A stated change: the earlier period the change is measured against.
    base_period_start = Column(Date)
    base_period_end = Column(Date)
    __table_args__ = (
        CheckConstraint(_in("qualifier", QUALIFIERS), name="ck_reported_figure_qualifier"),
        CheckConstraint(_in("unit_of_measure", UNITS_OF_MEASURE), name="ck_reported_figure_uom"),
        CheckConstraint(_in("period_kind", PERIOD_KINDS), name="ck_reported_figure_period_kind"),
        CheckConstraint(_in("origin", ("seed", "import")), name="ck_reported_figure_origin"),
        CheckConstraint("value_high IS NULL OR value_high >= value_low", name="ck_reported_figure_range"),
        CheckConstraint("period_start IS NULL OR period_end IS NULL OR period_end >= period_start",
                        name="ck_reported_figure_period"),
        Index("ix_reported_figure_unit_metric", "unit_code", "metric"),
        Index("ix_reported_figure_metric", "metric"),
        CheckConstraint("counterpart_unit IS NULL OR counterpart_unit <> unit_code",
                        name="ck_reported_figure_counterpart"),
        CheckConstraint("base_period_start IS NULL OR base_period_end IS NULL OR base_period_end >= base_period_start",
                        name="ck_reported_figure_base_period"),
        Index("ix_reported_figure_counterpart", "counterpart_unit"),
    )


class FigureItem(Base):
    """What a figure lists, in the source's order (Quang Nam's partner countries,
    Can Tho's three organisations, the cluster's 17 members)."""
    __tablename__ = "figure_item"
    figure_id = Column(String(64), ForeignKey("reported_figure.id", ondelete="CASCADE"), primary_key=True)
    position = Column(Integer, primary_key=True, autoincrement=False)   # 1, 2, ...
    kind = Column(String(8), nullable=False)
    code = Column(String(64))    # ISO 3166-1 alpha-2 for a country, admin_unit.code for a unit
    name = Column(Text)          # the name for kind "name"
    __table_args__ = (
        CheckConstraint(_in("kind", FIGURE_ITEM_KINDS), name="ck_figure_item_kind"),
        CheckConstraint("position >= 1", name="ck_figure_item_position"),
        CheckConstraint("(kind = 'name' AND name IS NOT NULL) OR (kind <> 'name' AND code IS NOT NULL)",
                        name="ck_figure_item_value"),
    )


class FigureCitation(Base):
    """One row per document stating a figure (the same text may appear in several)."""
    __tablename__ = "figure_citation"
    figure_id = Column(String(64), ForeignKey("reported_figure.id", ondelete="CASCADE"), primary_key=True)
    source_id = Column(String(64), ForeignKey("source.id"), primary_key=True)
    quote = Column(Text, nullable=False)
    __table_args__ = (Index("ix_figure_citation_source", "source_id"),)


class DataVersion(Base):
    """One row whose token changes whenever the seed or an import changes the data,
    so that long-running processes know when to drop their caches (db.api)."""
    __tablename__ = "data_version"
    id = Column(Integer, primary_key=True, autoincrement=False)   # always 1
    version = Column(Integer, nullable=False)     # counts changes
    token = Column(String(32), nullable=False)    # random per change: differs even after a rebuilt database
    seed_digest = Column(String(64))              # sha256 of the last seed written (unchanged seed = no change)
    changed_at = Column(DateTime(timezone=True))
    __table_args__ = (CheckConstraint("id = 1", name="ck_data_version_single_row"),)


# --- IATI-compatible project-level subset -----------------------------------

class Activity(Base):
    __tablename__ = "activity"
    id = Column(Integer, primary_key=True, autoincrement=True)
    iati_identifier = Column(String(128), nullable=False, unique=True)
    title = Column(Text, nullable=False)
    status = Column(Integer, nullable=False)
    planned_start = Column(Date)
    planned_end = Column(Date)
    actual_start = Column(Date)
    actual_end = Column(Date)
    dac_sector = Column(String(5))
    unit_code = Column(String(64), ForeignKey("admin_unit.code"), nullable=False)
    is_synthetic = Column(Boolean, nullable=False, default=False)
    __table_args__ = (
        CheckConstraint(_in("status", ACTIVITY_STATUSES), name="ck_activity_status"),
        Index("ix_activity_unit", "unit_code", "is_synthetic"),
    )


class ParticipatingOrg(Base):
    __tablename__ = "participating_org"
    id = Column(Integer, primary_key=True, autoincrement=True)
    activity_id = Column(Integer, ForeignKey("activity.id", ondelete="CASCADE"), nullable=False)
    name = Column(Text, nullable=False)
    ref = Column(String(128))
    role = Column(Integer, nullable=False)
    __table_args__ = (
        CheckConstraint(_in("role", ORG_ROLES), name="ck_participating_org_role"),
        Index("ix_participating_org_activity", "activity_id"),
    )


class IatiTransaction(Base):
    """A commitment or disbursement. `unit_code`, `dac_sector`, `is_synthetic` and
    `month` copy the activity's values (written together by db.iati_write) so
    that date-range sums need no join at a million rows."""
    __tablename__ = "iati_transaction"
    id = Column(Integer, primary_key=True, autoincrement=True)
    activity_id = Column(Integer, ForeignKey("activity.id", ondelete="CASCADE"), nullable=False)
    tx_type = Column(Integer, nullable=False)
    tx_date = Column(Date, nullable=False)
    value = Column(MoneyValue, nullable=False)
    currency = Column(String(3), nullable=False)
    unit_code = Column(String(64), ForeignKey("admin_unit.code"), nullable=False)
    dac_sector = Column(String(5))
    is_synthetic = Column(Boolean, nullable=False, default=False)
    month = Column(Date, nullable=False)  # first day of tx_date's month
    __table_args__ = (
        CheckConstraint(_in("tx_type", TRANSACTION_TYPES), name="ck_iati_transaction_type"),
        Index("ix_iati_transaction_activity", "activity_id"),
        Index("ix_iati_transaction_unit_date", "unit_code", "tx_type", "tx_date"),
        # covering: partial-month edges of a ranking read no table rows
        Index("ix_iati_transaction_type_date", "tx_type", "tx_date", "currency", "is_synthetic",
              "unit_code", "value"),
    )


class TransactionMonthly(Base):
    """Monthly sums of iati_transaction, rebuilt by db.iati_write after every write."""
    __tablename__ = "transaction_monthly"
    unit_code = Column(String(64), ForeignKey("admin_unit.code"), primary_key=True)
    tx_type = Column(Integer, primary_key=True)
    month = Column(Date, primary_key=True)
    currency = Column(String(3), primary_key=True)
    dac_sector = Column(String(5), primary_key=True)   # '' when the activity has none
    is_synthetic = Column(Boolean, primary_key=True)
    total = Column(MoneyValue, nullable=False)
    tx_count = Column(Integer, nullable=False)
    __table_args__ = (
        # covering index for rankings: one currency, a range of months, all units
        Index("ix_transaction_monthly_rank", "tx_type", "currency", "month", "is_synthetic",
              "unit_code", "total", "tx_count"),
    )
