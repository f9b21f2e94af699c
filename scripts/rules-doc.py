#!/usr/bin/env python3
"""Writes docs/rules.md from the procedure catalogue (web/catalogue/procedures.toml):
every schedule rule by id, in both languages, the rules kept here (planning,
participation, documents, sealed bids, evaluation, contracts) and the evaluation methods. Run after editing the catalogue:
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
SEALED_BIDS = [
    ("KEY-01", "Kunci tender dibagi k dari n (Shamir): n = anggota Pokja, 2 <= k <= n (bawaan: mayoritas); setiap amplop (dua file: teknis dan harga) memiliki kunci sendiri.",
     "The tender key is split k of n (Shamir): n = the Pokja's members, 2 <= k <= n (default a majority); each envelope (dua file: technical and price) has its own key (`key.threshold_invalid`, `bid.envelope_invalid`)."),
    ("KEY-02", "Kunci tender dibuat oleh ketua Pokja di perangkatnya sendiri, satu kali, sebelum tahap upload penawaran dimulai; server tidak pernah memegang kunci privat utuh.",
     "The chair makes the tender key on their own machine, once, before the bid stage begins; the server never holds the whole private key (`key.chair_only`, `key.already_set`, `key.too_late`)."),
    ("KEY-03", "Setiap anggota menerima tepat satu bagian kunci yang disegel untuk kunci pribadinya; semua anggota harus sudah memiliki kunci pribadi.",
     "Every member gets exactly one share, sealed to their personal key; every member needs a personal key first (`key.member_without_key`, `key.shares_mismatch`, `key.share_invalid`)."),
    ("KEY-04", "Kunci pribadi anggota hanya disimpan terbungkus frasa sandi (argon2id) yang tidak pernah dilihat server, dan tidak dapat diganti selama memegang bagian kunci tender yang berjalan.",
     "A member's personal key is stored only wrapped under a passphrase (argon2id) the server never sees, and cannot be replaced while it holds a share of a running tender (`key.in_use`)."),
    ("BID-01", "Penawaran hanya diterima selama tahap Upload Dokumen Penawaran berlangsung (mulai <= waktu server < batas akhir) dan setelah kunci tender dibuat.",
     "Bids are taken only while the bid stage runs (start <= server time < deadline) and once the tender key is set (`bid.not_open`, `bid.deadline_passed`, `bid.no_tender_key`)."),
    ("BID-02", "Penawaran berlaku hanya bila setiap berkasnya tersimpan tahan-gangguan (fsync) sebelum batas akhir menurut jam server, dengan ukuran dan SHA-256 sama dengan yang dinyatakan peramban; unggahan yang selesai setelah batas akhir ditolak walau dimulai sebelumnya. Penawaran yang berlaku mendapat tanda terima bertanda tangan Ed25519.",
     "A bid counts only when each file is durably stored (fsync) before the deadline by the server clock, with the size and SHA-256 the browser declared; an upload completed after the deadline is refused even if it began before. A counting bid gets an Ed25519-signed receipt (`bid.file_mismatch`, `bid.deadline_passed`)."),
    ("BID-03", "Penyedia dapat mengganti penawaran sampai batas akhir; yang terakhir lengkap berlaku, yang sebelumnya disimpan untuk audit.",
     "A vendor may replace the bid until the deadline; the latest complete one counts, earlier ones are kept for the audit."),
    ("BID-04", "Penyedia dapat menarik penawarannya sebelum batas akhir.", "A vendor may withdraw the bid before the deadline (`bid.not_submitted`)."),
    ("BID-05", "Hanya peserta tender yang dapat memasukkan penawaran.", "Only participants bid (`participation.not_joined`)."),
    ("BID-06", "Berkas yang dinyatakan: 1-20 berkas bernama bersih dan berbeda, ukuran dan SHA-256 wajar; formulir harga tepat satu kali di amplop yang memuat harga dan tidak pernah di amplop teknis.",
     "Declared files: 1-20 with clean, distinct names, plausible sizes and SHA-256; the price form exactly once in envelopes that carry the price, never in the technical one (`bid.files_required`, `bid.price_form_required`, `bid.price_form_misplaced`, ...)."),
    ("CLS-01", "Pada batas akhir tender ditutup untuk penawaran satu kali, dengan entri audit yang mencatat jumlah penawaran dan sidik SHA-256 tanda terima masing-masing.",
     "At the deadline the tender closes for bids once, with an audit entry naming the number of bids and the SHA-256 of each receipt."),
    ("OPN-01", "Amplop dibuka hanya setelah batas akhir; amplop harga dua file hanya setelah amplop teknis dibuka dan hasil teknis dicatat, dan hanya milik penawar yang lulus. Kurang dari k bagian kunci tidak membuka apa pun.",
     "Envelopes open only after the deadline; a dua-file price envelope only after the technical one is opened and its results are recorded, and only for bidders who passed. Fewer than k shares open nothing (`opening.before_deadline`, `opening.technical_first`)."),
    ("OPN-02", "k anggota Pokja membuka bagian kuncinya di peramban dengan frasa sandi masing-masing; kunci dibentuk kembali di memori server saja, diperiksa terhadap kunci publik, lalu setiap berkas dibuka dan dicocokkan dengan tanda terimanya, harga dibaca dari formulir harga, dan Berita Acara Pembukaan Penawaran diterbitkan.",
     "k members unlock their shares in the browser with their own passphrases; the key is rebuilt in server memory only, checked against the public key, every file opened and matched against its receipt, prices read from the price forms, and the BA Pembukaan Penawaran issued (`opening.share_invalid`, `opening.key_mismatch`)."),
    ("OPN-03", "Berkas yang gagal dibuka atau tidak cocok dicatat dengan fakta teknisnya; percobaan kedua dilakukan di sistem dengan disaksikan petugas LPSE dan dituangkan dalam Berita Acara Kesaksian (Pasal 23 ayat (2)).",
     "A file that fails to open or to match is recorded with its technical facts; a second attempt is made in the system, witnessed by an LPSE officer, and recorded in a Berita Acara Kesaksian (Pasal 23(2)) (`opening.file_not_failed`, `opening.key_gone`)."),
]
out += ["## Sealed bid rules (Pasal 4(1)c, 23(2))", "", "| Id | Rule |", "|---|---|"]
out += [f"| {i} | {t} ({en}) |" for i, t, en in SEALED_BIDS]
out.append("")
# Evaluation rules (Pasal 4(1)c; issue 6): enforced in src/domain/evaluation.cc
# (EVL-01, EVL-13, EVL-14 in the evaluation service, tests/app/evaluation_service_test.cc), proven by tests/domain/evaluation_test.cc
# (EVL_02_..., EVL_10_...). The methods themselves are catalogue data, listed below.
EVALUATION = [
    ("EVL-01", "Penilaian hanya dicatat oleh anggota Pokja tender itu, setelah penawaran dibuka; hasil kesepakatan dicatat ketua Pokja. Tidak ada yang diubah: penilaian baru menggantikan yang lama dan yang lama tetap terlihat.",
     "Judgements are recorded only by the tender's Pokja members, after the bids are opened; the agreed result by the chair. Nothing is changed: a new judgement replaces the earlier one, which stays visible."),
    ("EVL-02", "Setiap penilaian menyebut kriteria metode evaluasi; yang gugur wajib beralasan; kriteria bernilai diberi skor 0-100; biaya umur ekonomis berupa jumlah rupiah.",
     "A judgement names a criterion of the method; a failing one gives its reason; scored criteria take 0-100; life-cycle costs an amount in rupiah (`evaluation.criterion_unknown`, `evaluation.reason_required`, `evaluation.score_invalid`, `evaluation.amount_invalid`)."),
    ("EVL-03", "Koreksi aritmatik (kontrak harga satuan dan gabungan): volume HPS x harga satuan penawar, dibulatkan setengah ke atas; mata pembayaran yang tidak diberi harga bernilai 0 (dianggap termasuk harga lain); yang tidak ada di HPS diabaikan; harga satuan di atas 110% HPS ditandai timpang untuk diklarifikasi. Hasil koreksi dapat lebih rendah atau lebih tinggi; kontrak lumsum tetap pada harga yang ditulis.",
     "Arithmetic correction (unit-price and combined contracts): the HPS quantity x the bidder's unit price, rounded half up; an unpriced line counts 0 (included in the other prices); lines not in the HPS are left out; unit prices above 110% of the HPS's are flagged unbalanced, to clarify. The correction may lower or raise the price; lump-sum contracts keep the price written (`evaluation.overflow`)."),
    ("EVL-04", "Sistem gugur: administrasi, teknis, harga, berurutan; penawar yang gugur di satu tahap tidak dievaluasi lebih lanjut, dengan alasan per kriteria. Hasil belum lengkap selama ada penilaian yang ditunggu; tanpa penawaran pemilihan gagal.",
     "Pass/fail stages in order: administration, technical, price; a bidder failing one is not evaluated further, with a reason per criterion. The outcome is incomplete while a judgement is awaited; no bids fails the selection (`evaluation.no_bids`, `evaluation.none_passed`)."),
    ("EVL-05", "Harga terkoreksi di atas HPS gugur (kecuali metode kualitas dan pagu anggaran, yang gugur di atas pagu); penawaran tanpa harga terbuka gugur; bila semua harga di atas HPS pemilihan gagal. Harga di bawah 80% HPS ditandai untuk klarifikasi kewajaran harga, tidak digugurkan.",
     "A corrected price above the HPS fails (quality and fixed-budget methods: above the pagu); a bid without an opened price fails; every price above the HPS fails the selection. Below 80% of the HPS is flagged for a reasonableness check, not failed (`evaluation.above_hps`, `evaluation.above_pagu`, `evaluation.price_not_opened`, `evaluation.all_above_hps`)."),
    ("EVL-06", "Harga terendah (sistem gugur, ambang batas, biaya terendah): dari yang lulus, harga terkoreksi terendah menjadi peringkat pertama; ambang batas: nilai teknis tertimbang paling sedikit sama dengan nilai ambang batas.",
     "Lowest price (pass/fail, threshold, least cost): among those that pass, the lowest corrected price ranks first; threshold: the weighted technical score must reach the pass mark (`evaluation.below_pass_mark`)."),
    ("EVL-07", "Sistem nilai dan kualitas dan biaya: nilai harga = harga terendah / harga x 100; nilai total = bobot teknis x nilai teknis + (100 - bobot) x nilai harga, dalam perseratus dibulatkan setengah ke atas; nilai total tertinggi menjadi peringkat pertama.",
     "Merit point and quality-and-cost: price score = lowest price / price x 100; total = technical weight x technical score + (100 - weight) x price score, in hundredths rounded half up; the highest total ranks first."),
    ("EVL-08", "Kualitas dan pagu anggaran: nilai teknis tertinggi menjadi peringkat pertama; harga tidak boleh melebihi pagu.",
     "Quality and fixed budget: the highest technical score ranks first; the price may not exceed the pagu (`evaluation.above_pagu`)."),
    ("EVL-09", "Penilaian biaya selama umur ekonomis: harga terkoreksi ditambah biaya operasional dan pemeliharaan dikurangi nilai sisa; terendah menjadi peringkat pertama; biaya itu disepakati sebelum tahap harga diputuskan.",
     "Life-cycle cost: the corrected price plus operating and maintenance costs less the residual value; the lowest ranks first; the costs are agreed before the price stage is decided."),
    ("EVL-10", "Nilai peringkat yang sama diurutkan menurut tie break metode (nilai teknis lebih tinggi, lalu penawaran yang lebih dahulu lengkap). Pascakualifikasi: kualifikasi dan pembuktian dievaluasi menurut urutan peringkat sampai tiga penawar lulus; yang pertama lulus menjadi pemenang, berikutnya pemenang cadangan 1 dan 2.",
     "Equal ranking values are ordered by the method's tie breaks (the higher technical score, then the bid complete first). Post-qualification: qualification and the proof are evaluated down the ranking until three bidders pass; the first is the winner, the next ones reserves 1 and 2."),
    ("EVL-11", "Undangan pembuktian kualifikasi untuk waktu yang akan datang, di dalam tahap Pembuktian Kualifikasi bila ada, dengan tempat.",
     "A qualification proof invitation is for a future time, within the pembuktian stage when there is one, with a place (`evaluation.proof_time_invalid`, `evaluation.place_required`)."),
    ("EVL-12", "Penetapan pemenang hanya selama tahap Penetapan berlangsung, pengumuman hanya selama tahap Pengumuman Pemenang, dan hanya selama tender berjalan.",
     "The award is decided only while the penetapan stage runs, announced only while the pengumuman pemenang stage runs, and only while the tender runs (`evaluation.stage_not_started`, `evaluation.stage_over`, `tender.not_running`)."),
    ("EVL-13", "Penetapan oleh ketua Pokja hanya bila evaluasi lengkap; hasil evaluasi dibekukan bersama Berita Acara Hasil Pemilihan dan tidak ada penilaian lagi sesudahnya. Tanpa pemenang pemilihan dinyatakan gagal dan hasilnya langsung terbuka.",
     "The chair decides only when the evaluation is complete; the results are frozen with the Berita Acara Hasil Pemilihan and no judgement follows. Without a winner the selection fails and its result is public at once (`evaluation.chair_only`, `evaluation.incomplete`, `evaluation.decided`)."),
    ("EVL-14", "Pengumuman pemenang oleh ketua Pokja membuka hasil yang dibekukan untuk umum dan memberi tahu setiap peserta (kotak masuk dan email); sebelum itu hasil dan Berita Acara hanya untuk Pokja dan auditor.",
     "The chair's announcement makes the frozen results public and tells every participant (inbox and email); before it the results and the minutes are for the Pokja and auditors only (`evaluation.not_decided`, `evaluation.already_announced`, `evaluation.not_announced`)."),
    ("NEG-01", "Klarifikasi teknis dan negosiasi hanya selama tahapnya, oleh ketua Pokja atau Pejabat Pengadaan, dengan calon penyedia (non-tender: hasil evaluasi sebelum penetapan; seleksi: pemenang yang diumumkan). Negosiasi tidak menaikkan harga: harga hasil negosiasi lebih dari nol, paling tinggi harga evaluasi dan HPS, dengan catatan hasilnya, dalam Berita Acara Negosiasi; koreksi adalah Berita Acara baru. Bila penetapan ada di tahap negosiasi (non-tender), penetapan menunggu negosiasi dan memakai harga hasilnya, lalu langsung diumumkan.",
     "Technical clarification and negotiation only during its stage, by the Pokja chair or the procurement official, with the candidate (non-tender: the evaluation's, before the decision; seleksi: the announced winner). It never raises the price: the agreed price is above zero and at most the evaluated price and the HPS, with what was agreed written down, in the negotiation minutes; a correction is new minutes. Where the award is decided in the negotiation stage (non-tender), the decision waits for the negotiation, takes its price and is announced at once (`negotiation.above_offer`, `negotiation.above_hps`, `negotiation.notes_required`, `negotiation.no_candidate`, `negotiation.required`)."),
]
out += ["## Evaluation rules (Pasal 4(1)c)", "", "| Id | Rule |", "|---|---|"]
out += [f"| {i} | {t} ({en}) |" for i, t, en in EVALUATION]
out.append("")
# SPPBJ and contract rules (Pasal 4(1)c; issue 6, items 5 and 8): enforced in
# src/domain/contract.cc and app/contract_service.cc, proven by
# tests/domain/contract_test.cc and tests/app/contract_service_test.cc (KTR_01_...).
CONTRACT = [
    ("KTR-01", "SPPBJ hanya diterbitkan oleh PPK paket itu, untuk penetapan pemenang yang sudah diumumkan dan tidak dibatalkan, sekali per penetapan, setelah masa sanggah berakhir (tanpa tahap sanggah: setelah tahap penetapan), selama tidak ada sanggah atau sanggah banding yang belum dijawab, dan (seleksi) setelah negosiasi dengan pemenang, dengan harga hasil negosiasi. Nomor dibuat \"SPPBJ/<kode tender>/<n>\" atau diketik PPK.",
     "The SPPBJ is issued only by the package's PPK, for an announced, unrevoked award decision with a winner, once per decision, after the objection period ended (without a sanggah stage: after the penetapan stage), while no objection or appeal is pending, and (seleksi) after the negotiation with the winner, at its agreed price. Its number is \"SPPBJ/<tender code>/<n>\" or the one the PPK types (`contract.ppk_only`, `contract.objection_period`, `contract.objection_pending`, `contract.negotiation_pending`, `contract.not_announced`, `contract.no_winner`, `contract.sppbj_exists`)."),
    ("KTR-02", "Kontrak dicatat setelah SPPBJ, oleh PPK yang sama; tanggal penandatanganan tidak sebelum tanggal SPPBJ dan tidak di masa depan (zona waktu LPSE).",
     "The contract is recorded after the SPPBJ, by the same PPK; the signing date is not before the SPPBJ's date and not in the future, in the LPSE's zone (`contract.no_sppbj`, `contract.date_before_sppbj`, `contract.date_future`)."),
    ("KTR-03", "Nilai kontrak lebih dari nol, tidak melebihi harga penetapan (negosiasi boleh menurunkan) dan tidak melebihi HPS; untuk metode Kualitas dan Pagu Anggaran batasnya pagu. Jangka waktu 1-3650 hari; nomor kontrak (paling banyak 100 karakter) dan para penanda tangan (PPK dengan NIP 18 digit, wakil penyedia dengan jabatan) wajib diisi.",
     "The contract value is above zero, not above the award price (negotiation may lower it) and not above the HPS; for the Kualitas and Pagu Anggaran methods the ceiling is the pagu. Duration 1-3650 days; the number (at most 100 characters) and the signatories (the PPK with an 18-digit NIP, the vendor's representative with a position) are required (`contract.above_award`, `contract.above_hps`, `contract.above_pagu`, `contract.duration_invalid`, `contract.signatory_required`, `contract.nip_invalid`)."),
    ("KTR-04", "Pencatatan kontrak pertama menyelesaikan tender (selesai) dan memberi tahu pemenang (kotak masuk dan email). Tidak ada yang diubah diam-diam: koreksi adalah versi baru dengan alasan, versi lama tetap terlihat, dan semuanya tercatat di jejak audit.",
     "Recording the first contract finishes the tender (selesai) and tells the winner (inbox and email). Nothing is silently edited: a correction is a new version with its reason, earlier versions stay visible, and every step is in the audit trail (`contract.reason_required`, `contract.not_recorded`, `contract.exists`)."),
]
out += ["## SPPBJ and contract rules (Pasal 4(1)c)", "", "| Id | Rule |", "|---|---|"]
out += [f"| {i} | {t} ({en}) |" for i, t, en in CONTRACT]
# Tender Cepat's reverse auction (issue 6, item 7): enforced in src/domain/auction.cc
# (RA-01..RA-06, tests/domain/auction_test.cc) and the auction service (RA-02's
# registration, RA-05, RA-07: tests/app/auction_service_test.cc).
AUCTION = [
    ("RA-01", "Harga diterima hanya selama tender berjalan dan tahap Penawaran Harga berlangsung menurut jam server: mulai <= sekarang < selesai; tepat pada atau sesudah batas akhir ditolak. Diperiksa di dalam transaksi tulis yang mengunci tender, sehingga waktu dan penawaran lain dibaca sesudah penawaran sebelumnya tersimpan.",
     "A price is taken only while the tender runs and its penawaran_harga stage runs by the server clock: start <= now < end; at or after the end it is refused. Checked in a write transaction holding the tender's lock, so the time and the other bids are read after the previous bid is stored (`auction.not_started`, `auction.closed`, `tender.not_running`)."),
    ("RA-02", "Hanya penyedia yang diundang Pokja dapat mendaftar (Pakta Integritas) pada Tender Cepat (INV-01), dan hanya yang diundang dan terdaftar dapat menawar.",
     "Only vendors the Pokja invited may register (accept the integrity pact) for a quick tender (INV-01), and only invited, registered vendors bid (`invitation.not_invited` when registering, `auction.not_invited`, `participation.not_joined`)."),
    ("RA-03", "Harga berupa rupiah penuh lebih dari nol, tidak melebihi HPS, dan lebih rendah dari harga penyedia itu sebelumnya sekurang-kurangnya penurunan minimum katalog (`auction_min_decrement_permille`, per seribu dari harga sebelumnya, dibulatkan ke atas, paling sedikit Rp 1).",
     "A price is whole rupiah above zero, not above the HPS, and below the vendor's own previous price by at least the catalogue's minimum decrement (`auction_min_decrement_permille` of the previous price, rounded up, at least Rp 1) (`auction.price_invalid`, `auction.above_hps`, `auction.not_lower`, `auction.decrement_too_small`)."),
    ("RA-04", "Peringkat: harga terendah tiap penyedia yang berlaku; terendah pertama, harga sama diurutkan menurut penawaran yang lebih dahulu. Peringkat pertama menang.",
     "Ranking: each vendor's lowest price counts; lowest first, equal prices by the earlier bid. Rank 1 wins."),
    ("RA-05", "Undangan hanya untuk penyedia yang memenuhi syarat: akun penyedia aktif dan terverifikasi, tidak dalam Daftar Hitam, dengan izin usaha yang masih berlaku; dikirim anggota Pokja sejak pengumuman sampai pendaftaran ditutup, lewat kotak masuk dan email.",
     "Invitations go only to qualified vendors: an active, verified vendor account, not on the blacklist, with business licences none of which has expired; a Pokja member sends them from publication until registration closes, by inbox and email (`auction.not_vendor`, `auction.not_verified`, `auth.blacklisted`, `auction.no_licence`, `auction.licence_expired`, `auction.already_invited`, `invitation.closed`). The same qualification holds for every invitation-only procedure (INV-02)."),
    ("RA-06", "Selama lelang setiap penawar melihat peringkat dan harga secara langsung (tanpa memuat ulang halaman) dan mana yang miliknya, tanpa identitas penawar lain; Pokja dan auditor melihat nama.",
     "During the auction each bidder sees the ranks and prices live (without reloading) and which line is its own, never who the others are; the Pokja and auditors see the names."),
    ("RA-07", "Ketua Pokja menetapkan pemenang dalam tahap Penetapan setelah penawaran harga ditutup: peringkat pertama dengan harga terendahnya; tanpa penawaran tender gagal. Penetapan dibekukan bersama Berita Acara Hasil Pemilihan (Lelang Terbalik) yang memuat harga akhir, peringkat dan jumlah penawaran tiap peserta, langsung diumumkan (tanpa masa sanggah) dan diberitahukan kepada setiap peserta.",
     "The Pokja chair decides in the penetapan stage after price bidding closed: rank 1 at its lowest price; without bids the tender fails. The decision is frozen with the Berita Acara Hasil Pemilihan (Lelang Terbalik) listing every bidder's final price, rank and number of bids, announced at once (no sanggah) and told to every participant (`auction.not_closed`, `evaluation.chair_only`, `evaluation.decided`)."),
]
out += ["## Tender Cepat: reverse auction rules (issue 6, item 7)", "", "| Id | Rule |", "|---|---|"]
out += [f"| {i} | {t} ({en}) |" for i, t, en in AUCTION]
# Invitation-only procedures: which ones is catalogue data (invitation_only,
# max_invitees, invitation_until); enforced in src/domain/invitation.cc and the
# invitation service, proven by tests/domain/invitation_test.cc,
# tests/app/invitation_service_test.cc and tests/catalog/invitation_catalogue_test.cc
# (INV_01_...), over HTTP by tests/e2e/http/invitation.test.mjs.
INVITATION = [
    ("INV-01", "Prosedur yang di katalog bertanda hanya-undangan (Tender Cepat, Pengadaan Langsung, Penunjukan Langsung) hanya dapat diikuti penyedia yang diundang: hanya mereka yang melihat tombol ikut, menyetujui Pakta Integritas dan karena itu mengunggah penawaran. Prosedur lain tetap terbuka untuk semua penyedia.",
     "A procedure the catalogue marks invitation-only (Tender Cepat, Pengadaan Langsung, Penunjukan Langsung) takes only invited vendors: they alone see the join button, accept the integrity pact and so upload an offer. Every other procedure stays open to all vendors (`invitation.not_invited`)."),
    ("INV-02", "Undangan dikirim oleh yang menjalankan tender (Pejabat Pengadaan paket; Pokja untuk Tender Cepat) kepada penyedia yang memenuhi syarat RA-05, sejak tender diumumkan sampai akhir tahap yang ditentukan katalog: tahap Undangan pada Penunjukan Langsung, selain itu tahap yang menutup keikutsertaan (Upload Penawaran pada Pengadaan Langsung, Pendaftaran pada Tender Cepat).",
     "Invitations are sent by those who run the tender (the package's Pejabat Pengadaan; the Pokja of a Tender Cepat) to vendors qualified as RA-05 says, from publication until the end of the stage the catalogue names: the undangan stage of a Penunjukan Langsung, else the stage joining closes with (upload_penawaran for Pengadaan Langsung, pendaftaran for Tender Cepat) (`tender.not_found`, `tender.not_running`, `invitation.not_required`, `invitation.closed`, `auction.already_invited`)."),
    ("INV-03", "Katalog dapat membatasi jumlah undangan (`max_invitees`); Penunjukan Langsung mengundang tepat satu penyedia, dan undangan kedua ditolak selama undangan pertama berlaku. Undangan dihitung di dalam transaksi tulis yang mengunci tender.",
     "The catalogue may cap the invitations (`max_invitees`); a Penunjukan Langsung invites exactly one vendor, and a second invitation is refused while the first stands. Invitations are counted in a write transaction holding the tender's lock (`invitation.limit_reached`, `catalogue.invitation_invalid`)."),
    ("INV-04", "Setiap undangan disimpan bersama catatan jejak auditnya dan pemberitahuannya (kotak masuk dan email) dalam satu transaksi; tanpa catatan audit tidak ada undangan. Undangan tidak pernah diubah atau dihapus.",
     "Every invitation is stored with its audit entry and its notice (inbox and email) in one transaction; without the audit entry there is no invitation. Invitations are never changed or deleted."),
]
out += ["## Invitation-only procedures", "", "| Id | Rule |", "|---|---|"]
out += [f"| {i} | {t} ({en}) |" for i, t, en in INVITATION]
# Objection rules (Pasal 4(1)c; issue 6, items 4 and 8): enforced in src/domain/objection.cc
# and the objection service, proven by tests/domain/objection_test.cc and
# tests/app/objection_service_test.cc (SGH_01_...). The periods are catalogue data
# (objection_answer_working_days, appeal_types, appeal_days, appeal_guarantee_permille).
OBJECTION = [
    ("SGH-01", "Sanggah hanya selama tahap Masa Sanggah berlangsung (mulai <= sekarang < akhir) dan tender berjalan, atas pengumuman pemenang yang berlaku, oleh penyedia yang penawarannya dievaluasi dalam penetapan itu, sekali per penyedia per penetapan, dengan alasan (paling banyak 5000 karakter) dan paling banyak 5 lampiran PDF (masing-masing paling besar 5 MB).",
     "An objection is filed only while the tender runs and its Masa Sanggah stage runs (start <= now < end), against the announced decision in force, by a vendor whose counting bid was evaluated in it, once per vendor and decision, with reasons (at most 5000 characters) and at most 5 PDF attachments of at most 5 MB each (`objection.period_not_started`, `objection.period_over`, `objection.not_announced`, `objection.not_bidder`, `objection.already_filed`, `objection.reasons_required`, `objection.too_many_attachments`, `objection.attachment_invalid`)."),
    ("SGH-02", "Sanggah dijawab sekali oleh ketua Pokja (Pejabat Pengadaan untuk non-tender), paling lambat akhir Masa Sanggah ditambah hari kerja menurut katalog (3). Jawaban setelah batas itu tetap diterima, karena sanggah harus dijawab, tetapi ditandai terlambat dan ditampilkan merah untuk umum serta di jejak audit. Sanggah yang diterima menyebut akibatnya.",
     "An objection is answered once by the Pokja chair (the Pejabat Pengadaan for non-tender methods), due by the end of the Masa Sanggah plus the catalogue's working days (3). An answer after that deadline is still accepted, since every objection must be answered, but it is marked late, shown in red to everyone and in the audit trail. An upheld answer names its consequence (`objection.chair_only`, `objection.already_answered`, `objection.answer_required`, `objection.consequence_required`)."),
    ("SGH-03", "Sanggah yang diterima berakibat evaluasi ulang (penetapan pemenang dibatalkan dengan alasannya; Pokja menjadwalkan ulang tahap sesudah pembukaan, walau sudah lewat, menilai lagi dan menetapkan pemenang baru, yang dapat disanggah lagi) atau tender gagal (dengan alasannya); setiap peserta diberi tahu (kotak masuk dan email). Setiap jawaban tercatat di jejak audit dengan siapa dan kapan; tidak ada yang diubah.",
     "An upheld objection sends the tender back to evaluation (the award decision is revoked with its reason; the Pokja plans the stages after the opening again, although they passed, judges again and decides anew, and the new award may be objected to) or fails it (with its reason); every participant is told (inbox and email). Every answer is in the audit trail with who and when; nothing is changed (`tender.not_running`)."),
    ("SGH-04", "Sanggah banding hanya untuk jenis pengadaan yang diizinkan katalog (konstruksi, Perpres 16/2018), oleh penyanggah yang sanggahnya ditolak, dalam hari kalender menurut katalog (5) setelah jawaban, sekali, dengan jaminan sanggah banding paling sedikit permil HPS menurut katalog (1%) yang berlaku setelah hari ini.",
     "An appeal is allowed only for the procurement types the catalogue names (construction, Perpres 16/2018), by the objector whose objection was rejected, within the catalogue's calendar days (5) after the answer, once, with a guarantee of at least the catalogue's permille of the HPS (1%), valid after today (`appeal.not_allowed`, `appeal.not_objector`, `appeal.not_rejected`, `appeal.period_over`, `appeal.already_filed`, `appeal.guarantee_too_low`, `appeal.guarantee_expired`)."),
    ("SGH-05", "Sanggah banding dijawab sekali oleh PA/KPA instansi pemilik paket, dengan akibat yang sama (SGH-03); yang ditolak mencairkan jaminannya. Selama sanggah belum dijawab, masa sanggah banding masih berjalan, atau sanggah banding belum dijawab, SPPBJ tidak dapat diterbitkan.",
     "An appeal is answered once by the PA/KPA of the package's agency, with the same consequences (SGH-03); a rejected appeal forfeits its guarantee. While an objection is unanswered, its appeal period still runs, or an appeal is unanswered, no SPPBJ can be issued (`appeal.pa_kpa_only`, `appeal.not_filed`, `appeal.already_answered`)."),
]
out += ["## Objection rules (sanggah and sanggah banding)", "", "| Id | Rule |", "|---|---|"]
out += [f"| {i} | {t} ({en}) |" for i, t, en in OBJECTION]
out.append("")
# The evaluation methods of the catalogue ([[evaluation]]), one table each.
STAGES = {"administrasi": "Administrasi", "teknis": "Teknis", "kualifikasi": "Kualifikasi", "harga": "Harga"}
KINDS = {"harga_terendah": "lowest evaluated price, pass/fail stages",
         "ambang_batas": "technical score at least the pass mark, then the lowest price",
         "nilai": "highest total of technical and price scores",
         "kualitas": "highest technical score, the price within the pagu",
         "pagu_anggaran": "price within the pagu, highest technical score",
         "umur_ekonomis": "lowest price plus the costs over the economic life"}
out += ["## Evaluation methods", "",
        "The methods a procedure's `evaluations` name, from the `[[evaluation]]` tables",
        "of the catalogue. Weights are percent of the technical score; a criterion",
        "without a weight is judged pass/fail.", ""]
for m in catalogue.get("evaluation", []):
    used = [p["code"] for p in catalogue["procedure"] if m["code"] in p["evaluations"]]
    out += [f"### {m['name']} (`{m['code']}`)", "",
            f"{m['name_en']}. Kind `{m['kind']}`: {KINDS.get(m['kind'], m['kind'])}."]
    facts = []
    if m.get("pass_mark", 0):
        facts.append(f"pass mark {m['pass_mark']}")
    if m.get("technical_weight", 0):
        facts.append(f"technical weight {m['technical_weight']}%, price {100 - m['technical_weight']}%")
    facts.append("a price above the HPS fails" if m.get("price_above_hps_fails", True)
                 else "a price above the pagu fails (not the HPS)")
    facts.append(f"qualified ranks {m.get('qualified_ranks', 3)}")
    facts.append("ties: " + (", ".join(f"`{t}`" for t in m.get("tie_break", [])) or "vendor id"))
    out += ["", (lambda t: t[:1].upper() + t[1:])("; ".join(facts)) + ". Used by " + ", ".join(f"`{u}`" for u in used) + ".", "",
            "| Code | Stage | Weight | Criterion |", "|---|---|---|---|"]
    for c in m.get("criterion", []):
        weight = str(c["weight"]) if c.get("weight", 0) else ("amount" if c.get("amount") else "pass/fail")
        out.append(f"| {c['code']} | {STAGES[c['stage']]} | {weight} | {c['text']} ({c['text_en']}) |")
    out.append("")
with open(os.path.join(root, "docs", "rules.md"), "w", encoding="utf-8") as f:
    f.write("\n".join(out))
