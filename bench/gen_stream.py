#!/usr/bin/env python3
"""gen_stream.py - a synthetic news stream for bench_cluster, built from real
articles (DUC SGML files): each "event" takes one real article, and its
reports are random subsets of its paragraphs in a shuffled order, published
within three days of the event; events are spread uniformly over one year.
The output (JSON Lines, sorted by time) is not committed.

usage: gen_stream.py N DOCS_DIR... > stream.jsonl
"""
import json, os, random, re, sys

P = re.compile(rb"<P>(.*?)</P>", re.S)
H = re.compile(rb"<HEADLINE>(.*?)</HEADLINE>", re.S)


def load(roots):
    arts = []
    for root in roots:
        for dp, _, fs in os.walk(root):
            for f in sorted(fs):
                b = open(os.path.join(dp, f), "rb").read()
                ps = [" ".join(p.decode("utf-8", "replace").split()) for p in P.findall(b)]
                ps = [p for p in ps if p]
                h = H.search(b)
                if len(ps) >= 3:
                    arts.append((" ".join(h.group(1).decode("utf-8", "replace").split()) if h else "", ps))
    return arts


def main():
    n = int(sys.argv[1])
    arts = load(sys.argv[2:])
    rnd = random.Random(42)
    start, year = 1483228800, 365 * 86400
    out, made, ev = [], 0, 0
    while made < n:
        title, ps = arts[rnd.randrange(len(arts))]
        t0 = start + rnd.randrange(year)
        for _ in range(min(n - made, rnd.randint(1, 12))):
            k = max(2, int(len(ps) * rnd.uniform(0.4, 0.8)))
            body = rnd.sample(ps, min(k, len(ps)))
            out.append((t0 + rnd.randrange(3 * 86400), "e%d-%d" % (ev, made), title, "\n\n".join(body)))
            made += 1
        ev += 1
    out.sort()
    w = sys.stdout.write
    for t, i, title, text in out:
        w(json.dumps({"id": i, "title": title, "text": text, "published": t, "event": i.split("-")[0]}) + "\n")


if __name__ == "__main__":
    main()
