"""foreign places (unit kinds, parent), figure counterparts, base periods of stated
changes, listed items of figures, source titles per language, data version

Revision ID: 0002
Revises: 0001
Create Date: 2025-07-15
"""
import uuid

from alembic import op
import sqlalchemy as sa

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

OLD_KINDS = ('country', 'province', 'city', 'group')
NEW_KINDS = OLD_KINDS + ('foreign_country', 'foreign_province')
FOREIGN_KINDS = ('foreign_country', 'foreign_province')
DESCRIPTIVE_MARKER = ' (descriptive title)'


def _kinds_check(kinds) -> str:
    return f"kind IN ({', '.join(repr(k) for k in kinds)})"


def upgrade() -> None:
    with op.batch_alter_table('admin_unit') as batch:
        batch.add_column(sa.Column('parent_code', sa.String(length=64), nullable=True))
        batch.drop_constraint('ck_admin_unit_kind', type_='check')
        batch.create_check_constraint('ck_admin_unit_kind', _kinds_check(NEW_KINDS))
        batch.create_check_constraint('ck_admin_unit_parent', 'parent_code IS NULL OR parent_code <> code')
        batch.create_foreign_key('fk_admin_unit_parent', 'admin_unit', ['parent_code'], ['code'])
        batch.create_index('ix_admin_unit_parent', ['parent_code'])

    with op.batch_alter_table('reported_figure') as batch:
        batch.add_column(sa.Column('counterpart_unit', sa.String(length=64), nullable=True))
        batch.add_column(sa.Column('base_period_start', sa.Date(), nullable=True))
        batch.add_column(sa.Column('base_period_end', sa.Date(), nullable=True))
        batch.create_foreign_key('fk_reported_figure_counterpart', 'admin_unit', ['counterpart_unit'], ['code'])
        batch.create_check_constraint('ck_reported_figure_counterpart',
                                      'counterpart_unit IS NULL OR counterpart_unit <> unit_code')
        batch.create_check_constraint(
            'ck_reported_figure_base_period',
            'base_period_start IS NULL OR base_period_end IS NULL OR base_period_end >= base_period_start')
        batch.create_index('ix_reported_figure_counterpart', ['counterpart_unit'])

    with op.batch_alter_table('source') as batch:
        batch.add_column(sa.Column('title_is_descriptive', sa.Boolean(), server_default=sa.false(),
                                   nullable=False))
    # titles that carried the marker in their text get the flag instead
    source = sa.table('source', sa.column('id', sa.String), sa.column('title', sa.Text),
                      sa.column('title_is_descriptive', sa.Boolean))
    conn = op.get_bind()
    for sid, title in conn.execute(sa.select(source.c.id, source.c.title)).all():
        if title and title.endswith(DESCRIPTIVE_MARKER):
            conn.execute(source.update().where(source.c.id == sid).values(
                title=title[:-len(DESCRIPTIVE_MARKER)].rstrip(), title_is_descriptive=True))

    op.create_table('source_title',
    sa.Column('source_id', sa.String(length=64), nullable=False),
    sa.Column('lang', sa.String(length=8), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('source_id', 'lang')
    )
    op.create_table('figure_item',
    sa.Column('figure_id', sa.String(length=64), nullable=False),
    sa.Column('position', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('kind', sa.String(length=8), nullable=False),
    sa.Column('code', sa.String(length=64), nullable=True),
    sa.Column('name', sa.Text(), nullable=True),
    sa.CheckConstraint("kind IN ('country', 'unit', 'name')", name='ck_figure_item_kind'),
    sa.CheckConstraint('position >= 1', name='ck_figure_item_position'),
    sa.CheckConstraint("(kind = 'name' AND name IS NOT NULL) OR (kind <> 'name' AND code IS NOT NULL)",
                       name='ck_figure_item_value'),
    sa.ForeignKeyConstraint(['figure_id'], ['reported_figure.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('figure_id', 'position')
    )
    data_version = op.create_table('data_version',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('token', sa.String(length=32), nullable=False),
    sa.Column('seed_digest', sa.String(length=64), nullable=True),
    sa.Column('changed_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint('id = 1', name='ck_data_version_single_row'),
    sa.PrimaryKeyConstraint('id')
    )
    op.bulk_insert(data_version, [{'id': 1, 'version': 0, 'token': uuid.uuid4().hex,
                                   'seed_digest': None, 'changed_at': None}])


def downgrade() -> None:
    op.drop_table('data_version')
    op.drop_table('figure_item')
    op.drop_table('source_title')

    source = sa.table('source', sa.column('id', sa.String), sa.column('title', sa.Text),
                      sa.column('title_is_descriptive', sa.Boolean))
    conn = op.get_bind()
    for sid, title in conn.execute(sa.select(source.c.id, source.c.title)
                                   .where(source.c.title_is_descriptive == sa.true())).all():
        conn.execute(source.update().where(source.c.id == sid).values(title=title + DESCRIPTIVE_MARKER))
    with op.batch_alter_table('source') as batch:
        batch.drop_column('title_is_descriptive')

    with op.batch_alter_table('reported_figure') as batch:
        batch.drop_index('ix_reported_figure_counterpart')
        batch.drop_constraint('ck_reported_figure_base_period', type_='check')
        batch.drop_constraint('ck_reported_figure_counterpart', type_='check')
        batch.drop_constraint('fk_reported_figure_counterpart', type_='foreignkey')
        batch.drop_column('base_period_end')
        batch.drop_column('base_period_start')
        batch.drop_column('counterpart_unit')

    # revision 0001 knows no foreign places: remove them and everything that refers to
    # them (explicitly: SQLite migrates with foreign keys off, so nothing cascades)
    foreign = sa.text("SELECT code FROM admin_unit WHERE kind IN ('foreign_country', 'foreign_province')")
    figures = f"SELECT id FROM reported_figure WHERE unit_code IN ({foreign.text})"
    activities = f"SELECT id FROM activity WHERE unit_code IN ({foreign.text})"
    for statement in (
            f"DELETE FROM figure_citation WHERE figure_id IN ({figures})",
            f"DELETE FROM reported_figure WHERE unit_code IN ({foreign.text})",
            f"DELETE FROM participating_org WHERE activity_id IN ({activities})",
            f"DELETE FROM iati_transaction WHERE unit_code IN ({foreign.text})",
            f"DELETE FROM transaction_monthly WHERE unit_code IN ({foreign.text})",
            f"DELETE FROM activity WHERE unit_code IN ({foreign.text})",
            f"DELETE FROM unit_name WHERE unit_code IN ({foreign.text})",
            f"DELETE FROM unit_alias WHERE unit_code IN ({foreign.text})",
            f"DELETE FROM unit_succession WHERE predecessor IN ({foreign.text}) OR successor IN ({foreign.text})",
            f"DELETE FROM unit_group_member WHERE group_code IN ({foreign.text}) OR member_code IN ({foreign.text})",
            "UPDATE admin_unit SET parent_code = NULL",
            "DELETE FROM admin_unit WHERE kind IN ('foreign_country', 'foreign_province')"):
        op.execute(statement)
    with op.batch_alter_table('admin_unit') as batch:
        batch.drop_index('ix_admin_unit_parent')
        batch.drop_constraint('fk_admin_unit_parent', type_='foreignkey')
        batch.drop_constraint('ck_admin_unit_parent', type_='check')
        batch.drop_constraint('ck_admin_unit_kind', type_='check')
        batch.create_check_constraint('ck_admin_unit_kind', _kinds_check(OLD_KINDS))
        batch.drop_column('parent_code')
