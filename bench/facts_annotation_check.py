#!/usr/bin/env python3
"""Check the hand-made fact-annotation set (tests/data/facts_annotated.tsv).

The format and the rules are in docs/fact-annotation.md. This script checks
that every row follows the format, that every group (the facts of one topic
that are the same subject and attribute) is consistent, and that each
group's status matches its values: an 'agree' group has no two values that
exclude each other, a 'conflict' or 'update' group has at least one such
pair, an 'update' group never goes down in time, 'single' means one source.
It then prints counts per topic, attribute, status, qualifier and event kind.

With --docs DIR (the directory holding duc2006/ and duc2007/, that is
../shared/data) it also checks that each evidence snippet occurs in the
article it names, so a snippet can always be found again.

Several files may be given; each is checked on its own and ends with a
line '<file>: N error(s)'. Exit status: 0 when every file is valid, 1 when
any row or group of any file is wrong, 2 on bad usage. Python standard library only.
"""
import argparse
import collections
import math
import os
import re
import sys

COLUMNS = ["topic", "docno", "written", "evidence", "subject", "attribute",
           "value", "value_max", "unit", "qualifier", "time", "event",
           "group", "status"]
ATTRIBUTES = {"deaths", "injured", "missing", "evacuated", "arrested",
              "population", "length", "height", "area", "distance",
              "duration", "cost", "amount", "price", "percentage", "count",
              "date"}
QUALIFIERS = {"exact", "about", "almost", "more_than", "at_least", "up_to",
              "less_than", "range", "vague"}
STATUSES = {"agree", "single", "conflict", "update"}
MAX_EVIDENCE_WORDS = 12

# Unit conversions to one base unit per dimension, so that "65 mile" and
# "110 km" can be compared. Units not listed here compare only with the same
# unit string.
UNIT_SCALE = {
    "m": ("length", 1.0), "km": ("length", 1000.0),
    "mile": ("length", 1609.344), "ft": ("length", 0.3048),
    "inch": ("length", 0.0254),
    "second": ("time", 1.0), "minute": ("time", 60.0),
    "hour": ("time", 3600.0), "day": ("time", 86400.0),
    "week": ("time", 604800.0), "month": ("time", 2629800.0),
    "year": ("time", 31557600.0),
}

RE_TOPIC = re.compile(r"^D0[67]\d\d[A-J]$")
RE_DOCNO = re.compile(r"^(APW|NYT|XIE)(\d{8})\.\d{4}$")
RE_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
RE_DATE = re.compile(r"^(\d{4})(-(\d{2}))?(-(\d{2}))?$")
RE_CLOCK = re.compile(r"^(\d{2}):(\d{2})$")
RE_OTHER_ATTR = re.compile(r"^other:[a-z][a-z0-9 '\-]*[a-z0-9]$")
RE_EVENT = re.compile(r"^(main|background|other:.+)$")


def day_number(y, m, d):
    """Days since a fixed origin (proleptic, months of 31 days is enough
    for ordering and overlap of dates within one topic)."""
    return (y * 12 + (m - 1)) * 31 + (d - 1)


def parse_point(text, unit):
    """Returns (kind, low, high) for one value: 'num', 'date' or 'clock'.
    A date given to the year or month covers the whole year or month."""
    if unit == "date":
        m = RE_DATE.match(text)
        if not m:
            return None
        y = int(m.group(1))
        if m.group(3) is None:
            return ("date", day_number(y, 1, 1), day_number(y, 12, 31))
        mo = int(m.group(3))
        if m.group(5) is None:
            return ("date", day_number(y, mo, 1), day_number(y, mo, 31))
        d = int(m.group(5))
        return ("date", day_number(y, mo, d), day_number(y, mo, d))
    m = RE_CLOCK.match(text)
    if m:
        t = int(m.group(1)) * 60 + int(m.group(2))
        return ("clock", t, t)
    if RE_NUMBER.match(text):
        v = float(text)
        return ("num", v, v)
    return None


