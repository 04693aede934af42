#!/usr/bin/env python3
"""gen_tiny.py - the memory case of issue 20: DISTINCT short texts, each
repeated COPIES times under its own id (JSON Lines, about 33 bytes a line;
1,000 x 1,000 gives one million articles, 33 MB). No publication times.
Not committed.

usage: gen_tiny.py DISTINCT COPIES > tiny.jsonl
"""
import json, random, sys


def main():
    distinct, copies = int(sys.argv[1]), int(sys.argv[2])
    rnd = random.Random(20)
    words = ["rain", "vote", "fire", "team", "bank", "road", "port", "mill", "farm", "snow"]
    texts = ["%s %s %d" % (rnd.choice(words), rnd.choice(words), k) for k in range(distinct)]
    w = sys.stdout.write
    for c in range(copies):
        for k, t in enumerate(texts):
            w(json.dumps({"id": "%d-%d" % (k, c), "text": t}) + "\n")


if __name__ == "__main__":
    main()
