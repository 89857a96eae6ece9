"""initial schema: admin units and names, sources, reported figures with citations,
IATI activities/orgs/transactions and their monthly aggregate

Revision ID: 0001
Revises: 
Create Date: 2025-07-01
"""
from alembic import op
import sqlalchemy as sa

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('admin_unit',
    sa.Column('code', sa.String(length=64), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.CheckConstraint("kind IN ('country', 'province', 'city', 'group')", name='ck_admin_unit_kind'),
    sa.PrimaryKeyConstraint('code')
    )
    op.create_table('source',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('file', sa.Text(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('publisher', sa.Text(), nullable=True),
    sa.Column('url', sa.Text(), nullable=True),
    sa.Column('published', sa.Date(), nullable=True),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('note', sa.Text(), nullable=True),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_table('activity',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('iati_identifier', sa.String(length=128), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('status', sa.Integer(), nullable=False),
    sa.Column('planned_start', sa.Date(), nullable=True),
    sa.Column('planned_end', sa.Date(), nullable=True),
    sa.Column('actual_start', sa.Date(), nullable=True),
    sa.Column('actual_end', sa.Date(), nullable=True),
    sa.Column('dac_sector', sa.String(length=5), nullable=True),
    sa.Column('unit_code', sa.String(length=64), nullable=False),
    sa.Column('is_synthetic', sa.Boolean(), nullable=False),
    sa.CheckConstraint('status IN (1, 2, 3, 4, 5, 6)', name='ck_activity_status'),
    sa.ForeignKeyConstraint(['unit_code'], ['admin_unit.code'], ),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('iati_identifier')
    )
    op.create_index('ix_activity_unit', 'activity', ['unit_code', 'is_synthetic'])
    op.create_table('reported_figure',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('unit_code', sa.String(length=64), nullable=False),
    sa.Column('metric', sa.String(length=64), nullable=False),
    sa.Column('value_low', sa.Numeric(precision=24, scale=4), nullable=False),
    sa.Column('value_high', sa.Numeric(precision=24, scale=4), nullable=True),
    sa.Column('qualifier', sa.String(length=16), nullable=False),
    sa.Column('unit_of_measure', sa.String(length=8), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=True),
    sa.Column('period_end', sa.Date(), nullable=True),
    sa.Column('period_kind', sa.String(length=16), nullable=False),
    sa.Column('derived', sa.Boolean(), nullable=False),
    sa.Column('derivation', sa.Text(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.Column('origin', sa.String(length=8), nullable=False),
    sa.CheckConstraint("origin IN ('seed', 'import')", name='ck_reported_figure_origin'),
    sa.CheckConstraint("period_kind IN ('range', 'per_year', 'as_of', 'unspecified')", name='ck_reported_figure_period_kind'),
    sa.CheckConstraint("qualifier IN ('exact', 'about', 'more_than', 'nearly', 'at_least', 'less_than')", name='ck_reported_figure_qualifier'),
    sa.CheckConstraint("unit_of_measure IN ('USD', 'VND', 'count')", name='ck_reported_figure_uom'),
    sa.CheckConstraint('period_start IS NULL OR period_end IS NULL OR period_end >= period_start', name='ck_reported_figure_period'),
    sa.CheckConstraint('value_high IS NULL OR value_high >= value_low', name='ck_reported_figure_range'),
    sa.ForeignKeyConstraint(['unit_code'], ['admin_unit.code'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_reported_figure_metric', 'reported_figure', ['metric'])
    op.create_index('ix_reported_figure_unit_metric', 'reported_figure', ['unit_code', 'metric'])
    op.create_table('transaction_monthly',
    sa.Column('unit_code', sa.String(length=64), nullable=False),
    sa.Column('tx_type', sa.Integer(), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('dac_sector', sa.String(length=5), nullable=False),
    sa.Column('is_synthetic', sa.Boolean(), nullable=False),
    sa.Column('total', sa.Numeric(precision=20, scale=2), nullable=False),
    sa.Column('tx_count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['unit_code'], ['admin_unit.code'], ),
    sa.PrimaryKeyConstraint('unit_code', 'tx_type', 'month', 'currency', 'dac_sector', 'is_synthetic')
    )
    op.create_index('ix_transaction_monthly_rank', 'transaction_monthly',
                    ['tx_type', 'currency', 'month', 'is_synthetic', 'unit_code', 'total', 'tx_count'])
    op.create_table('unit_alias',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('unit_code', sa.String(length=64), nullable=False),
    sa.Column('alias', sa.Text(), nullable=False),
    sa.Column('normalized', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['unit_code'], ['admin_unit.code'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id'),
    sa.UniqueConstraint('unit_code', 'alias', name='uq_unit_alias')
    )
    op.create_index('ix_unit_alias_normalized', 'unit_alias', ['normalized'])
    op.create_table('unit_group_member',
    sa.Column('group_code', sa.String(length=64), nullable=False),
    sa.Column('member_code', sa.String(length=64), nullable=False),
    sa.ForeignKeyConstraint(['group_code'], ['admin_unit.code'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['member_code'], ['admin_unit.code'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('group_code', 'member_code')
    )
    op.create_index('ix_unit_group_member_member', 'unit_group_member', ['member_code'])
    op.create_table('unit_name',
    sa.Column('unit_code', sa.String(length=64), nullable=False),
    sa.Column('lang', sa.String(length=8), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['unit_code'], ['admin_unit.code'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('unit_code', 'lang')
    )
    op.create_table('unit_succession',
    sa.Column('predecessor', sa.String(length=64), nullable=False),
    sa.Column('successor', sa.String(length=64), nullable=False),
    sa.Column('effective_date', sa.Date(), nullable=False),
    sa.Column('legal_basis', sa.Text(), nullable=True),
    sa.CheckConstraint('predecessor <> successor', name='ck_unit_succession_distinct'),
    sa.ForeignKeyConstraint(['predecessor'], ['admin_unit.code'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['successor'], ['admin_unit.code'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('predecessor', 'successor')
    )
    op.create_index('ix_unit_succession_successor', 'unit_succession', ['successor'])
    op.create_table('figure_citation',
    sa.Column('figure_id', sa.String(length=64), nullable=False),
    sa.Column('source_id', sa.String(length=64), nullable=False),
    sa.Column('quote', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['figure_id'], ['reported_figure.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['source_id'], ['source.id'], ),
    sa.PrimaryKeyConstraint('figure_id', 'source_id')
    )
    op.create_index('ix_figure_citation_source', 'figure_citation', ['source_id'])
    op.create_table('iati_transaction',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('tx_type', sa.Integer(), nullable=False),
    sa.Column('tx_date', sa.Date(), nullable=False),
    sa.Column('value', sa.Numeric(precision=20, scale=2), nullable=False),
    sa.Column('currency', sa.String(length=3), nullable=False),
    sa.Column('unit_code', sa.String(length=64), nullable=False),
    sa.Column('dac_sector', sa.String(length=5), nullable=True),
    sa.Column('is_synthetic', sa.Boolean(), nullable=False),
    sa.Column('month', sa.Date(), nullable=False),
    sa.CheckConstraint('tx_type IN (2, 3)', name='ck_iati_transaction_type'),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['unit_code'], ['admin_unit.code'], ),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_iati_transaction_activity', 'iati_transaction', ['activity_id'])
    op.create_index('ix_iati_transaction_type_date', 'iati_transaction',
                    ['tx_type', 'tx_date', 'currency', 'is_synthetic', 'unit_code', 'value'])
    op.create_index('ix_iati_transaction_unit_date', 'iati_transaction', ['unit_code', 'tx_type', 'tx_date'])
    op.create_table('participating_org',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('activity_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('ref', sa.String(length=128), nullable=True),
    sa.Column('role', sa.Integer(), nullable=False),
    sa.CheckConstraint('role IN (1, 2, 3, 4)', name='ck_participating_org_role'),
    sa.ForeignKeyConstraint(['activity_id'], ['activity.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id')
    )
    op.create_index('ix_participating_org_activity', 'participating_org', ['activity_id'])



def downgrade() -> None:
    op.drop_index('ix_participating_org_activity', table_name='participating_org')
    op.drop_table('participating_org')
    op.drop_index('ix_iati_transaction_unit_date', table_name='iati_transaction')
    op.drop_index('ix_iati_transaction_type_date', table_name='iati_transaction')
    op.drop_index('ix_iati_transaction_activity', table_name='iati_transaction')
    op.drop_table('iati_transaction')
    op.drop_index('ix_figure_citation_source', table_name='figure_citation')
    op.drop_table('figure_citation')
    op.drop_index('ix_unit_succession_successor', table_name='unit_succession')
    op.drop_table('unit_succession')
    op.drop_table('unit_name')
    op.drop_index('ix_unit_group_member_member', table_name='unit_group_member')
    op.drop_table('unit_group_member')
    op.drop_index('ix_unit_alias_normalized', table_name='unit_alias')
    op.drop_table('unit_alias')
    op.drop_index('ix_transaction_monthly_rank', table_name='transaction_monthly')
    op.drop_table('transaction_monthly')
    op.drop_index('ix_reported_figure_unit_metric', table_name='reported_figure')
    op.drop_index('ix_reported_figure_metric', table_name='reported_figure')
    op.drop_table('reported_figure')
    op.drop_index('ix_activity_unit', table_name='activity')
    op.drop_table('activity')
    op.drop_table('source')
    op.drop_table('admin_unit')
