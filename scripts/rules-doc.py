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
# Planning rules (Pasal 4(1)a-b): kept here, enforced in src/domain/planning.cc,
# proven by tests/domain/planning_test.cc (RUP_01_..., PKT_01_...).
PLANNING = [
    ("RUP-01", "Pagu item RUP lebih dari nol.", "A RUP item's pagu is above zero (`rup.pagu_invalid`)."),
    ("RUP-02", "Jadwal RUP: bulan 1-12, akhir tidak sebelum awal, pelaksanaan tidak dimulai sebelum pemilihan.",
     "Planned months are 1-12, no end before its start, the work does not start before the selection (`rup.schedule_order`)."),
    ("RUP-03", "Seleksi hanya untuk jasa konsultansi; Tender dan Tender Cepat tidak untuk konsultansi.",
     "Seleksi is for consultancy only; Tender and Tender Cepat never are (`rup.method_type_mismatch`)."),
    ("RUP-04", "Hanya draf yang diubah atau diumumkan; item yang diumumkan hanya dapat dibatalkan, dengan alasan.",
     "Only a draft changes or is published; a published item can only be cancelled, with a reason (`rup.not_draft`, `rup.reason_required`)."),
    ("PKT-01", "HPS tidak melebihi pagu item RUP paketnya.",
     "The HPS is never above the pagu of its package's RUP items (`paket.hps_above_pagu`)."),
    ("PKT-02", "Item RUP sebuah paket sudah diumumkan, dari instansi PPK, bertahun anggaran dan bermetode sama, dan tidak dipakai paket lain.",
     "A package's RUP items are published, of the PPK's agency, of one fiscal year and one method, and in no other package (`paket.rup_*`)."),
    ("PKT-03", "Tender, Seleksi, Tender Cepat diserahkan kepada Pokja Pemilihan; Pengadaan Langsung dan Penunjukan Langsung kepada Pejabat Pengadaan; e-Purchasing dan Swakelola tidak dipaketkan di sini.",
     "Tender, Seleksi and Tender Cepat go to a Pokja; the direct methods to a Pejabat Pengadaan; e-Purchasing and Swakelola get no package (`paket.assignee_wrong_kind`, `paket.method_not_procured`)."),
    ("PKT-04", "Jumlah baris HPS = volume (paling banyak 2 desimal) x harga satuan, dibulatkan setengah ke atas ke sen.",
     "An HPS line's amount is quantity (at most 2 decimals) x unit price, rounded half up to the sen (`hps.quantity_invalid`)."),
    ("PKT-05", "Paket diserahkan hanya dari draf, dengan rincian HPS dan KAK; sesudahnya tidak berubah.",
     "A package is handed over only from draft, with HPS lines and a KAK; it does not change afterwards (`paket.hps_required`, `paket.kak_required`, `paket.not_draft`)."),
]
out += ["## Planning rules (Pasal 4(1)a-b)", "", "| Id | Rule |", "|---|---|"]
out += [f"| {i} | {t} ({en}) |" for i, t, en in PLANNING]
out.append("")
# Participation and Pemberian Penjelasan rules (issue 4, items 6-7): enforced
# in src/domain/participation.cc and app/participation_service.cc, proven by
# tests/app/participation_test.cc (PRT_01_..., ANW_01_...).
PARTICIPATION = [
    ("PRT-01", "Penyedia mendaftar sebagai peserta sejak tender diumumkan sampai berakhirnya tahap pemasukan pertama (kirim kualifikasi atau upload penawaran).",
     "A vendor joins from publication until the end of the first submission stage (qualification or bid upload) (`participation.closed`)."),
    ("PRT-02", "Mendaftar berarti menyetujui Pakta Integritas; sidik SHA-256 teks yang disetujui disimpan.",
     "Joining means accepting the integrity pact; the SHA-256 of the exact text accepted is kept (`participation.pact_required`)."),
    ("PRT-03", "Hanya penyedia terverifikasi, aktif, dengan data perusahaan, dan tidak dalam Daftar Hitam yang dapat mendaftar atau bertanya.",
     "Only verified, active vendors with company data, off the Daftar Hitam, join or ask (`auth.forbidden`, `auth.blacklisted`, `participation.vendor_data_missing`)."),
    ("ANW-01", "Pertanyaan diajukan dan dijawab hanya selama tahap Pemberian Penjelasan berlangsung; jawaban tidak dapat diubah.",
     "Questions are asked and answered only while the penjelasan stage runs; an answer is never changed (`aanwijzing.not_open`, `aanwijzing.already_answered`)."),
    ("ANW-02", "Pertanyaan dapat dibaca semua orang, tetapi identitas penanya tidak pernah ditampilkan.",
     "Everyone reads the questions; who asked is never shown."),
    ("ANW-03", "Berita Acara Pemberian Penjelasan diterbitkan Pokja setelah tahap berakhir, satu kali per tahap, dan tetap (PDF disimpan dengan sidik SHA-256).",
     "The Pokja issues the BA Pemberian Penjelasan after the stage ends, once per stage, fixed (its PDF kept by SHA-256) (`aanwijzing.not_ended`, `minutes.already_issued`)."),
    ("ANW-04", "Hanya peserta tender yang dapat bertanya.", "Only participants ask (`participation.not_joined`)."),
]
out += ["## Participation rules (Pasal 4(1)b)", "", "| Id | Rule |", "|---|---|"]
out += [f"| {i} | {t} ({en}) |" for i, t, en in PARTICIPATION]
out.append("")
TENDER_DOCUMENTS = [
    ("DOC-01", "Tender tidak dapat diumumkan sebelum Dokumen Pemilihan diunggah.",
     "A tender is not published before its Dokumen Pemilihan is uploaded (`tender.document_required`)."),
    ("DOC-02", "Selama draf, Pokja menyusun persyaratan kualifikasi (usulan awal dari jenis pengadaan dan kualifikasi usaha paket) dan mengunggah dokumen; versi baru menggantikan versi sebelumnya tanpa adendum.",
     "While a draft, the Pokja edits the qualification requirements (proposed from the package's type and qualification) and uploads documents; a new version replaces the one before without an addendum (`requirement.required`, `document.kind_invalid`)."),
    ("DOC-03", "Dokumen tender hanya diunduh oleh peserta (dan Pokja); setiap unduhan dicatat (dokumen, pengguna, waktu, alamat IP) dan tampil bagi Pokja.",
     "Only participants (and the Pokja) download the tender documents; every download is logged (document, user, time, address) and shown to the Pokja (`participation.not_joined`)."),
    ("ADD-01", "Setelah tender diumumkan, perubahan dokumen atau persyaratan adalah adendum bernomor (Adendum 1, 2, ...) yang wajib beralasan dan diumumkan; versi lama tetap dapat diunduh.",
     "After publication a change of a document or of the requirements is a numbered addendum with a published reason; earlier versions stay downloadable (`addendum.reason_required`)."),
    ("ADD-02", "Adendum hanya diterbitkan selama tender berjalan dan sebelum batas akhir pemasukan dokumen (tahap kirim kualifikasi atau upload penawaran).",
     "Addenda are issued only while the tender runs and before the submission deadline (`addendum.closed`, `tender.not_running`)."),
    ("NTC-01", "Setiap peserta menerima pemberitahuan di kotak masuk (dan email bila dipilih) saat adendum diterbitkan, jadwal diubah, atau tender dibatalkan.",
     "Every participant is told in the inbox (and by mail when chosen) of each addendum, schedule change and cancellation."),
]
out += ["## Tender document rules (Pasal 4(1)b)", "", "| Id | Rule |", "|---|---|"]
out += [f"| {i} | {t} ({en}) |" for i, t, en in TENDER_DOCUMENTS]
out.append("")
with open(os.path.join(root, "docs", "rules.md"), "w", encoding="utf-8") as f:
    f.write("\n".join(out))
