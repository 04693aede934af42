#!/usr/bin/env python3
"""Convert DUC/TREC newswire SGML into plain text files shaped as a reader
receives news by mail or copies it from a page: no headline, no markup, no
date line, each paragraph hard-wrapped at 72 columns and paragraphs apart by
a blank line. One file per <DOC>, named DOCNO.txt, in a tree that mirrors
the input's directories (a DUC topic stays one directory). With --dates, a
first line gives the day of <DATE_TIME> or <DATE> as a reader would see it
("July 7, 1999"), which storyfold reads as the publication time.
With --neutral-names, files are named by a hash of the DOCNO (doc-3f9a1c2b.txt)
instead of the DOCNO itself, whose agency and date (APW19990707.0181) would
otherwise give a reader with no dates the reports' order for free.

Paragraphs: each <P> element; in a <TEXT> without <P>, a blank line or an
indented line starts a paragraph (how wire copy marks them).

usage: bench/duc_to_text.py [--dates] [--neutral-names] SRC_DIR DST_DIR
  e.g. bench/duc_to_text.py ../shared/data/duc2006/docs /tmp/duc2006-text/docs
"""
import hashlib
import html
import os
import re
import sys
import textwrap


# Markup a reader never sees, dropped as storyfold's SGML reader drops it:
# editors' notes (<ANNOTATION>, "(STORY CAN END HERE...)") and the NYT wire's
# typesetting codes (&QL; &QC; &QR; quads, &UR; &LR; rules), which
# html.unescape would leave in the text as they are.
NO_TEXT = re.compile(r"<ANNOTATION>.*?</ANNOTATION>|&(?:QL|QC|QR|UR|LR);", re.S | re.I)


def paragraphs(body):
    body = NO_TEXT.sub(" ", body)
    if re.search(r"<P>", body, re.I):
        parts = re.split(r"</?P>", body, flags=re.I)
    else:
        parts, cur = [], []
        for line in body.split("\n"):
            if not line.strip() or line[:1] in " \t":
                if cur:
                    parts.append("\n".join(cur))
                cur = [line] if line.strip() else []
            else:
                cur.append(line)
        if cur:
            parts.append("\n".join(cur))
    for p in parts:
        p = re.sub(r"<[^>]*>", " ", p)
        p = " ".join(html.unescape(p).split())
        if p:
            yield p


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def day_line(doc, docno):
    """The day from <DATE_TIME>, else from the DOCNO (APW19990707.0181)."""
    for m in (re.search(r"<DATE_TIME>\s*(\d{4})-(\d\d)-(\d\d)", doc),
              re.match(r"[A-Z_]+(\d{4})(\d\d)(\d\d)", docno)):
        if m and 1 <= int(m.group(2)) <= 12 and 1 <= int(m.group(3)) <= 31:
            return f"{MONTHS[int(m.group(2)) - 1]} {int(m.group(3))}, {m.group(1)}"
    return None


def file_name(docno, neutral):
    if neutral:
        return "doc-" + hashlib.sha1(docno.encode()).hexdigest()[:8] + ".txt"
    return docno + ".txt"


def convert(src, dst, dates, neutral):
    raw = open(src, encoding="latin-1").read()
    n = 0
    for doc in re.findall(r"<DOC>(.*?)</DOC>", raw, re.S | re.I):
        m = re.search(r"<DOCNO>\s*(.*?)\s*</DOCNO>", doc, re.S | re.I)
        if not m:
            continue
        texts = re.findall(r"<TEXT>(.*?)</TEXT>", doc, re.S | re.I)
        paras = [p for t in texts for p in paragraphs(t)]
        if not paras:
            continue
        with open(os.path.join(dst, file_name(m.group(1), neutral)), "w", encoding="utf-8") as f:
            day = day_line(doc, m.group(1)) if dates else None
            if day:
                f.write(day + "\n\n")
            f.write("\n\n".join(textwrap.fill(p, 72, break_long_words=False,
                                              break_on_hyphens=False) for p in paras))
            f.write("\n")
        n += 1
    return n


def main():
    args = [a for a in sys.argv[1:] if a not in ("--dates", "--neutral-names")]
    if len(args) != 2:
        sys.exit(__doc__)
    dates = "--dates" in sys.argv
    neutral = "--neutral-names" in sys.argv
    src, dst = args
    total = 0
    for root, _dirs, files in os.walk(src):
        out = os.path.join(dst, os.path.relpath(root, src))
        os.makedirs(out, exist_ok=True)
        for name in sorted(files):
            total += convert(os.path.join(root, name), out, dates, neutral)
    print(f"{total} articles written under {dst}", file=sys.stderr)


if __name__ == "__main__":
    main()
