"""How the dialogue talks about the database's metrics.

Labels are msgids: the catalogs in locale/ translate them.
"""
from __future__ import annotations

from typing import Dict, Iterable, List, Optional

from db import vocabulary
from i18n.catalog import N_

AID = ("aid_received", "aid_committed", "aid_disbursed")
MONEY = AID + ("aid_change",)

LABELS: Dict[str, str] = {
    "aid_received": N_("Foreign aid received"),
    "aid_committed": N_("Aid committed"),
    "aid_disbursed": N_("Aid disbursed"),
    "aid_change": N_("Change in aid from the year before"),
    "foreign_ngos": N_("Foreign NGOs"),
    "programmes_projects": N_("Programmes and projects"),
    "delegations": N_("Delegations"),
    "delegations_incoming": N_("Incoming delegations"),
    "delegations_outgoing": N_("Outgoing delegations"),
    "visitors": N_("Visitors"),
    "mous": N_("Memoranda of understanding (MOUs)"),
    "partner_organisations": N_("Partner organisations"),
    "international_agreements": N_("International agreements"),
    "sister_localities": N_("Sister localities abroad"),
    "partner_countries": N_("Countries of the sister localities"),
    "cooperating_agencies": N_("Agencies cooperating with Sekong (Laos)"),
    "twinned_villages": N_("Twinned border villages"),
    "international_memberships": N_("International organisations joined"),
    "events": N_("Conferences, seminars and events"),
    "consular_cases": N_("Consular cases"),
    "citizen_protection_cases": N_("Citizen protection cases"),
    "abtc_applications": N_("APEC business travel card applications"),
    "group_members": N_("Members"),
    "localities_above_average_growth": N_("Members growing faster than average"),
    "localities_leading_grdp": N_("Members among the leaders in GRDP"),
}

# Counts a user may mean by a general word: "delegations" covers both directions.
RELATED: Dict[str, tuple] = {
    "delegations": ("delegations", "delegations_incoming", "delegations_outgoing"),
    "aid_received": ("aid_received", "aid_committed", "aid_disbursed"),
    "partner_organisations": ("partner_organisations", "foreign_ngos"),
    "sister_localities": ("sister_localities", "partner_countries"),
}

# Questions about a place's ties with others: the foreign place named is the partner.
RELATIONS = set(vocabulary.RELATIONS)

# Metrics of provinces compared with the whole country: "the country" named in such a
# question is the yardstick, not the place asked about.
COUNTRY = "vn"
MEASURED_AGAINST_THE_COUNTRY = {"localities_leading_grdp", "localities_above_average_growth"}

# "And the other direction?"
OPPOSITE: Dict[str, str] = {
    "delegations_incoming": "delegations_outgoing",
    "delegations_outgoing": "delegations_incoming",
}

# Order of a briefing: money first, then the counts people ask about most.
BRIEFING_ORDER: List[str] = [
    "aid_received", "aid_committed", "aid_disbursed", "aid_change", "foreign_ngos",
    "programmes_projects", "partner_organisations", "mous", "delegations",
    "delegations_incoming", "delegations_outgoing", "visitors",
    "international_agreements", "sister_localities", "partner_countries",
]


def known(metric: Optional[str]) -> Optional[str]:
    return metric if metric in LABELS else None


# A stated change is labelled with the period it is compared with.
CHANGES: Dict[str, str] = {
    "aid_change": N_("Change in aid compared with {base}"),
}


def family(metric: str) -> Iterable[str]:
    """The metrics that answer a question about `metric` ("delegations": both directions)."""
    return RELATED.get(metric, (metric,))


def carried(metric: str) -> str:
    """A metric carried to another place: each place reports its money one way (received,
    committed or disbursed), so "and Son La?" after Vietnam's disbursed aid asks Son La's aid."""
    return "aid_received" if metric in AID else metric


def side_by_side(metric: str) -> Iterable[str]:
    """The metrics two places are set side by side on: money against money, each side's own."""
    return (metric,) + tuple(m for m in AID if m != metric) if metric in AID else family(metric)


def briefing_rank(metric: str) -> int:
    try:
        return BRIEFING_ORDER.index(metric)
    except ValueError:
        return len(BRIEFING_ORDER)
