#!/usr/bin/env python3
"""Reshape news into the forms storyfold meets in the wild, to check that its
headlines and summaries stay clean whatever the shape of the input.

Sources:
  --pages DIR   web pages (trafilatura-eval/html): their text is what
                `storyfold extract --format json` finds (title and paragraphs),
                as a reader copying the article off the page would have it
  --duc DIR     DUC/TREC SGML (duc2006/docs): <HEADLINE> and the <P>s of <TEXT>
  --semeval CSV semeval2022-task8 training_set.csv: each distinct text once;
                the CSV runs a page's title and body together, parted by two
                spaces where it has a title (the oneline shape keeps the text
                as the CSV has it)

Shapes written under OUT/ (every article in every shape):
  wrapped/   plain text, paragraphs wrapped at 72 columns, a blank line
             between them, NO headline line (the title is left out)
  oneline/   one line per file: title (when there is one) and body run
             together with single spaces, as many one-line copies of pages
             and CSV dumps have it
  gz/        gzip'd HTML pages: a web page as it is (--pages), or
             <title> and <p>s (--duc)
  jsonl/     one JSON Lines file, {"id", "text"} with paragraphs apart by a
             blank line and no title field

usage: bench/reshape_news.py STORYFOLD (--pages DIR | --duc DIR | --semeval CSV) OUT [--limit N]
  e.g. bench/reshape_news.py build/storyfold --pages ../shared/data/trafilatura-eval/html /tmp/t/traf
       bench/reshape_news.py build/storyfold --duc ../shared/data/duc2006/docs /tmp/t/duc
The outputs come from the evaluation data: keep them out of the tree.
"""
import gzip
import html
import importlib.util
import json
import os
import re
import subprocess
import sys
import textwrap


def load_duc_to_text():
    here = os.path.dirname(os.path.abspath(__file__))
    spec = importlib.util.spec_from_file_location("duc_to_text", os.path.join(here, "duc_to_text.py"))
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def from_pages(sf, src, limit):
    """(id, title, paragraphs, raw page bytes) for each page."""
    names = sorted(n for n in os.listdir(src) if n.endswith((".html", ".htm")))[:limit]
    for i in range(0, len(names), 100):
        batch = [os.path.join(src, n) for n in names[i:i + 100]]
        out = subprocess.run([sf, "extract", "--format", "json", "-q", *batch],
                             capture_output=True, check=False).stdout.decode("utf-8", "replace")
        for line in out.splitlines():
            try:
                rec = json.loads(line)
            except ValueError:
                continue
            paras = [" ".join(p.split()) for p in rec.get("text", "").split("\n\n") if p.strip()]
            title = " ".join((rec.get("title") or "").split())
            if paras and title and paras[0] == title:
                paras = paras[1:]
            if not paras:
                continue
            with open(rec["origin"], "rb") as f:
                raw = f.read()
            yield rec["id"], title, paras, raw


def from_duc(src, limit):
    d2t = load_duc_to_text()
    n = 0
    for root, _dirs, files in sorted(os.walk(src)):
        for name in sorted(files):
            raw = open(os.path.join(root, name), encoding="latin-1").read()
            for doc in re.findall(r"<DOC>(.*?)</DOC>", raw, re.S | re.I):
                m = re.search(r"<DOCNO>\s*(.*?)\s*</DOCNO>", doc, re.S | re.I)
                if not m:
                    continue
                h = re.search(r"<HEADLINE>(.*?)</HEADLINE>", doc, re.S | re.I)
                title = " ".join(html.unescape(re.sub(r"<[^>]*>", " ", h.group(1))).split()) if h else ""
                paras = [p for t in re.findall(r"<TEXT>(.*?)</TEXT>", doc, re.S | re.I)
                         for p in d2t.paragraphs(t)]
                if not paras:
                    continue
                page = "<html><head><title>%s</title></head><body>%s</body></html>\n" % (
                    html.escape(title), "".join("<p>%s</p>\n" % html.escape(p) for p in paras))
                yield m.group(1), title, paras, page.encode("utf-8")
                n += 1
                if n >= limit:
                    return


def from_semeval(src, limit):
    import csv
    seen = set()
    with open(src, encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            for k in ("1", "2"):
                text, lang = row["text" + k], row["lang" + k]
                if not text.strip() or text in seen:
                    continue
                seen.add(text)
                ident = "%s-%s" % (lang, row["pair_id"].split("_")[int(k) - 1])
                title, sep, body = text.partition("  ")
                if not sep or not body.strip():
                    title, body = "", text
                paras = [" ".join(p.split()) for p in re.split(r"\n\s*\n|\n", body) if p.strip()]
                if not paras:
                    continue
                page = "<html><head><title>%s</title></head><body>%s</body></html>\n" % (
                    html.escape(" ".join(title.split())),
                    "".join("<p>%s</p>\n" % html.escape(p) for p in paras))
                yield ident, " ".join(title.split()), paras, page.encode("utf-8")
                if len(seen) >= limit:
                    return


def main():
    args = sys.argv[1:]
    limit = 10**9
    if "--limit" in args:
        k = args.index("--limit")
        limit = int(args[k + 1])
        del args[k:k + 2]
    if len(args) != 4 or args[1] not in ("--pages", "--duc", "--semeval"):
        sys.exit(__doc__)
    sf, kind, src, out = args
    for shape in ("wrapped", "oneline", "gz", "jsonl"):
        os.makedirs(os.path.join(out, shape), exist_ok=True)
    items = (from_pages(sf, src, limit) if kind == "--pages" else
             from_duc(src, limit) if kind == "--duc" else from_semeval(src, limit))
    n = 0
    with open(os.path.join(out, "jsonl", "all.jsonl"), "w", encoding="utf-8") as jl:
        for ident, title, paras, page in items:
            safe = re.sub(r"[^A-Za-z0-9._-]", "_", ident)
            with open(os.path.join(out, "wrapped", safe + ".txt"), "w", encoding="utf-8") as f:
                f.write("\n\n".join(textwrap.fill(p, 72, break_long_words=False, break_on_hyphens=False)
                                    for p in paras) + "\n")
            with open(os.path.join(out, "oneline", safe + ".txt"), "w", encoding="utf-8") as f:
                f.write(" ".join(([title] if title else []) + paras) + "\n")
            with gzip.GzipFile(os.path.join(out, "gz", safe + ".html.gz"), "wb", mtime=0) as f:
                f.write(page)
            jl.write(json.dumps({"id": safe, "text": "\n\n".join(paras)}, ensure_ascii=False) + "\n")
            n += 1
    print(f"{n} articles in 4 shapes under {out}", file=sys.stderr)


if __name__ == "__main__":
    main()
