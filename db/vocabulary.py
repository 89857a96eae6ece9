"""Closed code lists shared by the schema, the loaders and the queries (docs/design.md)."""

UNIT_KINDS = ("country", "province", "city", "group")
LANGUAGES = ("vi", "en")  # name_<lang> columns every unit must have in units.csv; others are optional
QUALIFIERS = ("exact", "about", "more_than", "nearly", "at_least", "less_than")
UNITS_OF_MEASURE = ("USD", "VND", "count")
PERIOD_KINDS = ("range", "per_year", "as_of", "unspecified")

METRICS = (
    "aid_received", "aid_committed", "aid_disbursed", "aid_change",
    "foreign_ngos", "programmes_projects", "delegations_incoming",
    "delegations_outgoing", "delegations", "visitors", "mous",
    "partner_organisations", "international_agreements", "sister_localities",
    "partner_countries", "cooperating_agencies", "twinned_villages",
    "international_memberships", "events", "consular_cases",
    "citizen_protection_cases", "abtc_applications", "group_members",
    "localities_above_average_growth", "localities_leading_grdp",
)
AID_METRICS = ("aid_received", "aid_committed", "aid_disbursed")

# IATI code lists (subset used here)
ACTIVITY_STATUSES = (1, 2, 3, 4, 5, 6)      # Pipeline .. Suspended
ORG_ROLES = (1, 2, 3, 4)                    # Funding, Accountable, Extending, Implementing
TRANSACTION_TYPES = (2, 3)                  # Outgoing Commitment, Disbursement
