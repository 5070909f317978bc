"""Shared helpers for the gen_people_* tools (people actor dictionaries).

Parses the actor dictionary format of docs/dictionaries.md (entries and dated
role lines), folds accents, and maps countries to the region files
data/actors/people/heads_<region>.txt.
"""
import calendar
import datetime
import re
import unicodedata

REGIONS = {
    "americas": """ABW AIA ARG ATG BES BHS BLM BLZ BMU BOL BRA BRB CAN CHL COL CRI CUB CUW
        CYM DMA DOM ECU FLK GLP GRD GTM GUF GUY HND HTI JAM KNA LCA MAF MEX MSR MTQ
        NIC PAN PER PRI PRY SGS SLV SPM SUR SXM TCA TTO URY USA VCT VEN VGB VIR""",
    "europe": """ALA ALB AND ARM AUT AZE BEL BGR BIH BLR CHE CYP CZE DEU DNK ESP EST FIN
        FRA FRO GBR GEO GGY GIB GRC GRL HRV HUN IMN IRL ISL ITA JEY LIE LTU LUX LVA
        MCO MDA MKD MLT MNE NLD NOR POL PRT ROU RUS SJM SMR SRB SVK SVN SWE UKR VAT
        XKX YUG SCG""",
    "mena": """ARE BHR DZA EGY ESH IRN IRQ ISR JOR KWT LBN LBY MAR OMN PSE QAT SAU SYR
        TUN TUR YEM""",
    "asia": """AFG BGD BRN BTN CCK CHN CXR HKG IDN IND IOT JPN KAZ KGZ KHM KOR LAO LKA
        MAC MDV MMR MNG MYS NPL PAK PHL PRK SGP THA TJK TKM TLS TWN UZB VNM""",
    "oceania": """ASM AUS COK FJI FSM GUM KIR MHL MNP NCL NFK NIU NRU NZL PCN PLW PNG PYF
        SLB TKL TON TUV VUT WLF WSM""",
    "africa": """AGO ATF BDI BEN BFA BWA CAF CIV CMR COD COG COM CPV DJI ERI ETH GAB GHA
        GIN GMB GNB GNQ KEN LBR LSO MDG MLI MOZ MRT MUS MWI MYT NAM NER NGA REU RWA
        SDN SEN SHN SLE SOM SSD STP SWZ SYC TCD TGO TZA UGA ZAF ZMB ZWE""",
}
REGION_OF = {c: r for r, cs in REGIONS.items() for c in cs.split()}

TODAY = datetime.date(2026, 11, 28)

DATE_RE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")


def parse_date(s, is_end):
    """'YYYY', 'YYYY-MM' or 'YYYY-MM-DD' -> date (first day for a start, last
    day for an end). Empty -> None. Raises ValueError on a bad date."""
    s = s.strip()
    if not s:
        return None
    m = DATE_RE.match(s)
    if not m:
        raise ValueError("bad date %r" % s)
    y = int(m.group(1))
    if m.group(3):
        return datetime.date(y, int(m.group(2)), int(m.group(3)))
    if m.group(2):
        mo = int(m.group(2))
        if not 1 <= mo <= 12:
            raise ValueError("bad month in %r" % s)
        d = calendar.monthrange(y, mo)[1] if is_end else 1
        return datetime.date(y, mo, d)
    return datetime.date(y, 12, 31) if is_end else datetime.date(y, 1, 1)


def precision(s):
    s = s.strip()
    if not s:
        return 0
    return {4: 1, 7: 2, 10: 3}.get(len(s), 0)


def fold(s):
    """Strip accents and a few special letters: 'Erdoğan' -> 'Erdogan'."""
    s = s.replace("ı", "i").replace("ł", "l").replace("Ł", "L").replace("ø", "o")
    s = s.replace("Ø", "O").replace("đ", "d").replace("Đ", "D").replace("ß", "ss")
    s = s.replace("æ", "ae").replace("Æ", "Ae").replace("þ", "th").replace("ð", "d")
    s = s.replace("ʻ", "'").replace("ʼ", "'").replace("’", "'").replace("‘", "'")
    s = unicodedata.normalize("NFKD", s)
    return "".join(ch for ch in s if not unicodedata.combining(ch))


def match_key(name):
    """Key used to compare aliases as the matcher does: case, dots, hyphens,
    apostrophes normalised (accents are kept by the matcher, so kept here)."""
    s = name.replace("’", "'").replace("‘", "'").replace(".", "")
    s = re.sub(r"[-\s]+", " ", s)
    return s.strip().lower()


ENTRY_RE = re.compile(r"^([A-Z]{3}[A-Z0-9]*)\s*\|(.*)$")
ROLE_RE = re.compile(r"^\s+([A-Z]{3}[A-Z0-9]*)\s+(\S*)\.\.(\S*)\s*(?:#\s*(.*))?$")


def parse_actor_file(path):
    """Yield ('entry', lineno, code, [names], comment) and
    ('role', lineno, code, from, to, note) and ('include', lineno, file) and
    ('error', lineno, message)."""
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            line = raw.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            if line.startswith("@include"):
                yield ("include", n, line.split(None, 1)[1].strip())
                continue
            if line.startswith("@"):
                yield ("directive", n, line.strip())
                continue
            if line[0].isspace():
                m = ROLE_RE.match(line)
                if not m:
                    yield ("error", n, "bad role line: %r" % line.strip())
                    continue
                yield ("role", n, m.group(1), m.group(2), m.group(3), m.group(4) or "")
                continue
            body, _, comment = line.partition("#")
            m = ENTRY_RE.match(body.strip())
            if not m:
                yield ("error", n, "bad entry line: %r" % line)
                continue
            names = [x.strip() for x in m.group(2).split("|")]
            yield ("entry", n, m.group(1), names, comment.strip())