def interval(row):
    """The set of values the row allows, as (kind, low, high) in base units,
    following the qualifier rules of docs/fact-annotation.md."""
    p = parse_point(row["value"], row["unit"])
    if p is None:
        return None
    kind, lo, hi = p
    q = row["qualifier"]
    if row["value_max"]:
        pm = parse_point(row["value_max"], row["unit"])
        if pm is None or pm[0] != kind:
            return None
        hi = pm[2]
    elif q in ("more_than", "at_least", "vague"):
        hi = math.inf
    scale = 1.0
    if kind == "num" and row["unit"] in UNIT_SCALE:
        scale = UNIT_SCALE[row["unit"]][1]
    if kind == "clock":
        slack = {"about": 15, "almost": 15}.get(q, 0)
        if q == "more_than":
            return (kind, lo, lo + 60)
    else:
        slack = None
    if q == "about":
        lo, hi = (lo - slack, hi + slack) if slack is not None \
            else (lo * 0.9, hi * 1.1)
    elif q == "almost":
        lo = lo - slack if slack is not None else lo * 0.9
    elif q == "more_than":
        lo = lo + 1e-9 * max(1.0, abs(lo))
    elif q == "up_to":
        lo = 0.0 if kind == "num" else -math.inf
    elif q == "less_than":
        lo, hi = (0.0 if kind == "num" else -math.inf), hi - 1e-9 * max(1.0, abs(hi))
    return (kind, lo * scale, hi * scale)


def dimension(unit):
    return UNIT_SCALE[unit][0] if unit in UNIT_SCALE else unit


def overlap(a, b):
    return a[0] == b[0] and a[1] <= b[2] and b[1] <= a[2]


def check_row(n, r, errors):
    def err(msg):
        errors.append(f"line {n}: {msg}")
    if not RE_TOPIC.match(r["topic"]):
        err(f"topic '{r['topic']}' is not a DUC topic id")
    if not RE_DOCNO.match(r["docno"]):
        err(f"docno '{r['docno']}' is not a DUC DOCNO")
    for c in ("written", "evidence", "subject", "unit", "group"):
        if not r[c].strip():
            err(f"empty {c}")
    if r["written"] and r["written"] not in r["evidence"]:
        err(f"written '{r['written']}' does not occur in the evidence")
    if len(r["evidence"].split()) > MAX_EVIDENCE_WORDS:
        err(f"evidence longer than {MAX_EVIDENCE_WORDS} words")
    a = r["attribute"]
    if a not in ATTRIBUTES and not RE_OTHER_ATTR.match(a):
        err(f"attribute '{a}' is neither in the vocabulary nor 'other:words'")
    if r["qualifier"] not in QUALIFIERS:
        err(f"qualifier '{r['qualifier']}' unknown")
    if r["status"] not in STATUSES:
        err(f"status '{r['status']}' unknown")
    if not RE_EVENT.match(r["event"]):
        err(f"event '{r['event']}' is not main, background or other:...")
    if not r["group"].startswith(r["topic"] + "."):
        err(f"group '{r['group']}' does not start with the topic")
    if (a == "date") != (r["unit"] == "date"):
        err("a date fact, and only a date fact, has unit 'date'")
    q = r["qualifier"]
    single_value = q in ("exact", "about", "almost", "up_to", "less_than")
    if single_value and r["value_max"] != r["value"]:
        err(f"qualifier {q} needs value_max equal to value")
    if q in ("more_than", "at_least") and r["value_max"]:
        err(f"qualifier {q} needs an empty value_max (no upper bound)")
    if q == "range" and not r["value_max"]:
        err("qualifier range needs value_max")
    iv = interval(r)
    if iv is None:
        err(f"value '{r['value']}'..'{r['value_max']}' cannot be read "
            f"with unit '{r['unit']}'")
    elif iv[1] > iv[2]:
        err("value_max is below value")
    return iv


def doc_date(docno):
    return RE_DOCNO.match(docno).group(2)


def check_group(g, rows, errors):
    def err(msg):
        errors.append(f"group {g}: {msg}")
    for c in ("topic", "attribute", "status"):
        vals = {r[c] for r in rows}
        if len(vals) > 1:
            err(f"rows disagree on {c}: {sorted(vals)}")
    kinds = {r["event"].split(":")[0] for r in rows}
    if len(kinds) > 1:
        err(f"rows mix event kinds {sorted(kinds)}")
    dims = {dimension(r["unit"]) for r in rows if r["attribute"] != "date"}
    if len(dims) > 1:
        err(f"rows mix units that do not convert: {sorted(dims)}")
    status = rows[0]["status"]
    docs = {r["docno"] for r in rows}
    if (status == "single") != (len(docs) == 1):
        err(f"status {status} but {len(docs)} source(s)")
    ivs = [(r, r["_iv"]) for r in rows if r["_iv"] is not None]
    clash = [(a, b) for i, (a, x) in enumerate(ivs) for (b, y) in ivs[i + 1:]
             if a["docno"] != b["docno"] and not overlap(x, y)]
    if status == "agree" and clash:
        a, b = clash[0]
        err(f"status agree but {a['docno']} '{a['written']}' and "
            f"{b['docno']} '{b['written']}' exclude each other")
    if status in ("conflict", "update") and not clash:
        err(f"status {status} but all values are compatible (agree)")
    if status == "update":
        for a, x in ivs:
            for b, y in ivs:
                if doc_date(a["docno"]) < doc_date(b["docno"]) and y[2] < x[1]:
                    err(f"status update but the count goes down: "
                        f"{a['docno']} '{a['written']}' then "
                        f"{b['docno']} '{b['written']}'")
                    return


