"""The UN regional group of a country, for the fairness figures (speaking time by region) and the
list of participants (Member States, observer States).

Membership follows the list of regional groups kept by the UN Department for General Assembly and
Conference Management, with the choices the groups leave open made as follows:

- United States: not formally a member of any group; it attends the Western European and other
  States Group as an observer and is counted there for electoral purposes. Counted in WEOG.
- Türkiye: participates fully in both WEOG and the Asia-Pacific Group; counted in WEOG, where it
  belongs for electoral purposes.
- Israel: a full member of WEOG since 2000 (temporary at first, renewed for good in 2004). WEOG.
- Kiribati: UN sources differ (ask.un.org says it belongs to no group; other lists put it with
  Asia-Pacific). Counted in Asia-Pacific, its geographic group, so its time is not left out.
- State of Palestine and Holy See: non-member observer States, grouped as "observer" (Palestine
  also takes part in the Asia-Pacific Group, but is not a Member State).
- Anything else (territories, unknown codes, organisations without a country): None.
"""

from __future__ import annotations

AFRICAN = "african"
ASIA_PACIFIC = "asia-pacific"
EASTERN_EUROPEAN = "eastern-european"
LATIN_AMERICAN_CARIBBEAN = "latin-american-caribbean"
WESTERN_EUROPEAN_OTHERS = "western-european-others"
OBSERVER = "observer"

# The five groups in the UN's order, then the observers.
GROUPS: tuple[str, ...] = (
    AFRICAN, ASIA_PACIFIC, EASTERN_EUROPEAN, LATIN_AMERICAN_CARIBBEAN, WESTERN_EUROPEAN_OTHERS, OBSERVER,
)

# Their names in each language are in the catalogues' [regions] tables (domain/catalogue.py).

_MEMBERS: dict[str, str] = {
    AFRICAN: (
        "DZ AO BJ BW BF BI CV CM CF TD KM CG CD CI DJ EG GQ ER SZ ET GA GM GH GN GW KE LS LR LY MG "
        "MW ML MR MU MA MZ NA NE NG RW ST SN SC SL SO ZA SS SD TZ TG TN UG ZM ZW"
    ),
    ASIA_PACIFIC: (
        "AF BH BD BT BN KH CN CY FJ IN ID IR IQ JP JO KZ KI KW KG LA LB MY MV MH FM MN MM NR NP KP "
        "OM PK PW PG PH QA WS SA SG SB KR LK SY TJ TH TL TO TM TV AE UZ VU VN YE"
    ),
    EASTERN_EUROPEAN: "AL AM AZ BY BA BG HR CZ EE GE HU LV LT ME MK MD PL RO RU RS SK SI UA",
    LATIN_AMERICAN_CARIBBEAN: (
        "AG AR BS BB BZ BO BR CL CO CR CU DM DO EC SV GD GT GY HT HN JM MX NI PA PY PE KN LC VC SR "
        "TT UY VE"
    ),
    WESTERN_EUROPEAN_OTHERS: (
        "AD AT AU BE CA DK FI FR DE GR IS IE IL IT LI LU MT MC NL NZ NO PT SM ES SE CH TR GB US"
    ),
    OBSERVER: "PS VA",
}

_GROUP_OF: dict[str, str] = {code: group for group, codes in _MEMBERS.items() for code in codes.split()}

def regional_group(code: str | None) -> str | None:
    """The group key (one of GROUPS) of an ISO alpha-2 code; None for territories and unknown codes."""
    if not code:
        return None
    return _GROUP_OF.get(code.strip().upper())


def is_member_state(code: str | None) -> bool:
    """A UN Member State (one of the five groups), not an observer, a territory or an unknown code."""
    return regional_group(code) not in (None, OBSERVER)
