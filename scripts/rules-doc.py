#!/usr/bin/env python3
"""Writes docs/rules.md from the procedure catalogue (web/catalogue/procedures.toml):
every schedule rule by id, in both languages. Run after editing the catalogue:
/usr/bin/python3 scripts/rules-doc.py (tests/catalog/procedure_rules_test.cc checks
that every id of the catalogue is listed)."""
import os
import tomllib

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
with open(os.path.join(root, "web", "catalogue", "procedures.toml"), "rb") as f:
    catalogue = tomllib.load(f)

out = [
    "# Rules",
    "",
    "Every rule SPSE enforces on a procurement schedule, by id. The rules live as",
    "data in `web/catalogue/procedures.toml` (the procedure catalogue, DESIGN.md §3);",
    "this file is written from it by `scripts/rules-doc.py`, and",
    "`tests/catalog/procedure_rules_test.cc` checks that every id in the catalogue",
    "appears here. A rule's test is named after its id (`JDW_P1_04_...` proves",
    "`JDW-P1-04`); every procedure's proposed schedule is checked against all of its rules.",
    "",
    "Days are calendar days unless a rule says working days (hari kerja: the working",
    "weekdays minus the holidays Admin Sistem sets at `/admin/kalender`, Monday to Friday",
    "by default); working hours are set there too (08:00-16:00 by default), in",
    "the LPSE's zone. Sources: the schedule hints of today's SPSE \"Edit Jadwal\" page",
    "and its stage lists (`../shared/notes/spse-reference.md` §2) and DESIGN.md §3.",
    "",
]
for p in catalogue["procedure"]:
    out += [f"## {p['name']} (`{p['code']}`)", "", "| Id | Stage | Rule |", "|---|---|---|"]
    for st in p["stage"]:
        for r in st.get("rule", []):
            out.append(f"| {r['id']} | {st['name']} | {r['text']} ({r['text_en']}) |")
    out.append("")
out += [
    "## Catalogue rules",
    "",
    "| Id | Rule |",
    "|---|---|",
    "| KAT-01 | Prakualifikasi cannot use satu file; pascakualifikasi cannot use dua tahap (`catalogue.combination_forbidden`). |",
    "| KAT-02 | A stage may only wait for an earlier stage; only \"ends with\" looks ahead (`catalogue.ref_later`). |",
    "| KAT-03 | Rule ids are unique across the catalogue (`catalogue.rule_id_duplicate`). |",
    "| KAT-04 | A broken catalogue stops the server with the file, the place and the fault. |",
    "",
]
with open(os.path.join(root, "docs", "rules.md"), "w", encoding="utf-8") as f:
    f.write("\n".join(out))