def load_text(path):
    """The headline and text of one SGML article, whitespace collapsed."""
    s = open(path, encoding="latin-1").read()
    parts = re.findall(r"<HEADLINE>(.*?)</HEADLINE>|<TEXT>(.*?)</TEXT>", s, re.S)
    body = " ".join(h + " " + t for h, t in parts)
    body = re.sub(r"<[^>]+>", " ", body)
    return re.sub(r"\s+", " ", body)


def article_path(docs_dir, topic, docno):
    """Where the DUC article lies: DUC 2007 update topics have slice folders
    (D0743J/D0743J-A/...), DUC 2006 and 2007 main topics do not."""
    for p in (os.path.join(docs_dir, "duc2006", "docs", topic, docno),
              os.path.join(docs_dir, "duc2007", "docs", "main", topic, docno)):
        if os.path.isfile(p):
            return p
    for s in "ABC":
        p = os.path.join(docs_dir, "duc2007", "docs", "update", topic,
                         f"{topic}-{s}", docno)
        if os.path.isfile(p):
            return p
    return None


def check_evidence(rows, docs_dir, errors):
    cache = {}
    for n, r in rows:
        p = article_path(docs_dir, r["topic"], r["docno"])
        if p is None:
            errors.append(f"line {n}: article {r['docno']} not found in {docs_dir}")
            continue
        if p not in cache:
            cache[p] = load_text(p)
        ev = re.sub(r"\s+", " ", r["evidence"])
        if ev not in cache[p]:
            errors.append(f"line {n}: evidence '{ev}' not in {r['docno']}")


def report(rows, groups):
    def table(title, key):
        c = collections.Counter(key(r) for r in rows)
        print(f"{title}:")
        for k, v in sorted(c.items(), key=lambda kv: (-kv[1], kv[0])):
            print(f"  {k:<34} {v}")
    print(f"facts: {len(rows)}  groups: {len(groups)}  "
          f"articles: {len({r['docno'] for r in rows})}")
    table("facts per topic", lambda r: r["topic"])
    table("facts per attribute", lambda r: r["attribute"]
          if not r["attribute"].startswith("other:") else "other:*")
    table("facts per status", lambda r: r["status"])
    table("facts per qualifier", lambda r: r["qualifier"])
    table("facts per event kind", lambda r: r["event"].split(":")[0])
    gs = collections.Counter(rs[0]["status"] for rs in groups.values())
    print("groups per status:")
    for k, v in sorted(gs.items()):
        print(f"  {k:<34} {v}")
    words = sum(1 for r in rows if r["attribute"] != "date"
                and not re.search(r"\d", r["written"]))
    print(f"quantities written only in words (no digit): {words}")


def check_file(path, docs, quiet):
    """Checks one TSV file; prints its tables (unless quiet), its errors and
    a last line '<path>: N error(s)'. Returns the number of errors."""
    errors = []
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or lines[0].split("\t") != COLUMNS:
        errors.append("the header must be: " + "\t".join(COLUMNS))
        lines = []
    rows = []
    for n, line in enumerate(lines[1:], start=2):
        f = line.split("\t")
        if len(f) != len(COLUMNS):
            errors.append(f"line {n}: {len(f)} columns, expected {len(COLUMNS)}")
            continue
        r = dict(zip(COLUMNS, f))
        r["_iv"] = check_row(n, r, errors)
        rows.append((n, r))
    groups = collections.defaultdict(list)
    for _, r in rows:
        groups[r["group"]].append(r)
    for g, rs in groups.items():
        check_group(g, rs, errors)
    if docs:
        check_evidence(rows, docs, errors)
    if not quiet and rows:
        report([r for _, r in rows], groups)
    for e in errors:
        print("error: " + e)
    print(f"{path}: {len(errors)} error(s)")
    return len(errors)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("tsv", nargs="*", default=[os.path.join(
        os.path.dirname(os.path.abspath(__file__)), "..", "tests", "data",
        "facts_annotated.tsv")], help="TSV files, each checked on its own")
    ap.add_argument("--docs", help="directory holding duc2006/ and duc2007/ "
                    "(../shared/data) to check the evidence snippets")
    ap.add_argument("--quiet", action="store_true", help="no count tables")
    args = ap.parse_args()
    bad = 0
    for path in args.tsv:
        if check_file(path, args.docs, args.quiet):
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
