#!/usr/bin/env python3
"""gen_stream.py - a synthetic news stream for bench_cluster, built from real
articles (DUC SGML files). An event is a new mixture: paragraphs drawn from
four random real articles, in which every capitalized word inside a sentence
(the names) is replaced by an invented one, the same within the event, plus
an invented person and place that its reports mention; each event has 1 to
12 reports, each a random part
of the event's paragraphs in shuffled order, published within three days of
the event's start; starts are spread uniformly over one year. Events differ
from each other as real ones do (new names, overlapping vocabulary), so a
clusterer's stories end and can retire. Output: JSON Lines sorted by time,
with the event id as gold ("event"); not committed.

usage: gen_stream.py N DOCS_DIR... > stream.jsonl
"""
import json, os, random, re, sys

P = re.compile(rb"<P>(.*?)</P>", re.S)
H = re.compile(rb"<HEADLINE>(.*?)</HEADLINE>", re.S)
SYL = ["ka", "lo", "mir", "ten", "vas", "dro", "quel", "sun", "bar", "ith", "nor", "pel",
       "zan", "ru", "gav", "osk", "tri", "hal", "em", "vick"]


def load(roots):
    arts = []
    for root in roots:
        for dp, _, fs in os.walk(root):
            for f in sorted(fs):
                b = open(os.path.join(dp, f), "rb").read()
                for doc in b.split(b"</DOC>"):
                    ps = [" ".join(p.decode("utf-8", "replace").split()) for p in P.findall(doc)]
                    ps = [p for p in ps if len(p) > 40]
                    h = H.search(doc)
                    if len(ps) >= 3:
                        arts.append((" ".join(h.group(1).decode("utf-8", "replace").split()) if h else "", ps))
    return arts


CAP = re.compile(r"(?<=[a-z,;] )[A-Z][a-z]+")


def rename(p, names, rnd):
    """Replace the names inside sentences by invented ones, one per name."""
    def sub(m):
        w = m.group(0)
        if w not in names:
            names[w] = name(rnd)
        return names[w]
    return CAP.sub(sub, p)


def name(rnd):
    return "".join(rnd.choice(SYL) for _ in range(rnd.randint(2, 3))).capitalize()


def main():
    n = int(sys.argv[1])
    arts = load(sys.argv[2:])
    rnd = random.Random(42)
    start, year = 1483228800, 365 * 86400
    out, made, ev = [], 0, 0
    while made < n:
        srcs = [arts[rnd.randrange(len(arts))] for _ in range(4)]
        person, place = name(rnd) + " " + name(rnd), name(rnd)
        ps, names = [], {}
        for _, sp in srcs:
            ps += [rename(p, names, rnd) for p in rnd.sample(sp, min(len(sp), rnd.randint(2, 3)))]
        ps[0] = "%s (%s) -- %s" % (place.upper(), person, ps[0])
        title = "%s: %s" % (place, srcs[0][0] or srcs[1][0])
        t0 = start + rnd.randrange(year)
        for _ in range(min(n - made, rnd.randint(1, 12))):
            k = max(2, int(len(ps) * rnd.uniform(0.4, 0.8)))
            body = rnd.sample(ps, min(k, len(ps)))
            body.append("%s said the situation in %s was being watched." % (person, place))
            out.append((t0 + rnd.randrange(3 * 86400), "e%d-%d" % (ev, made), title, "\n\n".join(body)))
            made += 1
        ev += 1
    out.sort()
    w = sys.stdout.write
    for t, i, title, text in out:
        w(json.dumps({"id": i, "title": title, "text": text, "published": t, "event": i.split("-")[0]}) + "\n")


if __name__ == "__main__":
    main()
