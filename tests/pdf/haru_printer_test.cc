#include "pdf/haru_printer.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

#include "testing/status_matchers.h"

namespace spse::pdf {
namespace {

// The text of a PDF as poppler's pdftotext reads it.
std::string TextOf(const std::string& pdf) {
  const auto file = std::filesystem::temp_directory_path() /
                    ("spse-pdf-" + std::to_string(std::random_device{}()) + ".pdf");
  std::ofstream(file, std::ios::binary) << pdf;
  std::string text;
  if (FILE* p = ::popen(("pdftotext -enc UTF-8 " + file.string() + " - 2>/dev/null").c_str(), "r")) {
    char buf[4096];
    size_t n;
    while ((n = std::fread(buf, 1, sizeof buf, p)) > 0) text.append(buf, n);
    ::pclose(p);
  }
  std::filesystem::remove(file);
  return text;
}

app::PrintedDocument ABeritaAcara() {
  app::PrintedDocument doc;
  doc.issuer = "LPSE Kabupaten Bangkalan";
  doc.title = "BERITA ACARA KESAKSIAN";
  doc.subtitle = "Nomor: 027/BA/433.110/2026";
  doc.sections.push_back({"A. Paket", {{"Nama paket", "Rehabilitasi Jalan Arosbaya – Tanjung Bumi"},
                                       {"HPS", "Rp 1.250.000.000"}}, {}});
  doc.sections.push_back({"", {}, {"Pada hari ini telah dilaksanakan pembukaan penawaran."}});
  doc.signatures.push_back({"Bangkalan, 2 Januari 2026\nKetua Pokja,", "Nur Hidayah, S.E.", "NIP 19800101"});
  doc.signatures.push_back({"Saksi,", "Agus Salim, S.T.", ""});
  return doc;
}

TEST(HaruPrinter, PrintsTheTitleRowsParagraphsAndSignaturesInUtf8) {
  HaruPrinter printer;
  ASSERT_OK_AND_ASSIGN(std::string pdf, printer.Render(ABeritaAcara()));
  EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
  const std::string text = TextOf(pdf);
  for (const char* expected : {"LPSE Kabupaten Bangkalan", "BERITA ACARA KESAKSIAN", "Nama paket",
                               "Rehabilitasi Jalan Arosbaya – Tanjung Bumi", "Rp 1.250.000.000",
                               "pembukaan penawaran", "Nur Hidayah, S.E.", "Agus Salim, S.T."}) {
    EXPECT_NE(text.find(expected), std::string::npos) << expected << " in:\n" << text;
  }
}

TEST(HaruPrinter, LongDocumentsWrapAndContinueOnNewPages) {
  app::PrintedDocument doc = ABeritaAcara();
  app::PrintedSection many{"B. Peserta", {}, {}};
  for (int i = 1; i <= 80; ++i) {
    many.rows.push_back({"Peserta " + std::to_string(i),
                         "CV Peserta Nomor " + std::to_string(i) +
                             " dengan nama yang cukup panjang untuk dibungkus ke baris berikutnya"});
  }
  doc.sections.push_back(many);
  HaruPrinter printer;
  ASSERT_OK_AND_ASSIGN(std::string pdf, printer.Render(doc));
  const std::string text = TextOf(pdf);
  EXPECT_NE(text.find("Peserta 80"), std::string::npos);
  EXPECT_NE(text.find("\f"), std::string::npos) << "more than one page";
}

TEST(HaruPrinter, AMissingFontIsAnError) {
  HaruPrinter printer("/nonexistent/font.ttf", "");
  EXPECT_THAT(printer.Render(ABeritaAcara()).status(), StatusIs(Code::kUnavailable, "pdf.error"));
}

}  // namespace
}  // namespace spse::pdf
