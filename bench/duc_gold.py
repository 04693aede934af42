#!/usr/bin/env python3
"""duc_gold.py - gold story clusters for DUC document sets, as JSON Lines.

Each DUC topic directory (D0601A, ...) is one gold story; every <DOCNO> found in
the files under it is an article of that story. A DOCNO that occurs in more
than one topic is reported on stderr and left out of the gold file (its story
is ambiguous); pass --keep-first to keep its first topic instead.

usage: duc_gold.py [--keep-first] DOCS_DIR... > gold.jsonl
"""
import json
import os
import re
import sys

DOCNO = re.compile(rb"<DOCNO>\s*(.*?)\s*</DOCNO>", re.S)


def main(argv):
    keep_first = "--keep-first" in argv
    roots = [a for a in argv if a != "--keep-first"]
    if not roots:
        sys.stderr.write(__doc__)
        return 2
    topics = {}  # docno -> [topic, ...]
    order = []
    for root in roots:
        for topic in sorted(os.listdir(root)):
            tdir = os.path.join(root, topic)
            if not os.path.isdir(tdir):
                continue
            for dirpath, _, files in sorted(os.walk(tdir)):
                for name in sorted(files):
                    with open(os.path.join(dirpath, name), "rb") as f:
                        for m in DOCNO.finditer(f.read()):
                            d = m.group(1).decode("utf-8", "replace")
                            if d not in topics:
                                topics[d] = []
                                order.append(d)
                            topics[d].append(topic)
    dup = [d for d in order if len(set(topics[d])) > 1]
    for d in dup:
        sys.stderr.write("duc_gold: %s occurs in topics %s\n" % (d, ", ".join(topics[d])))
    sys.stderr.write("duc_gold: %d articles, %d in more than one topic\n" % (len(order), len(dup)))
    for d in order:
        if d in dup and not keep_first:
            continue
        sys.stdout.write(json.dumps({"id": d, "story": topics[d][0]}) + "\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
