#!/usr/bin/env bash
# The two seed reports are one story with both articles; its summary cites both,
# carries no scraping noise, and says the SDF breached the Old City wall of Raqqa.
. "$(dirname "$0")/lib.sh"
seeds="$SRC/examples"
expect_exit 0 "run on the seeds" -- "$SF" run --format json "$seeds/000_22cf4d11e3497b41.txt" "$seeds/004_5c81459845075a55.txt"
python3 - "$TMP/out" <<'PY' && ok "one story with both seeds, summary cites both, no noise" || not_ok "seed story checks"
import json, sys
d = json.load(open(sys.argv[1]))
st = d["stories"]
assert len(st) == 1, f"{len(st)} stories"
ids = sorted(a["id"] for a in st[0]["articles"])
assert ids == ["000_22cf4d11e3497b41", "004_5c81459845075a55"], ids
cited = {s for sent in st[0]["summary"] for s in sent["sources"]}
assert cited == set(ids), f"cited {cited}"
text = " ".join(s["text"] for s in st[0]["summary"])
for bad in ("source:", "Rogelio Becker", "\u2022"):
    assert bad not in text, f"noise {bad!r} in summary"
# the first bullet says what happened, as the headline ("Backed forces
# breach wall around Raqqa's Old City") does: US-backed (SDF) forces
# breached the Old City wall
first = st[0]["summary"][0]["text"]
assert any(w in first for w in ("US-backed", "Syrian Democratic", "SDF")), first
assert "breach" in first and "wall" in first and "Old City" in first, first
# and where: Raqqa; and who backs them: the US
assert "Raqqa" in first and ("US-backed" in first or "US-led" in first), first
# the outlet of the Khaleej Times seed comes from its "source:" tag; the
# other seed names no outlet, only its author at the end
arts = {a["id"]: a for a in st[0]["articles"]}
assert arts["004_5c81459845075a55"]["source"] == "Khaleejtimes", arts
assert arts["000_22cf4d11e3497b41"]["author"] == "Rogelio Becker", arts
assert st[0]["headline"] == "Backed forces breach wall around Raqqa's Old City", st[0]["headline"]
PY
# the Markdown sources name the Khaleej Times seed's outlet and say plainly
# that the other's is unknown (its text names none: title, body, author)
expect_exit 0 "run on the seeds (Markdown)" -- "$SF" run "$seeds/000_22cf4d11e3497b41.txt" "$seeds/004_5c81459845075a55.txt"
expect_grep "$TMP/out" '^1\. Backed forces breach wall around Raqqa.s Old City \(000\\_22cf4d11e3497b41, outlet and time unknown, by Rogelio Becker\)$' "unknown outlet said plainly"
expect_grep "$TMP/out" '^2\. 004\\_5c81459845075a55 \(Khaleejtimes\)$' "outlet from the source: tag"
expect_exit 0 "sentences on the seeds" -- "$SF" sentences "$seeds/004_5c81459845075a55.txt"
expect_grep "$TMP/out" '^"There have been fierce clashes \(in the Old City\) since dawn today, with 200 of our fighters mobilising to the area," Syrian Elite Forces spokesman Mohammed Khaled Shaker said\.$' "quoted sentence with its attribution stays whole"
expect_grep "$TMP/out" '^The U\.S\. -led coalition|^The US envoy to the coalition, Brett McGurk, said on Twitter' "U.S./US sentences are whole"
finish
