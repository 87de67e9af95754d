"""Every UN Member State has a regional group; observers and territories are told apart."""

from __future__ import annotations

from collections import Counter

import pytest

from roundtable.domain.catalogue import catalogue
from roundtable.domain.regions import GROUPS, regional_group

# The 193 Member States in the UN's alphabetical order (English short names), written out here
# independently of regions.py so that a code missing there shows up.
MEMBER_STATES = """
AF Afghanistan; AL Albania; DZ Algeria; AD Andorra; AO Angola; AG Antigua and Barbuda; AR Argentina;
AM Armenia; AU Australia; AT Austria; AZ Azerbaijan; BS Bahamas; BH Bahrain; BD Bangladesh;
BB Barbados; BY Belarus; BE Belgium; BZ Belize; BJ Benin; BT Bhutan; BO Bolivia; BA Bosnia and Herzegovina;
BW Botswana; BR Brazil; BN Brunei Darussalam; BG Bulgaria; BF Burkina Faso; BI Burundi; CV Cabo Verde;
KH Cambodia; CM Cameroon; CA Canada; CF Central African Republic; TD Chad; CL Chile; CN China;
CO Colombia; KM Comoros; CG Congo; CR Costa Rica; CI Cote d'Ivoire; HR Croatia; CU Cuba; CY Cyprus;
CZ Czechia; KP Democratic People's Republic of Korea; CD Democratic Republic of the Congo; DK Denmark;
DJ Djibouti; DM Dominica; DO Dominican Republic; EC Ecuador; EG Egypt; SV El Salvador;
GQ Equatorial Guinea; ER Eritrea; EE Estonia; SZ Eswatini; ET Ethiopia; FJ Fiji; FI Finland; FR France;
GA Gabon; GM Gambia; GE Georgia; DE Germany; GH Ghana; GR Greece; GD Grenada; GT Guatemala; GN Guinea;
GW Guinea-Bissau; GY Guyana; HT Haiti; HN Honduras; HU Hungary; IS Iceland; IN India; ID Indonesia;
IR Iran; IQ Iraq; IE Ireland; IL Israel; IT Italy; JM Jamaica; JP Japan; JO Jordan; KZ Kazakhstan;
KE Kenya; KI Kiribati; KW Kuwait; KG Kyrgyzstan; LA Lao People's Democratic Republic; LV Latvia;
LB Lebanon; LS Lesotho; LR Liberia; LY Libya; LI Liechtenstein; LT Lithuania; LU Luxembourg;
MG Madagascar; MW Malawi; MY Malaysia; MV Maldives; ML Mali; MT Malta; MH Marshall Islands;
MR Mauritania; MU Mauritius; MX Mexico; FM Micronesia; MC Monaco; MN Mongolia; ME Montenegro;
MA Morocco; MZ Mozambique; MM Myanmar; NA Namibia; NR Nauru; NP Nepal; NL Netherlands; NZ New Zealand;
NI Nicaragua; NE Niger; NG Nigeria; MK North Macedonia; NO Norway; OM Oman; PK Pakistan; PW Palau;
PA Panama; PG Papua New Guinea; PY Paraguay; PE Peru; PH Philippines; PL Poland; PT Portugal; QA Qatar;
KR Republic of Korea; MD Republic of Moldova; RO Romania; RU Russian Federation; RW Rwanda;
KN Saint Kitts and Nevis; LC Saint Lucia; VC Saint Vincent and the Grenadines; WS Samoa; SM San Marino;
ST Sao Tome and Principe; SA Saudi Arabia; SN Senegal; RS Serbia; SC Seychelles; SL Sierra Leone;
SG Singapore; SK Slovakia; SI Slovenia; SB Solomon Islands; SO Somalia; ZA South Africa; SS South Sudan;
ES Spain; LK Sri Lanka; SD Sudan; SR Suriname; SE Sweden; CH Switzerland; SY Syrian Arab Republic;
TJ Tajikistan; TH Thailand; TL Timor-Leste; TG Togo; TO Tonga; TT Trinidad and Tobago; TN Tunisia;
TR Turkiye; TM Turkmenistan; TV Tuvalu; UG Uganda; UA Ukraine; AE United Arab Emirates;
GB United Kingdom; TZ United Republic of Tanzania; US United States of America; UY Uruguay;
UZ Uzbekistan; VU Vanuatu; VE Venezuela; VN Viet Nam; YE Yemen; ZM Zambia; ZW Zimbabwe
"""
MEMBER_CODES = [item.split()[0] for item in MEMBER_STATES.replace("\n", " ").split(";")]
FIVE_GROUPS = set(GROUPS) - {"observer"}


def test_the_written_out_list_has_193_distinct_member_states():
    assert len(MEMBER_CODES) == 193
    assert len(set(MEMBER_CODES)) == 193


@pytest.mark.parametrize("code", MEMBER_CODES)
def test_every_member_state_belongs_to_one_of_the_five_groups(code):
    assert regional_group(code) in FIVE_GROUPS


def test_group_sizes_match_the_un_list():
    sizes = Counter(regional_group(code) for code in MEMBER_CODES)
    # WEOG: 28 members plus the United States (counted there for elections); Asia-Pacific: 53
    # plus Kiribati (see regions.py for both choices).
    assert sizes == {
        "african": 54, "asia-pacific": 54, "eastern-european": 23,
        "latin-american-caribbean": 33, "western-european-others": 29,
    }


def test_documented_choices():
    assert regional_group("US") == "western-european-others"
    assert regional_group("TR") == "western-european-others"
    assert regional_group("IL") == "western-european-others"
    assert regional_group("KI") == "asia-pacific"
    assert regional_group("KZ") == "asia-pacific"
    assert regional_group("ps") == "observer"
    assert regional_group("VA") == "observer"


def test_territories_organisations_and_unknown_codes_have_no_group():
    for code in ("PR", "HK", "GL", "XX", "", None):
        assert regional_group(code) is None


def test_labels_in_three_languages():
    assert catalogue("en").region("latin-american-caribbean") == "Latin American and Caribbean States"
    assert catalogue("ru").region("african") == "Африканские государства"
    assert catalogue("kk").region("eastern-european") == "Шығыс Еуропа мемлекеттері"
    assert catalogue("ru").region(None) == ""
    for group in GROUPS:
        assert all(catalogue(lang).region(group) for lang in ("en", "ru", "kk"))
