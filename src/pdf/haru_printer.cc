#include "pdf/haru_printer.h"

#include <hpdf.h>

#include <filesystem>
#include <memory>
#include <vector>

namespace spse::pdf {
namespace {

constexpr float kPageWidth = 595.276f;  // A4
constexpr float kPageHeight = 841.89f;
constexpr float kMargin = 56.0f;
constexpr float kLabelWidth = 170.0f;
constexpr float kBodySize = 10.0f;
constexpr float kLeading = 1.45f;

struct HaruError {
  HPDF_STATUS code = HPDF_OK;
  HPDF_STATUS detail = 0;
};

void OnError(HPDF_STATUS code, HPDF_STATUS detail, void* user_data) {
  auto* e = static_cast<HaruError*>(user_data);
  if (e->code == HPDF_OK) {
    e->code = code;
    e->detail = detail;
  }
}

struct DocDeleter {
  void operator()(HPDF_Doc d) const { HPDF_Free(d); }
};
using DocPtr = std::unique_ptr<std::remove_pointer_t<HPDF_Doc>, DocDeleter>;

// The length of the UTF-8 sequence that starts with `c` (1 for a stray byte).
size_t Utf8Length(unsigned char c) {
  if (c >= 0xF0) return 4;
  if (c >= 0xE0) return 3;
  if (c >= 0xC0) return 2;
  return 1;
}

// Lays text out top-down, starting a new page when the next line does not fit.
class Layout {
 public:
  Layout(HPDF_Doc doc, HPDF_Font regular, HPDF_Font bold)
      : doc_(doc), regular_(regular), bold_(bold) {
    NewPage();
  }

  float width() const { return kPageWidth - 2 * kMargin; }

  // Splits `text` into lines no wider than `width` at `size` points,
  // breaking at spaces (and inside words only when one is too long).
  std::vector<std::string> Wrap(const std::string& text, float width, float size, bool strong) {
    HPDF_Page_SetFontAndSize(page_, strong ? bold_ : regular_, size);
    std::vector<std::string> lines;
    size_t start = 0;
    while (start <= text.size()) {
      size_t nl = text.find('\n', start);
      if (nl == std::string::npos) nl = text.size();
      WrapParagraph(text.substr(start, nl - start), width, lines);
      start = nl + 1;
    }
    return lines;
  }

  void Lines(const std::vector<std::string>& lines, float x, float size, bool strong) {
    for (const auto& line : lines) {
      Need(size * kLeading);
      Text(x, y_ - size, line, size, strong);
      y_ -= size * kLeading;
    }
  }

  void Centered(const std::string& text, float size, bool strong) {
    for (const auto& line : Wrap(text, width(), size, strong)) {
      Need(size * kLeading);
      HPDF_Page_SetFontAndSize(page_, strong ? bold_ : regular_, size);
      const float w = HPDF_Page_TextWidth(page_, line.c_str());
      Text((kPageWidth - w) / 2, y_ - size, line, size, strong);
      y_ -= size * kLeading;
    }
  }

  // A label and its value side by side; both wrap in their columns.
  void Row(const app::PrintedRow& row) {
    const auto labels = Wrap(row.label, kLabelWidth - 8, kBodySize, false);
    const auto values = Wrap(row.value.empty() ? "-" : row.value,
                             width() - kLabelWidth - 10, kBodySize, false);
    const size_t n = std::max(labels.size(), values.size());
    for (size_t i = 0; i < n; ++i) {
      Need(kBodySize * kLeading);
      if (i < labels.size()) Text(kMargin, y_ - kBodySize, labels[i], kBodySize, false);
      if (i == 0) Text(kMargin + kLabelWidth - 6, y_ - kBodySize, ":", kBodySize, false);
      if (i < values.size()) {
        Text(kMargin + kLabelWidth + 2, y_ - kBodySize, values[i], kBodySize, false);
      }
      y_ -= kBodySize * kLeading;
    }
  }

  void Space(float points) { y_ -= points; }

  // Keeps the next `height` points together on one page.
  void Need(float height) {
    if (y_ - height < kMargin) NewPage();
  }

  float y() const { return y_; }
  void set_y(float y) { y_ = y; }

  void Text(float x, float baseline, const std::string& text, float size, bool strong) {
    HPDF_Page_BeginText(page_);
    HPDF_Page_SetFontAndSize(page_, strong ? bold_ : regular_, size);
    HPDF_Page_TextOut(page_, x, baseline, text.c_str());
    HPDF_Page_EndText(page_);
  }

  void Line(float x1, float x2, float y) {
    HPDF_Page_SetLineWidth(page_, 0.6f);
    HPDF_Page_MoveTo(page_, x1, y);
    HPDF_Page_LineTo(page_, x2, y);
    HPDF_Page_Stroke(page_);
  }

 private:
  void NewPage() {
    page_ = HPDF_AddPage(doc_);
    HPDF_Page_SetSize(page_, HPDF_PAGE_SIZE_A4, HPDF_PAGE_PORTRAIT);
    y_ = kPageHeight - kMargin;
  }

  float Width(const std::string& s) { return HPDF_Page_TextWidth(page_, s.c_str()); }

