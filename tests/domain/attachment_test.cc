#include <gtest/gtest.h>

#include "domain/records.h"

namespace spse::domain {
namespace {

TEST(SniffDocumentType, TrustsTheBytesNotTheName) {
  EXPECT_EQ(SniffDocumentType("%PDF-1.7\n"), "application/pdf");
  EXPECT_EQ(SniffDocumentType(std::string("\x89PNG\r\n\x1a\n", 8)), "image/png");
  EXPECT_EQ(SniffDocumentType(std::string("\xff\xd8\xff\xe0", 4)), "image/jpeg");
  EXPECT_EQ(SniffDocumentType("MZ\x90\x00"), "");  // a Windows executable
  EXPECT_EQ(SniffDocumentType("<html><script>"), "");
  EXPECT_EQ(SniffDocumentType(""), "");
}

TEST(SafeFilename, KeepsOnlyHarmlessCharacters) {
  EXPECT_EQ(SafeFilename("Pengumuman (revisi) 2026.pdf"), "Pengumuman (revisi) 2026.pdf");
  EXPECT_EQ(SafeFilename("../../etc/passwd"), "passwd");
  EXPECT_EQ(SafeFilename("C:\\Users\\x\\surat.pdf"), "surat.pdf");
  EXPECT_EQ(SafeFilename("a\"b\r\nSet-Cookie: x.pdf"), "a_b__Set-Cookie_ x.pdf");
  EXPECT_EQ(SafeFilename(".hidden"), "hidden");
  EXPECT_EQ(SafeFilename("..."), "lampiran");
  EXPECT_EQ(SafeFilename(""), "lampiran");
  EXPECT_EQ(SafeFilename(std::string(300, 'a')).size(), 100u);
  EXPECT_EQ(SafeFilename("laporan\xe2\x80\xae" "fdp.exe"), "laporan___fdp.exe");  // U+202E
}

}  // namespace
}  // namespace spse::domain
