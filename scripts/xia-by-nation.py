#!/usr/bin/env python3
"""Writes data/xia2022-by-nation.tsv from the Nuclear Famine Project's copy of Xia et al. 2022.

Usage: python3 scripts/xia-by-nation.py NUCLEARDATA_JSON

NUCLEARDATA_JSON is `nuclearData.json` of github.com/KDW1/NuclearMapping (commit
6e6985002c11c37dc65e0fa567a093c46904706d); the table read is `secondFile.tableFive` (people
who would die from starvation in year 2, millions, no trade, Partial Livestock case). A bare
JSON array of that table's rows is accepted too. The figures are written as published (strings,
0.1 M); only the ISO 3166-1 alpha-2 code is added. Standard library only; deterministic.
See data/PROVENANCE.md.
"""
import json
import sys

# Nation names as the source gives them -> ISO 3166-1 alpha-2. A name missing here gets an
# empty code (none is missing today).
ISO2 = {
    "Albania": "AL", "Algeria": "DZ", "Angola": "AO", "Antigua and Barbuda": "AG", "Argentina": "AR",
    "Armenia": "AM", "Australia": "AU", "Austria": "AT", "Azerbaijan": "AZ", "Bahamas": "BS",
    "Bangladesh": "BD", "Barbados": "BB", "Belarus": "BY", "Belgium": "BE", "Belize": "BZ", "Benin": "BJ",
    "Bermuda": "BM", "Bolivia": "BO", "Bosnia and Herzegovina": "BA", "Botswana": "BW", "Brazil": "BR",
    "Brunei": "BN", "Bulgaria": "BG", "Burkina Faso": "BF", "Cambodia": "KH", "Cameroon": "CM",
    "Canada": "CA", "Cape Verde": "CV", "Central African Republic": "CF", "Chad": "TD", "Chile": "CL",
    "China": "CN", "Colombia": "CO", "Republic of Congo": "CG", "Costa Rica": "CR", "Croatia": "HR",
    "Cuba": "CU", "Cyprus": "CY", "Czech Republic": "CZ", "Denmark": "DK", "Dominica": "DM",
    "Dominican Republic": "DO", "Ecuador": "EC", "Egypt": "EG", "El Salvador": "SV", "Estonia": "EE",
    "Ethiopia": "ET", "Fiji": "FJ", "Finland": "FI", "France": "FR", "French Polynesia": "PF",
    "Gabon": "GA", "Gambia": "GM", "Georgia": "GE", "Germany": "DE", "Ghana": "GH", "Greece": "GR",
    "Grenada": "GD", "Guatemala": "GT", "Guinea": "GN", "Guinea-Bissau": "GW", "Guyana": "GY",
    "Haiti": "HT", "Honduras": "HN", "Hungary": "HU", "Iceland": "IS", "India": "IN", "Indonesia": "ID",
    "Iran": "IR", "Iraq": "IQ", "Ireland": "IE", "Israel": "IL", "Italy": "IT", "Jamaica": "JM",
    "Japan": "JP", "Jordan": "JO", "Kazakhstan": "KZ", "Kenya": "KE", "Kiribati": "KI", "Kuwait": "KW",
    "Kyrgyzstan": "KG", "Laos": "LA", "Latvia": "LV", "Lebanon": "LB", "Lesotho": "LS", "Liberia": "LR",
    "Lithuania": "LT", "Luxembourg": "LU", "Madagascar": "MG", "Malawi": "MW", "Malaysia": "MY",
    "Maldives": "MV", "Mali": "ML", "Malta": "MT", "Mauritania": "MR", "Mauritius": "MU", "Mexico": "MX",
    "Moldova": "MD", "Mongolia": "MN", "Montenegro": "ME", "Morocco": "MA", "Mozambique": "MZ",
    "Myanmar": "MM", "Namibia": "NA", "Nepal": "NP", "Netherlands": "NL", "New Caledonia": "NC",
    "New Zealand": "NZ", "Nicaragua": "NI", "Niger": "NE", "Nigeria": "NG", "North Korea": "KP",
    "Norway": "NO", "Oman": "OM", "Pakistan": "PK", "Panama": "PA", "Paraguay": "PY", "Peru": "PE",
    "Philippines": "PH", "Poland": "PL", "Portugal": "PT", "Romania": "RO", "Russia": "RU", "Rwanda": "RW",
    "Saint Kitts and Nevis": "KN", "Saint Lucia": "LC", "Saint Vincent and the Grenadines": "VC",
    "Samoa": "WS", "Sao Tome and Principe": "ST", "Saudi Arabia": "SA", "Senegal": "SN", "Serbia": "RS",
    "Sierra Leone": "SL", "Slovakia": "SK", "Slovenia": "SI", "Solomon Islands": "SB",
    "South Africa": "ZA", "South Korea": "KR", "Spain": "ES", "Sri Lanka": "LK", "Sudan": "SD",
    "Suriname": "SR", "Sweden": "SE", "Switzerland": "CH", "Taiwan, province of China": "TW",
    "Tajikistan": "TJ", "Tanzania": "TZ", "Thailand": "TH", "Togo": "TG", "Trinidad and Tobago": "TT",
    "Tunisia": "TN", "Turkey": "TR", "Turkmenistan": "TM", "Uganda": "UG", "Ukraine": "UA",
    "United Arab Emirates": "AE", "United Kingdom": "GB", "United States": "US", "Uruguay": "UY",
    "Uzbekistan": "UZ", "Vanuatu": "VU", "Venezuela": "VE", "Vietnam": "VN", "Yemen": "YE",
    "Zambia": "ZM", "Zimbabwe": "ZW",
}

HEADER = ["nation", "iso2", "population_2010", "tg5", "tg16", "tg27", "tg37", "tg47", "tg150",
          "tg150_hw", "tg150_tw"]


def main(path):
    with open(path, encoding="utf-8") as f:
        doc = json.load(f)
    rows = doc if isinstance(doc, list) else doc["secondFile"]["tableFive"]["data"]
    out = sys.stdout
    out.write("# Xia et al. 2022 (Nature Food 3:586), Supplementary Information: people who would die from "
              "starvation in year 2 (millions), no trade, Partial Livestock; via github.com/KDW1/NuclearMapping "
              "nuclearData.json (6e69850), secondFile.tableFive; see data/PROVENANCE.md\n")
    out.write("\t".join(HEADER) + "\n")
    for r in rows:
        assert len(r) == 10, r
        for v in r[1:]:
            float(v)
        code = "" if r[0] == "Total" else ISO2.get(r[0], "")
        out.write("\t".join([r[0], code] + r[1:]) + "\n")


if __name__ == "__main__":
    main(sys.argv[1])
