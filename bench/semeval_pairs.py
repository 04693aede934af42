#!/usr/bin/env python3
"""semeval_pairs.py - the English pairs of SemEval 2022 task 8's training
sample as JSON Lines for bench_cluster_pairs: each text's title (the part
before the first double space, when that comes early) and body, and the
human Overall score (1 = very similar .. 4 = unrelated). Not committed.

usage: semeval_pairs.py training_set.csv > pairs.jsonl
"""
import csv, json, sys


def split(t):
    t = t.strip()
    k = t.find("  ")
    return (t[:k].strip(), t[k:].strip()) if 0 < k < 300 else ("", t)


def main():
    csv.field_size_limit(1 << 30)
    for r in csv.DictReader(open(sys.argv[1], newline="", encoding="utf-8")):
        if r["lang1"] != "en" or r["lang2"] != "en":
            continue
        (ta, xa), (tb, xb) = split(r["text1"]), split(r["text2"])
        sys.stdout.write(json.dumps({"id": r["pair_id"], "a_title": ta, "a_text": xa, "b_title": tb,
                                     "b_text": xb, "overall": float(r["Overall"])}) + "\n")


if __name__ == "__main__":
    main()
