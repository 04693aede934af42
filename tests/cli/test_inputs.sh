#!/usr/bin/env bash
# test_inputs.sh - inputs as they come (docs/input-formats.md): a folder a
# browser saved (page plus scripts, styles, images) gives one article and one
# summary line of skipped files; files are judged by their first bytes, so a
# script without an extension is skipped too; .jsonl.gz and a JSON array are
# read; a page without article text is a warning with exit 0; --include and
# --exclude choose the files of a folder.
source "$(dirname "$0")/lib.sh"
d="$TMP/saved"; mkdir -p "$d/page_files"
cat >"$d/page.html" <<'HTML'
<!DOCTYPE html><html><head><title>Harbour crane collapses in Kellby | Valley Daily</title>
<link rel="stylesheet" href="page_files/style.css"><script src="page_files/app.js"></script></head><body>
<nav><a href="/">Home</a></nav><article><h1>Harbour crane collapses in Kellby</h1>
<p>A container crane collapsed at the harbour of Kellby on Tuesday morning, injuring three dock workers, the port authority said.</p>
<p>The crane, built in 1987, was lifting an empty container when its boom folded, said Mara Dunmore, a spokeswoman for the port.</p>
<p>"We have closed the north quay until engineers have inspected every crane," Dunmore said.</p></article></body></html>
HTML
printf 'function track(a){if(a){window.dataLayer=window.dataLayer||[];dataLayer.push(a);}}\nvar x = {a: 1};\n' >"$d/page_files/app.js"
printf 'body { margin: 0; }\n.nav { color: #333; }\narticle p { line-height: 1.5; }\n' >"$d/page_files/style.css"
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\1' >"$d/page_files/logo.png"
printf '\xff\xd8\xff\xe0\0\x10JFIF\0' >"$d/page_files/photo.jpg"
printf '<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0"/></svg>' >"$d/page_files/icon.svg"
printf 'track({a:1});var y=2;\n' >"$d/page_files/analytics"   # a script without an extension

expect_exit 0 "a saved web page folder" -- "$SF" cluster "$d"
[ "$(grep -c '"story"' "$TMP/out")" -eq 1 ] && ok "one article from the saved page" || not_ok "articles: $(cat "$TMP/out")"
expect_grep "$TMP/out" '"id": "page"' "the article is the page"
[ "$(grep -c 'skipped' "$TMP/err")" -eq 1 ] && ok "skipped files: one line" || not_ok "skip lines: $(cat "$TMP/err")"
expect_grep "$TMP/err" '^storyfold cluster: 6 files skipped, holding no articles \(.*image: 3.*\); -v names them$' "the line counts them by kind"
expect_exit 0 "-v names each skipped file" -- "$SF" run -v "$d"
expect_grep "$TMP/err" 'page_files/analytics: script or style sheet skipped' "a script without extension is known by its content"
expect_grep "$TMP/err" 'page_files/logo.png: image skipped' "an image is named"
expect_exit 0 "-q: quiet" -- "$SF" run -q "$d"
[ ! -s "$TMP/err" ] && ok "-q prints nothing on stderr" || not_ok "-q printed: $(cat "$TMP/err")"

# --include / --exclude (globs on names within a folder)
mkdir -p "$TMP/mix/sub"
printf 'Dam opens\n\nThe Marlow dam opened its gates on Monday after heavy rain, officials said.\n' >"$TMP/mix/a.txt"
printf 'Bridge shut\n\nThe Tamsin bridge was shut on Monday as the river rose, police said.\n' >"$TMP/mix/sub/b.txt"
printf '{"id":"j1","title":"Schools shut","text":"Schools in Marlow stayed closed on Tuesday after the flood."}\n' >"$TMP/mix/c.jsonl"
expect_exit 0 "--include" -- "$SF" cluster --include '*.txt' "$TMP/mix"
[ "$(grep -c '"story"' "$TMP/out")" -eq 2 ] && ok "--include '*.txt' reads the two text files" || not_ok "got: $(cat "$TMP/out")"
expect_exit 0 "--exclude" -- "$SF" cluster --exclude 'sub' --exclude='*.jsonl' "$TMP/mix"
[ "$(grep -c '"story"' "$TMP/out")" -eq 1 ] && expect_grep "$TMP/out" '"id": "a.txt"|"id": "a"' "--exclude leaves a folder and a pattern out" \
    || not_ok "--exclude got: $(cat "$TMP/out")"

# .jsonl.gz (any format gzip'd) and a JSON array
printf '{"id":"g1","title":"Crane falls","text":"A crane fell in Kellby on Tuesday, the port said."}\n{"id":"g2","title":"Dam opens","text":"The Marlow dam opened its gates on Monday after heavy rain."}\n' | gzip >"$TMP/arts.jsonl.gz"
expect_exit 0 ".jsonl.gz" -- "$SF" cluster "$TMP/arts.jsonl.gz"
expect_grep "$TMP/out" '"id": "g2"' ".jsonl.gz is read as JSON Lines"
printf '[\n {"id":"r1","title":"Bridge shut","text":"The Tamsin bridge was shut on Monday as the river rose."},\n {"id":"r2","text":"Schools in Marlow stayed closed on Tuesday."}\n]\n' >"$TMP/arr.json"
expect_exit 0 "a JSON array" -- "$SF" cluster "$TMP/arr.json"
expect_grep "$TMP/out" '"id": "r2"' "every element of the array is an article"
cp "$TMP/arr.json" "$TMP/noname"; gzip "$TMP/noname"
expect_exit 0 "a gzip'd JSON array without a telling name" -- "$SF" cluster "$TMP/noname.gz"
expect_grep "$TMP/out" '"id": "r1"' "found by content"
printf '[{"id":"x1","text":"fine text here."}, {"id":"x2","text":7}]' >"$TMP/bad.json"
expect_exit 1 "a bad element of a JSON array" -- "$SF" cluster "$TMP/bad.json"
expect_grep "$TMP/err" 'bad.json: record 2: field .text. must be a string' "the element is named by its number"

# a page without article text: a warning, exit 0
printf '<html><body><nav><a href="/">Home</a></nav><form>Log in</form></body></html>' >"$TMP/login.html"
expect_exit 0 "a page without article text beside an article" -- "$SF" run "$TMP/login.html" "$d/page.html"
expect_grep "$TMP/err" 'login.html: no article text found in the page' "the page is named in a warning"
expect_exit 0 "--strict does not stop at a page without text" -- "$SF" cluster --strict "$TMP/login.html" "$TMP/arr.json"
expect_grep "$TMP/out" '"id": "r1"' "the next file is read"
# input that cannot be read is still exit 1
expect_exit 1 "a missing file" -- "$SF" cluster "$TMP/arr.json" "$TMP/missing.json"
finish
