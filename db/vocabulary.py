"""Closed code lists shared by the schema, the loaders and the queries (docs/design.md)."""

UNIT_KINDS = ("country", "province", "city", "group", "foreign_country", "foreign_province")
# Places outside Vietnam that the sources name (Laos, its Sekong province): they can be
# resolved and hold figures, but they are never Vietnamese provinces, so rankings,
# province counts and "places I have figures for" lists leave them out.
FOREIGN_UNIT_KINDS = ("foreign_country", "foreign_province")
# Vietnam's province-level units (63 until 30 June 2025, 34 from 1 July 2025).
PROVINCE_LEVEL_KINDS = ("province", "city")
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
# A place's ties with others: a foreign place named in a question about them is the partner.
RELATIONS = ("sister_localities", "partner_countries", "cooperating_agencies", "twinned_villages",
             "partner_organisations", "mous", "international_agreements")
# Change metrics -> the metric whose change they state. A change figure's period is
# the later period, its base period (base_period_start/end) the earlier one:
# vn_aid_change = +4.9 million USD of disbursed aid in 2023 against 2022.
CHANGE_OF = {"aid_change": "aid_disbursed"}

# What a figure's listed items are (figure_item.kind): an ISO 3166-1 alpha-2 country
# code, a unit code of admin_unit, or a free name (an organisation).
FIGURE_ITEM_KINDS = ("country", "unit", "name")

# IATI code lists (subset used here)
ACTIVITY_STATUSES = (1, 2, 3, 4, 5, 6)      # Pipeline .. Suspended
ORG_ROLES = (1, 2, 3, 4)                    # Funding, Accountable, Extending, Implementing
TRANSACTION_TYPES = (2, 3)                  # Outgoing Commitment, Disbursement
