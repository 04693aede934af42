#!/usr/bin/env python3
"""eval-facts.py - score storyfold's fact table against a hand annotation set.

The set (tests/data/facts_annotated.tsv, guidelines in docs/fact-annotation.md)
has one row per value written in an article, tab-separated, with a header:

    topic docno written evidence subject attribute value value_max unit
    qualifier time event group status

For every topic the articles are found under the shared data directory
(duc2007/docs/update/<topic>/...: the whole topic; duc2006/docs/<topic>/...:
only the annotated articles, as the guidelines ask), given to
`storyfold summarize --format json` as one story, and each annotated value is
looked for among the fact mentions of the output: same article, the value as
written overlapping the mention's text, and the mention's sentence holding the
annotated evidence when the article writes that value more than once.

Reported (all counts are of values written, i.e. fact mentions):
  values      precision = matched system mentions / system mentions in the
              annotated articles; recall = matched rows / rows
  attribute   of matched rows, the share whose system attribute is the
              annotated one ("other:X" rows count when the system says X)
  status      of matched rows, the share whose fact status is the annotated
              one (single / agree / conflict / update; a system fact shown
              apart as another time's counts as single), with the confusion
              table and conflict precision/recall over matched rows

Usage: scripts/eval-facts.py --storyfold build/storyfold --shared ../shared
           [--gold tests/data/facts_annotated.tsv] [--verbose]
Exit 0 with the table on stdout; 77 when the data or the set is missing.
"""
import argparse
import collections
import csv
import json
import os
import re
import subprocess
import sys
import tempfile

STATUS = {"single source": "single", "single": "single", "agree": "agree",
          "conflict": "conflict", "update": "update"}


def norm(s):
    return re.sub(r"\s+", " ", (s or "").replace("\u2019", "'")).strip().lower()


def topic_files(shared, topic):
    roots = [os.path.join(shared, "data", "duc2007", "docs", "update", topic),
             os.path.join(shared, "data", "duc2006", "docs", topic),
             os.path.join(shared, "data", "duc2007", "docs", topic)]
    for r in roots:
        if os.path.isdir(r):
            out = []
            for dp, _, fs in os.walk(r):
                out += [os.path.join(dp, f) for f in fs]
            return sorted(out)
    return []


def run_topic(binary, files):
    with tempfile.TemporaryDirectory() as tmp:
        for f in files:
            dst = os.path.join(tmp, os.path.basename(f))
            if not os.path.exists(dst):
                os.symlink(os.path.abspath(f), dst)
        p = subprocess.run([binary, "summarize", "--format", "json", tmp],
                           capture_output=True, text=True, timeout=600)
        if p.returncode != 0:
            sys.exit(f"{binary} failed on {files[0]}...: {p.stderr.strip()}")
        return json.loads(p.stdout)


def attribute_of(fact):
    if fact.get("attribute"):
        return fact["attribute"]
    if fact.get("kind") == "date":
        return "date"
    w = fact.get("what", "")
    return w.rsplit(" / ", 1)[-1] if " / " in w else w


def system_mentions(out):
    ms = []
    for story in out.get("stories", []):
        for f in story.get("facts", []):
            st = STATUS.get(f.get("status"), f.get("status"))
            if f.get("time"):
                st = "single"
            for m in f.get("mentions", []):
                ms.append({"article": m.get("article"), "text": norm(m.get("text")),
                           "sentence": norm(m.get("sentence")), "status": st,
                           "attribute": attribute_of(f), "what": f.get("what"), "used": False})
    return ms


def text_match(written, text):
    if not written or not text:
        return False
    return written in text or text in written


def evidence_match(evidence, sentence):
    if not evidence:
        return True
    # the annotated snippet, or its first eight words, in the sentence
    if evidence in sentence:
        return True
    head = " ".join(evidence.split()[:8])
    return len(head) > 10 and head in sentence


VOCABULARY = {"deaths", "injured", "missing", "evacuated", "arrested", "population", "length", "height",
              "depth", "distance", "area", "duration", "cost", "price", "amount", "percentage", "count",
              "date", "jobs", "weight", "volume", "speed", "age", "rise", "fall"}


