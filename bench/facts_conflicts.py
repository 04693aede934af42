#!/usr/bin/env python3
"""facts_conflicts.py - how many conflicts (and updates, agreements) storyfold
reports on each topic of a collection, and a random sample of the conflicts
to judge by reading.

usage: bench/facts_conflicts.py STORYFOLD DOCS_DIR [SAMPLE_N] [SEED]
DOCS_DIR holds one directory per topic (e.g. ../shared/data/duc2006/docs);
each topic is given to `storyfold summarize --format json` as one story.
Prints per-status totals, then SAMPLE_N conflicts (default 20) with the
mentions and their sentences."""
import collections
import json
import os
import random
import subprocess
import sys


def main():
    binary, docs = sys.argv[1], sys.argv[2]
    n = int(sys.argv[3]) if len(sys.argv) > 3 else 20
    rnd = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 12)
    totals = collections.Counter()
    conflicts = []
    topics = sorted(t for t in os.listdir(docs) if os.path.isdir(os.path.join(docs, t)))
    for t in topics:
        p = subprocess.run([binary, "summarize", "--format", "json", os.path.join(docs, t)],
                           capture_output=True, text=True, timeout=600)
        if p.returncode != 0:
            sys.exit(f"{t}: {p.stderr.strip()}")
        for s in json.loads(p.stdout)["stories"]:
            for f in s["facts"]:
                st = f["status"] if not f.get("time") else "apart (another time)"
                totals[st] += 1
                if f["status"] == "conflict":
                    conflicts.append((t, f))
    print(f"topics {len(topics)}")
    for k, v in sorted(totals.items()):
        print(f"{k:>22} {v}")
    for t, f in rnd.sample(conflicts, min(n, len(conflicts))):
        print(f"\n## {t}: {f['what']}")
        for m in f["mentions"][:6]:
            print(f"  - {m['text']!r} [{m['article']}] {m['sentence'][:220]!r}")


if __name__ == "__main__":
    main()
