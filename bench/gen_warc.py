#!/usr/bin/env python3
"""gen_warc.py - write a gzip'd WARC 1.1 file from a directory of HTML pages
(by default trafilatura-eval), one gzip member per record, as crawlers write
them: a warcinfo record, then per page a request, a response (HTTP headers and
the page) and now and then a metadata record or a non-HTML response. A few
records are broken on purpose, and the expected counts are printed and
written beside the file (OUT.expect.json) for tests to check:

  - a response whose gzip member is cut in the middle (corrupt member)
  - a response whose member is whole but whose record is shorter than its
    Content-Length (truncated record)
  - a response whose member carries garbage instead of deflate data
  - the file ends in the middle of a last record

Every 13th page is sent gzip'd and chunked over HTTP, as servers do and as
CC-NEWS keeps it; those count as good responses.

usage: gen_warc.py [--pages DIR] [--repeat N] [--limit N] OUT.warc.gz
"""
import argparse
import gzip
import json
import os
import random
import sys
import uuid
import zlib

RNG = random.Random(2021)  # the same file on every run
EVAL_DIR = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data",
                        "trafilatura-eval")


def record(wtype, headers, payload):
    head = ["WARC/1.1", "WARC-Type: " + wtype,
            "WARC-Record-ID: <urn:uuid:%s>" % uuid.UUID(int=RNG.getrandbits(128)),
            "WARC-Date: 2021-03-04T05:06:07Z"]
    head += ["%s: %s" % kv for kv in headers]
    head.append("Content-Length: %d" % len(payload))
    return ("\r\n".join(head) + "\r\n\r\n").encode() + payload + b"\r\n\r\n"


def chunked(data, size=4000):
    out = b""
    for k in range(0, len(data), size):
        part = data[k:k + size]
        out += b"%x\r\n" % len(part) + part + b"\r\n"
    return out + b"0\r\n\r\n"


def member(data):
    return gzip.compress(data, compresslevel=6, mtime=0)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("out")
    ap.add_argument("--pages", default=None, help="directory of .html files")
    ap.add_argument("--repeat", type=int, default=1, help="write the pages N times")
    ap.add_argument("--limit", type=int, default=0, help="at most N pages")
    a = ap.parse_args()
    pages_dir = a.pages
    if pages_dir is None:
        shared = os.environ.get("SF_SHARED_DIR")
        base = os.path.join(shared, "data", "trafilatura-eval") if shared else EVAL_DIR
        pages_dir = os.path.join(base, "html")
    names = sorted(n for n in os.listdir(pages_dir) if n.endswith((".html", ".htm")))
    if a.limit:
        names = names[:a.limit]
    if not names:
        sys.exit("gen_warc: no pages in %s" % pages_dir)
    expect = {"records": 0, "responses": 0, "other_records": 0, "non_html": 0,
              "broken": 0, "broken_offsets": [], "encoded": 0}
    with open(a.out, "wb") as f:
        def put(data, kind):
            f.write(member(data))
            expect["records"] += 1
            if kind:
                expect[kind] += 1

        put(record("warcinfo", [("Content-Type", "application/warc-fields")],
                   b"software: storyfold gen_warc.py\r\nformat: WARC File Format 1.1\r\n"),
            "other_records")
        i = 0
        for rep in range(a.repeat):
            for name in names:
                i += 1
                url = "https://example.org/%d/%s" % (rep, name)
                with open(os.path.join(pages_dir, name), "rb") as p:
                    html = p.read()
                req = ("GET /%s HTTP/1.1\r\nHost: example.org\r\n\r\n" % name).encode()
                put(record("request", [("WARC-Target-URI", url),
                                       ("Content-Type", "application/http; msgtype=request")],
                           req), "other_records")
                if i % 13 == 5:
                    # as some servers send and CC-NEWS keeps: gzip'd and chunked
                    body = chunked(gzip.compress(html, compresslevel=6, mtime=0))
                    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                            b"Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n"
                            + body)
                    expect["encoded"] += 1
                else:
                    http = (b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
                            b"Content-Length: %d\r\n\r\n" % len(html)) + html
                resp = record("response", [("WARC-Target-URI", url),
                                           ("Content-Type", "application/http; msgtype=response")],
                              http)
                if i % 97 == 10:
                    # a member cut in the middle, then the file goes on
                    expect["broken_offsets"].append(f.tell())
                    m = member(resp)
                    f.write(m[: len(m) // 2])
                    expect["records"] += 1
                    expect["broken"] += 1
                elif i % 97 == 40:
                    # a whole member holding a record shorter than it says
                    expect["broken_offsets"].append(f.tell())
                    put(resp[: len(resp) // 2], "broken")
                elif i % 97 == 70:
                    # a gzip header followed by garbage
                    expect["broken_offsets"].append(f.tell())
                    f.write(b"\x1f\x8b\x08\x00\x00\x00\x00\x00\x00\x03" + b"\xff" * 200)
                    expect["records"] += 1
                    expect["broken"] += 1
                else:
                    put(resp, "responses")
                if i % 25 == 0:
                    img = (b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n"
                           b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
                    put(record("response", [("WARC-Target-URI", url + ".png"),
                                            ("Content-Type", "application/http; msgtype=response")],
                               img), "non_html")
                    put(record("metadata", [("WARC-Target-URI", url),
                                            ("Content-Type", "application/warc-fields")],
                               b"fetchTimeMs: 42\r\n"), "other_records")
        # the file ends in the middle of a record
        expect["broken_offsets"].append(f.tell())
        last = member(record("response", [("WARC-Target-URI", "https://example.org/last"),
                                          ("Content-Type", "application/http; msgtype=response")],
                             b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<html><body>"
                             + b"<p>cut short</p>" * 200))
        f.write(last[: len(last) // 3])
        expect["records"] += 1
        expect["broken"] += 1
    with open(a.out + ".expect.json", "w") as f:
        json.dump(expect, f, indent=1)
    print("gen_warc: wrote %s (%d bytes): %d records, %d HTML responses, %d other records, "
          "%d non-HTML responses, %d broken on purpose at offsets %s"
          % (a.out, os.path.getsize(a.out), expect["records"], expect["responses"],
             expect["other_records"], expect["non_html"], expect["broken"],
             expect["broken_offsets"]))


if __name__ == "__main__":
    main()
