#!/usr/bin/env python3
"""semeval_fit.py - fit and check the two fitted numbers of the clusterer's
event similarity (stream.c: EV_A, EV_B) on SemEval 2022 task 8 English pairs.

The similarity is 1 / (1 + exp(-z)), z = A + B ln(content + 0.01) + N ln(names),
names the factor NAME_FLOOR .. 1 of the names cosine (N fixed, see stream.c).
A and B are fitted by logistic regression on the graded target
(4 - Overall) / 3 (1 = very similar .. 0 = unrelated), on one half of the
pairs (even / odd pair numbers), and its Pearson correlation with Overall is
reported on the other half, beside the body cosine's; then on all pairs,
and over 20 random halvings. Input: the per-pair lines of
`BENCH_PAIRS_DUMP=1 bench_cluster_pairs pairs.jsonl 2> signals.txt`.

usage: semeval_fit.py signals.txt [N]
"""
import math, random, sys

NAME_FLOOR, NAME_FULL, EPS = 0.1, 0.8, 0.01


def load(path):
    rows = []
    for line in open(path):
        f = line.split()
        if f and f[0] == "pair":
            d = dict(zip(f[0::2], f[1::2]))
            rows.append({"i": int(d["pair"]), "ov": float(d["overall"]), "c": float(d["body"]),
                         "e": float(d["names"])})
    return rows


def pearson(x, y):
    n = len(x)
    mx, my = sum(x) / n, sum(y) / n
    sxy = sum((a - mx) * (b - my) for a, b in zip(x, y))
    sxx = sum((a - mx) ** 2 for a in x)
    syy = sum((b - my) ** 2 for b in y)
    return sxy / math.sqrt(sxx * syy)


def names(e):
    return NAME_FLOOR + (1 - NAME_FLOOR) * min(e / NAME_FULL, 1)


def prob(ab, n, r):
    z = ab[0] + ab[1] * math.log(r["c"] + EPS) + n * math.log(names(r["e"]))
    return 1 / (1 + math.exp(-z))


def fit(rows, n, iters=2000, lr=0.5):
    a, b = 0.0, 1.0
    for _ in range(iters):
        ga = gb = 0.0
        for r in rows:
            x = math.log(r["c"] + EPS)
            g = prob((a, b), n, r) - (4 - r["ov"]) / 3
            ga += g
            gb += g * x
        a -= lr * ga / len(rows)
        b -= lr * gb / len(rows)
    return a, b


def report(name, ab, n, rows):
    ov = [r["ov"] for r in rows]
    print("%-28s r %.3f   body cosine r %.3f" % (name, pearson([prob(ab, n, r) for r in rows], ov),
                                               pearson([r["c"] for r in rows], ov)))


def main():
    rows = load(sys.argv[1])
    n = float(sys.argv[2]) if len(sys.argv) > 2 else 1.1
    even = [r for r in rows if r["i"] % 2 == 0]
    odd = [r for r in rows if r["i"] % 2 == 1]
    fe, fo, fa = fit(even, n), fit(odd, n), fit(rows, n)
    print("names exponent N = %g; pairs: %d (even %d, odd %d)" % (n, len(rows), len(even), len(odd)))
    report("fit even (%.2f, %.2f) -> odd" % fe, fe, n, odd)
    report("fit odd (%.2f, %.2f) -> even" % fo, fo, n, even)
    report("fit even -> all", fe, n, rows)
    report("fit all (%.2f, %.2f) -> all" % fa, fa, n, rows)
    rnd, gains = random.Random(7), []
    for _ in range(20):
        idx = list(range(len(rows)))
        rnd.shuffle(idx)
        half = len(idx) // 2
        train, test = [rows[i] for i in idx[:half]], [rows[i] for i in idx[half:]]
        ab = fit(train, n, iters=1000)
        ov = [r["ov"] for r in test]
        gains.append(-pearson([prob(ab, n, r) for r in test], ov) + pearson([r["c"] for r in test], ov))
    gains.sort()
    print("20 random halvings, held-out |r| gain over the cosine: mean %.3f min %.3f median %.3f max %.3f"
          % (sum(gains) / len(gains), gains[0], gains[len(gains) // 2], gains[-1]))


if __name__ == "__main__":
    main()
