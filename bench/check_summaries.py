#!/usr/bin/env python3
"""Check what a reader sees in storyfold's summaries, over every DUC topic.

Runs `storyfold summarize --format json --words N` on each topic (DUC 2006:
docs/D*, 250 words; DUC 2007 update: docs/update/*/*-[ABC], 100 words; the
same trees converted by bench/duc_to_text.py work too) and counts, over all
bullets (whole summary sentences, before the word cut) and headlines:

R1  a bullet that starts in lower case or mid-sentence: its first character
    after opening quotes and brackets is a lower-case letter, or one of
    , ; : ) ] - . (a clause, list or ellipsis going on), or a dash.    target 0
R2  a bullet that opens by pointing back to something it does not say:
    a pronoun or connective as first word (He, She, It, They, His, Her,
    Their, Its, This, These, Those, That, We, I, But, And, So, Also,
    However, Meanwhile, Then, Yet, Still, Instead, Both, Another, Such,
    Thus); a day counted from the report's own (Today, Yesterday, Tonight,
    Earlier, Later, "Three days earlier", "A week later", "The next day");
    a determiner with a noun that names something said before ("The
    meeting", "A move", "The two dead", "The group", "The city").
    Not a back-reference (as the summarizer reads them, i13d): a number
    joined to the next word or a year ("The four-day workshop", "The
    1997-98 El Nino"); an indefinite article with a noun other than one
    naming an action ("A man was sentenced"; "A move ..." still counts);
    former/latter/other/same before a noun ("The former president").
    --r2-v1 counts those too, as the checker did before.
    Counted strictly: an antecedent placed before it is not looked for, so
    the count is an upper bound.                                     target < 3%
R3  near-repeat pairs: two bullets of one summary whose content words
    (lower case, stopwords out, crude suffix stemming) overlap by 0.6 or
    more of the shorter one (the overlap coefficient the summarizer uses,
    calibrated on MSRP at 0.59).                                        target 0
R4  a headline that is empty, "(untitled)", or ends mid-phrase: on a
    comma, colon, semicolon or dash, or on a word that needs a next one
    (a, the, of, for, to, and, or, in, on, with, by, from, his, her,
    their, its, is, was, said, who, which, that).                        target 0

usage: bench/check_summaries.py STORYFOLD DIR [DIR...]
  DIR: a DUC 2006 tree (has docs/D*) or a DUC 2007 tree (has docs/update)
prints the counts per tree and in all; --show prints each offending bullet.
"""
import json
import os
import re
import subprocess
import sys

PRON = set("""he she it they his her their its this these those that we i but and so also
however meanwhile then yet still instead both another such thus today yesterday tonight
earlier later them him our us""".split())
NOUNS = set("""move meeting decision incident attack attacks deal plan step measure announcement
agreement accord talks visit trip ruling proposal event crash blast explosion shooting killing
killings victims victim dead group city man woman men women couple pair boy girl latter former
same other others case vote suspect suspects action report statement remarks comments change
changes effort development situation problem issue matter body bodies victory defeat strike raid
operation offensive campaign""".split())
NUMS = set("two three four five six seven eight nine ten both first second last".split())
UNITS = set("day days week weeks month months year years hour hours night morning evening afternoon".split())
AFTER = set("earlier later before after ago".split())
DETS = set("the a an this that such these those".split())
DANGLE = set("a an the of for to and or in on at with by from his her their its is was said who which that as".split())
STOP = set("""a an the of for to and or in on at with by from his her their its is was were be been
are as that this these those it he she they we i you not no but if so than then there which who
whom what when where why how has have had do does did will would can could may might shall should
said says also after before over under into out up down about more most some any all one its""".split())


def words(s):
    return re.findall(r"[A-Za-z0-9]+(?:'[a-z]+)?", s)


def r1(t):
    t = t.lstrip("\"'`([\u201c\u2018 ")
    return not t or t[0].islower() or t[0] in ",;:)]-.\u2014\u2013\u2026"


ACTION = set("move step measure decision development".split())
ADJ = set("former latter other same".split())
VERB = set("is was were are has had have said says will would could can may might did does also should must of".split())
R2_V1 = False  # --r2-v1: the first rule, without the readings below


