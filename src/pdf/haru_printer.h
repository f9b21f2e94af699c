// DocumentPrinter over libharu: A4 pages, DejaVu Sans embedded with UTF-8
// text (so Indonesian names and any other script print as typed), long
// values wrapped, new pages as needed.
#ifndef SPSE_PDF_HARU_PRINTER_H_
#define SPSE_PDF_HARU_PRINTER_H_

#include <string>

#include "app/ports.h"

namespace spse::pdf {

inline constexpr const char* kDefaultFont = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf";
inline constexpr const char* kDefaultBoldFont =
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf";

class HaruPrinter final : public app::DocumentPrinter {
 public:
  // The TrueType fonts to embed; `bold_font` may be empty (headings then use
  // the regular one). Thread-safe: each Render builds its own document.
  explicit HaruPrinter(std::string font = kDefaultFont, std::string bold_font = kDefaultBoldFont)
      : font_(std::move(font)), bold_font_(std::move(bold_font)) {}

  // Reasons: "pdf.error" (libharu failed, or a font could not be loaded).
  StatusOr<std::string> Render(const app::PrintedDocument& doc) override;

 private:
  std::string font_;
  std::string bold_font_;
};

}  // namespace spse::pdf

#endif  // SPSE_PDF_HARU_PRINTER_H_
