#!/usr/bin/env python3
"""store_batches.py - split a DUC-style document tree (one <DOC> per file) into
K batches in publication order, for measuring incremental ingest against one
batch (docs/store.md). Files are sorted by their <DATE_TIME> (then name) and
copied into OUT/b01 .. OUT/bK, each holding about the same number of files.
With --shuffle SEED, the files are dealt in a seeded random order instead.

usage: store_batches.py [--shuffle SEED] K OUT DOCS_DIR...
"""
import os, random, re, shutil, sys

DT = re.compile(rb"<DATE_TIME>\s*(.*?)\s*</DATE_TIME>", re.S)


def main(argv):
    seed = None
    if argv[:1] == ["--shuffle"]:
        seed, argv = int(argv[1]), argv[2:]
    if len(argv) < 3:
        sys.stderr.write(__doc__)
        return 2
    k, out, roots = int(argv[0]), argv[1], argv[2:]
    files = []
    for root in roots:
        for dp, _, fs in os.walk(root):
            for f in fs:
                if f.startswith(".") or f.startswith("_"):
                    continue
                p = os.path.join(dp, f)
                m = DT.search(open(p, "rb").read(4096))
                files.append((m.group(1).decode() if m else "", f, p))
    files.sort()
    if seed is not None:
        random.Random(seed).shuffle(files)
    for i, (_, f, p) in enumerate(files):
        d = os.path.join(out, "b%02d" % (i * k // len(files) + 1))
        os.makedirs(d, exist_ok=True)
        # topic directory kept in the name: the same document can be in two topics
        shutil.copy(p, os.path.join(d, os.path.basename(os.path.dirname(p)) + "_" + f))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
