#!/usr/bin/env python3
"""hanoi_2025_plan.py - writes the restructuring plan of 01/07/2025 for the hanoi-2020 demo.

The real mapping (Nghị quyết 1656/NQ-UBTVQH15, 16/06/2025: Hà Nội's 126 commune-level units,
51 phường + 75 xã; data/admin_units/ward_mapping_2025_hanoi.csv, from dvhcvn/20250701 and
thanglequoc, see data/SOURCES.md) applied to the demo's tree as it stands on 30/06/2025:
  - create: the 126 commune-level committees, above-base with type phuong/xa, under HN, coded
    HN.X<GSO code of the new unit> and named "Đảng bộ phường/xã <name>";
  - merge: every old ward/commune committee into its new unit (whole, or part when the old unit
    was split: its chi bộ then go to the first part; the residential chi bộ become chi bộ cơ sở
    of the new committee and keep their history);
  - move: the district Quân sự / Công an base organizations to the city's Quân sự / Công an
    committees (HN.QS, HN.CA);
  - end: each district committee; its other base organizations go to the new unit that takes
    most of its wards.
The sector committees (Khối, universities, enterprises) stay as they are.

usage: tools/hanoi_2025_plan.py DEMO.db MAPPING.csv UNITS_POST2025.csv > data/plans/hanoi-2025.csv
Matching is by names (district and ward, diacritics and case folded): the demo's committees are
named after the pre-2025 units. Prints to stderr the old units it could not map (none expected).
"""
import csv
import sqlite3
import sys
import unicodedata

DAY_BEFORE = "2025-06-30"
DATE = "01/07/2025"
DECISION = "1656/NQ-UBTVQH15"


def fold(s):
    s = s.replace("đ", "d").replace("Đ", "D").replace("Ð", "D")
    s = unicodedata.normalize("NFD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    return " ".join(s.lower().split())


def strip_prefix(name, prefixes):
    f = fold(name)
    for p in prefixes:
        if f.startswith(p + " "):
            return f[len(p) + 1:]
    return f


DISTRICT_PREFIXES = ["dang bo quan", "dang bo huyen", "dang bo thi xa", "quan", "huyen", "thi xa"]
WARD_PREFIXES = ["dang bo phuong", "dang bo xa", "dang bo thi tran", "phuong", "xa", "thi tran"]


def main():
    db, mapping_path, units_path = sys.argv[1:4]
    con = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    cols = [c[1] for c in con.execute("PRAGMA table_info(org_version)")]
    shape = ("COALESCE(v.tier, o.tier), COALESCE(v.form, o.form), "
             "COALESCE(v.base_type, o.base_type)") if "tier" in cols else "o.tier, o.form, o.base_type"
    rows = con.execute(
        "SELECT o.id, o.code, v.name, " + shape + ", v.parent_id FROM org o JOIN org_version v "
        "ON v.org_id = o.id WHERE v.valid_from <= ?1 AND v.valid_to > ?1 "
        "AND o.created_on <= ?1 AND o.ended_on > ?1", (DAY_BEFORE,)).fetchall()
    orgs = {r[0]: r for r in rows}
    root = [r for r in rows if r[1] == "HN"][0]
    kids = {}
    for r in rows:
        kids.setdefault(r[6], []).append(r)
    for k in kids.values():
        k.sort(key=lambda r: r[1])
    # the district committees: above-base children of HN with ward/commune committees under them
    districts = [r for r in kids.get(root[0], [])
                 if r[3] == 0 and any(w[3] == 1 and w[5] in (1, 2, 3) for w in kids.get(r[0], []))]

    # old (district, ward) -> [(new_code, type)]
    links = {}
    for m in csv.DictReader(open(mapping_path, encoding="utf-8")):
        if m["old_province_code"] != "01":
            continue
        key = (strip_prefix(m["old_district_full_name"], DISTRICT_PREFIXES),
               strip_prefix(m["old_ward_full_name"], WARD_PREFIXES))
        links.setdefault(key, []).append((m["new_ward_code"], m["merge_type"]))
    new_units = []
    for u in csv.DictReader(open(units_path, encoding="utf-8")):
        if u["province_code"] != "01":
            continue
        full = u["ward_full_name_2025_07"] or u["ward_full_name"]
        typ = "phuong" if u["ward_unit_type"] == "Phường" else "xa"
        word = "phường" if typ == "phuong" else "xã"
        name = full.split(" ", 1)[1] if " " in full else full
        new_units.append((u["ward_code"], "Đảng bộ %s %s" % (word, name), typ))
    new_codes = {c for c, _, _ in new_units}

    out = csv.writer(sys.stdout, lineterminator="\n")
    out.writerow(["action", "code", "name", "tier", "form", "type", "parent", "into", "part",
                  "decision_no", "date"])
    for code, name, typ in new_units:
        out.writerow(["create", "HN.X" + code, name, "above_base", "dang_bo", typ, "HN", "", "",
                      "", DATE])
    by_type = {}
    for r in kids.get(root[0], []):
        by_type[r[1]] = r
    missing = 0
    for d in districts:
        dname = strip_prefix(d[2], DISTRICT_PREFIXES)
        share = {}
        for w in kids.get(d[0], []):
            if not (w[3] == 1 and w[4] == 0 and w[5] in (1, 2, 3)):
                continue
            key = (dname, strip_prefix(w[2], WARD_PREFIXES))
            ls = links.get(key)
            if not ls:
                print("unmapped: %s %s (%s)" % (d[2], w[2], w[1]), file=sys.stderr)
                missing += 1
                continue
            seen = []
            for c, _ in ls:
                if c in new_codes and c not in seen:
                    seen.append(c)
            for c in seen:
                share[c] = share.get(c, 0) + 1
                out.writerow(["merge", w[1], "", "", "", "", "", "HN.X" + c,
                              "part" if len(seen) > 1 else "whole", DECISION, ""])
        for b in kids.get(d[0], []):
            if b[3] == 1 and b[5] == 8 and "HN.QS" in by_type:
                out.writerow(["move", b[1], "", "", "", "", "HN.QS", "", "", "", ""])
            elif b[3] == 1 and b[5] == 9 and "HN.CA" in by_type:
                out.writerow(["move", b[1], "", "", "", "", "HN.CA", "", "", "", ""])
        into = max(sorted(share), key=lambda c: share[c]) if share else ""
        out.writerow(["end", d[1], "", "", "", "", "", "HN.X" + into if into else "", "",
                      "", ""])
    if missing:
        sys.exit(1)


main()