  void WrapParagraph(const std::string& text, float width, std::vector<std::string>& lines) {
    std::string line;
    size_t i = 0;
    while (i < text.size()) {
      const size_t space = text.find(' ', i);
      const size_t end = space == std::string::npos ? text.size() : space;
      const std::string word = text.substr(i, end - i);
      i = end + 1;
      if (word.empty()) continue;
      const std::string candidate = line.empty() ? word : line + " " + word;
      if (Width(candidate) <= width) {
        line = candidate;
        continue;
      }
      if (!line.empty()) lines.push_back(line);
      line.clear();
      // A word longer than the line: break it between characters.
      for (size_t p = 0; p < word.size();) {
        const size_t n = std::min(Utf8Length(static_cast<unsigned char>(word[p])), word.size() - p);
        const std::string next = line + word.substr(p, n);
        if (!line.empty() && Width(next) > width) {
          lines.push_back(line);
          line = word.substr(p, n);
        } else {
          line = next;
        }
        p += n;
      }
    }
    lines.push_back(line);
  }

  HPDF_Doc doc_;
  HPDF_Font regular_;
  HPDF_Font bold_;
  HPDF_Page page_ = nullptr;
  float y_ = 0;
};

void Signatures(Layout& layout, const std::vector<app::PrintedSignature>& signatures) {
  constexpr float kBlock = 230.0f;
  constexpr float kHeight = 110.0f;
  for (size_t i = 0; i < signatures.size(); i += 2) {
    layout.Space(18);
    layout.Need(kHeight);
    const float top = layout.y();
    float lowest = top;
    for (size_t j = i; j < std::min(signatures.size(), i + 2); ++j) {
      const auto& s = signatures[j];
      // One signature sits right (as on Indonesian letters); two share the row.
      const float x = signatures.size() - i == 1 ? kPageWidth - kMargin - kBlock
                                                  : kMargin + static_cast<float>(j - i) * (kBlock + 35);
      layout.set_y(top);
      layout.Lines(layout.Wrap(s.caption, kBlock, kBodySize, false), x, kBodySize, false);
      layout.Space(48);
      layout.Line(x, x + kBlock - 20, layout.y());
      layout.Space(4);
      layout.Lines(layout.Wrap(s.name, kBlock, kBodySize, true), x, kBodySize, true);
      if (!s.detail.empty()) {
        layout.Lines(layout.Wrap(s.detail, kBlock, kBodySize, false), x, kBodySize, false);
      }
      lowest = std::min(lowest, layout.y());
    }
    layout.set_y(lowest);
  }
}

}  // namespace

StatusOr<std::string> HaruPrinter::Render(const app::PrintedDocument& doc) {
  if (!std::filesystem::is_regular_file(font_)) return Unavailable("pdf.error", "font " + font_);
  HaruError error;
  DocPtr pdf(HPDF_New(OnError, &error));
  if (!pdf) return Unavailable("pdf.error", "HPDF_New");
  HPDF_SetCompressionMode(pdf.get(), HPDF_COMP_ALL);
  HPDF_UseUTFEncodings(pdf.get());
  HPDF_SetCurrentEncoder(pdf.get(), "UTF-8");
  const char* regular_name = HPDF_LoadTTFontFromFile(pdf.get(), font_.c_str(), HPDF_TRUE);
  const char* bold_name = regular_name;
  if (!bold_font_.empty() && std::filesystem::is_regular_file(bold_font_)) {
    bold_name = HPDF_LoadTTFontFromFile(pdf.get(), bold_font_.c_str(), HPDF_TRUE);
  }
  if (error.code != HPDF_OK || !regular_name || !bold_name) {
    return Unavailable("pdf.error", "loading the fonts");
  }
  HPDF_Font regular = HPDF_GetFont(pdf.get(), regular_name, "UTF-8");
  HPDF_Font bold = HPDF_GetFont(pdf.get(), bold_name, "UTF-8");
  HPDF_SetInfoAttr(pdf.get(), HPDF_INFO_TITLE, doc.title.c_str());
  HPDF_SetInfoAttr(pdf.get(), HPDF_INFO_CREATOR, "SPSE");

  Layout layout(pdf.get(), regular, bold);
  if (!doc.issuer.empty()) {
    layout.Centered(doc.issuer, 10, true);
    layout.Line(kMargin, kPageWidth - kMargin, layout.y() - 2);
    layout.Space(14);
  }
  layout.Centered(doc.title, 14, true);
  if (!doc.subtitle.empty()) layout.Centered(doc.subtitle, 10, false);
  layout.Space(10);
  for (const auto& section : doc.sections) {
    layout.Space(8);
    if (!section.heading.empty()) {
      layout.Need(3 * kBodySize * kLeading);  // no heading alone at a page's foot
      layout.Lines(layout.Wrap(section.heading, layout.width(), 11, true), kMargin, 11, true);
      layout.Space(2);
    }
    for (const auto& row : section.rows) layout.Row(row);
    for (const auto& paragraph : section.paragraphs) {
      layout.Space(3);
      layout.Lines(layout.Wrap(paragraph, layout.width(), kBodySize, false), kMargin, kBodySize,
                   false);
    }
  }
  Signatures(layout, doc.signatures);

  if (error.code != HPDF_OK || HPDF_SaveToStream(pdf.get()) != HPDF_OK) {
    return Unavailable("pdf.error", "libharu error " + std::to_string(error.code) + "/" +
                                        std::to_string(error.detail));
  }
  std::string out(HPDF_GetStreamSize(pdf.get()), '\0');
  HPDF_UINT32 size = static_cast<HPDF_UINT32>(out.size());
  // Reading the whole stream answers HPDF_STREAM_EOF: only the size tells.
  HPDF_ReadFromStream(pdf.get(), reinterpret_cast<HPDF_BYTE*>(out.data()), &size);
  if (size == 0) return Unavailable("pdf.error", "reading the PDF stream");
  out.resize(size);
  return out;
}

}  // namespace spse::pdf
