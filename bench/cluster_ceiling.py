#!/usr/bin/env python3
"""cluster_ceiling.py - how far standard batch clusterers get on the DUC story
task, to read storyfold's B-cubed figures against. Each method sees the whole
collection at once (an advantage storyfold's stream does not have), its cut
is chosen on DUC 2006 and applied unchanged to DUC 2007 and to the pooled set,
as storyfold's parameters are; the best cut per set (chosen on that set's own
gold, optimistic) is printed beside.

Methods: TF-IDF (sublinear tf, English stopwords, df >= 2, df <= 50%) cosine
with average link; the same on shared-nearest-neighbour similarity (k = 20);
on vectors expanded by their 10 nearest neighbours; and on a 100-dimension
LSA projection. Needs numpy, scipy and scikit-learn (Debian:
python3-sklearn; `scripts/setup.sh --analysis` installs it). Analysis aid, not
a test.

usage: /usr/bin/python3 bench/cluster_ceiling.py DUC2006_DOCS DUC2007_DOCS
"""
import os, re, sys
from collections import Counter

import numpy as np
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix
from scipy.spatial.distance import squareform
from sklearn.decomposition import TruncatedSVD
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.preprocessing import normalize

TAG = re.compile(r"<(?:HEADLINE|TEXT)>(.*?)</(?:HEADLINE|TEXT)>", re.S)


def load(dirs):
    docs, gold = [], []
    for d in dirs:
        for t in sorted(os.listdir(d)):
            if not t.startswith("D"):
                continue
            for f in sorted(os.listdir(os.path.join(d, t))):
                s = open(os.path.join(d, t, f), encoding="latin-1").read()
                docs.append(re.sub(r"<[^>]+>", " ", " ".join(TAG.findall(s))))
                gold.append(t)
    return docs, gold


def bcubed(gold, pred):
    gc, pc, jc = Counter(gold), Counter(pred), Counter(zip(gold, pred))
    p = sum(jc[k] / pc[k[1]] for k in zip(gold, pred)) / len(gold)
    r = sum(jc[k] / gc[k[0]] for k in zip(gold, pred)) / len(gold)
    return 2 * p * r / (p + r)


def knn_mask(S, k):
    T = S.copy()
    np.fill_diagonal(T, -np.inf)
    idx = np.argsort(-T, axis=1)[:, :k]
    M = np.zeros_like(S)
    np.put_along_axis(M, idx, 1.0, axis=1)
    return M


def trees(docs):
    X = TfidfVectorizer(stop_words="english", sublinear_tf=True, min_df=2, max_df=0.5).fit_transform(docs)
    S = (X @ X.T).toarray()
    out = {"tfidf average link": linkage(X.toarray(), method="average", metric="cosine")}
    T = S * np.maximum(knn_mask(S, 20), knn_mask(S, 20).T)
    np.fill_diagonal(T, 1)
    N = normalize(T)
    D = np.clip(1 - N @ N.T, 0, None)
    np.fill_diagonal(D, 0)
    out["shared neighbours (k=20)"] = linkage(squareform((D + D.T) / 2, checks=False), method="average")
    Y = normalize(X + csr_matrix(knn_mask(S, 10) / 10) @ X)
    out["10-neighbour expansion"] = linkage(Y.toarray(), method="average", metric="cosine")
    L = normalize(TruncatedSVD(100, random_state=0).fit_transform(X))
    out["LSA-100"] = linkage(L, method="average", metric="cosine")
    return out


def main():
    d6, d7 = sys.argv[1], sys.argv[2]
    sets = {"2006": [d6], "2007": [d7], "pooled": [d6, d7]}
    cuts = [round(0.3 + 0.025 * i, 3) for i in range(28)]
    scores = {}
    for name, dirs in sets.items():
        docs, gold = load(dirs)
        for method, Z in trees(docs).items():
            scores[(name, method)] = {c: bcubed(gold, fcluster(Z, c, criterion="distance")) for c in cuts}
    print("B-cubed F1; cut chosen on 2006 (best cut per set in brackets)")
    for method in sorted({m for _, m in scores}):
        c06 = max(cuts, key=lambda c: scores[("2006", method)][c])
        row = ["%-28s cut %.3f" % (method, c06)]
        for name in sets:
            sc = scores[(name, method)]
            row.append("%s %.3f [%.3f]" % (name, sc[c06], max(sc.values())))
        print("  ".join(row))


if __name__ == "__main__":
    main()