def r2(t):
    raw = words(t)[:4]
    w = [x.lower().split("'")[0] for x in raw]
    if not w:
        return False
    if w[0] in PRON:
        return True
    if len(w) >= 3 and w[1] in UNITS and w[2] in AFTER:
        return True
    if w[0] in DETS and len(w) >= 2:
        k = 1
        if w[1] in NUMS or w[1].isdigit():
            # "The four-day workshop", "The 1997 floods": which thing, not a count
            joined = re.match(r"\W*\w+\s+%s-" % re.escape(raw[1]), t) is not None
            if not R2_V1 and (joined or (w[1].isdigit() and len(w[1]) == 4)):
                return False
            if w[0] == "the":
                return True
            k = 2
        if k < len(w) and w[k] in NOUNS and not R2_V1:
            if w[0] in ("a", "an") and w[k] not in ACTION:
                return False  # "A man was sentenced": someone new
            if w[k] in ADJ and k + 1 < len(w) and raw[k + 1][:1].islower() and w[k + 1] not in VERB and w[k + 1] not in STOP:
                return False  # "The former president": describes the noun
        if k < len(w) and (w[k] in NOUNS or w[k] in UNITS):
            return True
        if len(w) >= 3 and w[1] in ("next", "following", "previous", "same") and w[2] in UNITS:
            return True
    return False


def stem(w):
    for suf in ("ings", "ing", "edly", "ed", "ies", "es", "s", "ly"):
        if w.endswith(suf) and len(w) - len(suf) >= 3:
            return w[: -len(suf)]
    return w


def terms(t):
    return {stem(w.lower()) for w in words(t) if w.lower() not in STOP}


def r3(a, b):
    x, y = terms(a), terms(b)
    if not x or not y:
        return False
    return len(x & y) / min(len(x), len(y)) >= 0.6


def r4(h):
    h = h.strip()
    if not h or h == "(untitled)":
        return True
    if h[-1] in ",:;-\u2014\u2013":
        return True
    w = words(h)
    return bool(w) and w[-1].lower() in DANGLE


def topics(tree):
    if os.path.isdir(os.path.join(tree, "docs", "update")):
        for t in sorted(os.listdir(os.path.join(tree, "docs", "update"))):
            for sl in "ABC":
                yield os.path.join(tree, "docs", "update", t, f"{t}-{sl}"), 100
    else:
        for t in sorted(x for x in os.listdir(os.path.join(tree, "docs")) if x.startswith("D")):
            yield os.path.join(tree, "docs", t), 250


def check(sf, tree, show):
    c = dict(summaries=0, bullets=0, r1=0, r2=0, r3=0, r4=0)
    for d, n in topics(tree):
        out = subprocess.run([sf, "summarize", "--quiet", "--format", "json", "--words", str(n), d],
                             capture_output=True, text=True)
        if out.returncode not in (0, 1):
            sys.exit(f"{d}: storyfold exit {out.returncode}: {out.stderr}")
        if not out.stdout.strip():
            sys.exit(f"{d}: no output: {out.stderr}")
        for st in json.loads(out.stdout)["stories"]:
            c["summaries"] += 1
            if r4(st["headline"]):
                c["r4"] += 1
                show and print(f"R4 {d}: {st['headline']!r}")
            b = [s["text"] for s in st["summary"]]
            c["bullets"] += len(b)
            for t in b:
                for rule, f in (("r1", r1), ("r2", r2)):
                    if f(t):
                        c[rule] += 1
                        show and print(f"{rule.upper()} {d}: {t[:100]}")
            for i in range(len(b)):
                for j in range(i + 1, len(b)):
                    if r3(b[i], b[j]):
                        c["r3"] += 1
                        show and print(f"R3 {d}: {b[i][:80]} || {b[j][:80]}")
    return c


def main():
    global R2_V1
    R2_V1 = "--r2-v1" in sys.argv
    args = [a for a in sys.argv[1:] if a not in ("--show", "--r2-v1")]
    show = "--show" in sys.argv
    if len(args) < 2:
        sys.exit(__doc__)
    total = dict(summaries=0, bullets=0, r1=0, r2=0, r3=0, r4=0)
    for tree in args[1:]:
        c = check(args[0], tree, show)
        for k in total:
            total[k] += c[k]
        print(fmt(tree, c))
    if len(args) > 2:
        print(fmt("all", total))


def fmt(name, c):
    pct = 100.0 * c["r2"] / c["bullets"] if c["bullets"] else 0.0
    return (f"{name}: {c['summaries']} summaries, {c['bullets']} bullets; R1 lower/mid-sentence {c['r1']}; "
            f"R2 back-reference {c['r2']} ({pct:.1f}%); R3 near-repeat pairs {c['r3']}; "
            f"R4 headline mid-phrase or missing {c['r4']}")


if __name__ == "__main__":
    main()