def attr_ok(gold, system):
    g = gold[6:] if gold.startswith("other:") else gold
    s = system or ""
    if g == s:
        return True
    # the guidelines: any label outside the vocabulary matches an "other:" row
    if gold.startswith("other:") and s not in VOCABULARY and s != "number":
        return True
    same = {("count", "number"), ("deaths", "killed"), ("percentage", "share"), ("evacuated", "displaced"),
            ("cost", "amount"), ("amount", "cost"), ("height", "length"), ("distance", "length")}
    return (g, s) in same


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--storyfold", default="build/storyfold")
    ap.add_argument("--shared", default=os.environ.get("SF_SHARED_DIR", "../shared"))
    ap.add_argument("--gold", default="tests/data/facts_annotated.tsv")
    ap.add_argument("--verbose", action="store_true")
    a = ap.parse_args()
    if not os.path.exists(a.gold):
        print(f"skipped: no annotation set at {a.gold}")
        return 77
    rows = list(csv.DictReader(open(a.gold, encoding="utf-8"), delimiter="\t"))
    rows = [r for r in rows if r.get("topic") and not r["topic"].startswith("#")]
    by_topic = collections.defaultdict(list)
    for r in rows:
        by_topic[r["topic"]].append(r)
    n_rows = n_found = n_sys = n_sys_hit = attr_hit = status_hit = 0
    confusion = collections.Counter()
    for topic, trs in sorted(by_topic.items()):
        files = topic_files(a.shared, topic)
        docs = {r["docno"] for r in trs}
        if "/duc2006/" in (files[0] if files else ""):
            # DUC 2006 topics are annotated on some articles: statuses are
            # judged among those, so only they are given to the program
            files = [f for f in files if os.path.basename(f) in docs]
        if not files:
            print(f"skipped: articles of {topic} not found under {a.shared}/data")
            return 77
        ms = system_mentions(run_topic(a.storyfold, files))
        in_docs = [m for m in ms if m["article"] in docs]
        n_sys += len(in_docs)
        for r in trs:
            n_rows += 1
            written, ev = norm(r["written"]), norm(r["evidence"])
            cands = [m for m in in_docs if m["article"] == r["docno"] and not m["used"] and
                     text_match(written, m["text"])]
            best = [m for m in cands if evidence_match(ev, m["sentence"])]
            pick = best[0] if best else (cands[0] if len(cands) == 1 else None)
            gst = STATUS.get(r["status"].strip().lower(), r["status"].strip().lower())
            if not pick:
                confusion[(gst, "missed")] += 1
                if a.verbose:
                    print(f"  FN {topic} {r['docno']} {r['written']!r} {r['attribute']} {gst}")
                continue
            pick["used"] = True
            n_found += 1
            attr_hit += attr_ok(r["attribute"], pick["attribute"])
            status_hit += gst == pick["status"]
            confusion[(gst, pick["status"])] += 1
            if a.verbose and (gst != pick["status"] or not attr_ok(r["attribute"], pick["attribute"])):
                print(f"  {topic} {r['docno']} {r['written']!r}: gold {r['attribute']}/{gst}, "
                      f"system {pick['what']}/{pick['status']}")
        n_sys_hit += sum(m["used"] for m in in_docs)
        if a.verbose:
            for m in in_docs:
                if not m["used"]:
                    print(f"  FP {topic} {m['article']} {m['text']!r} {m['what']} {m['status']}")

    def ratio(x, y):
        return x / y if y else 0.0
    print(f"rows {n_rows} topics {len(by_topic)} system mentions in annotated articles {n_sys}")
    print(f"values     precision {ratio(n_sys_hit, n_sys):.3f} ({n_sys_hit}/{n_sys})  "
          f"recall {ratio(n_found, n_rows):.3f} ({n_found}/{n_rows})")
    print(f"attribute  accuracy on matched {ratio(attr_hit, n_found):.3f} ({attr_hit}/{n_found})")
    print(f"status     accuracy on matched {ratio(status_hit, n_found):.3f} ({status_hit}/{n_found})")
    sys_conf = sum(v for (g, s), v in confusion.items() if s == "conflict")
    hit_conf = confusion[("conflict", "conflict")]
    gold_conf = sum(v for (g, s), v in confusion.items() if g == "conflict" and s != "missed")
    print(f"conflicts  precision {ratio(hit_conf, sys_conf):.3f} ({hit_conf}/{sys_conf})  "
          f"recall {ratio(hit_conf, gold_conf):.3f} ({hit_conf}/{gold_conf}) over matched rows")
    labels = ["single", "agree", "conflict", "update"]
    print("gold \\ system " + " ".join(f"{x:>8}" for x in labels + ["missed"]))
    for g in labels:
        print(f"{g:>13} " + " ".join(f"{confusion[(g, s)]:>8}" for s in labels + ["missed"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
