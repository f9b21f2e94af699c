#include "storage/search_words.h"

namespace spse::storage {
namespace {

bool IsAsciiWordChar(unsigned char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

// Whether a non-ASCII code point belongs to a word: letters and digits of
// the scripts, by block; punctuation, symbols, emoji, private use and
// specials separate words (as FTS5's unicode61 tokenizer has it).
bool IsWordCodePoint(unsigned cp) {
  if (cp == 0xD7 || cp == 0xF7) return false;  // multiplication and division signs
  if (cp < 0xC0) return false;                  // Latin-1 punctuation and symbols
  if (cp < 0x2000) return true;                 // Latin, IPA, Greek, Cyrillic, ... Indic
  if (cp < 0x2C00) return false;                // punctuation, currency, arrows, maths, boxes
  if (cp < 0x2E00) return true;                 // Glagolitic, Coptic, Tifinagh, ...
  if (cp < 0x3040) return cp >= 0x2E80 && cp < 0x3000;  // CJK radicals; not punctuation
  if (cp < 0xE000) return true;                 // kana, CJK, Hangul
  if (cp < 0xF900) return false;                // private use
  if (cp < 0xFE00) return true;                 // compatibility ideographs, Arabic forms
  if (cp < 0xFE70) return false;                // variation selectors, small forms
  if (cp < 0xFEFF) return true;                 // Arabic forms
  if (cp < 0xFF00) return false;                // byte order mark
  if (cp < 0xFFF0) return (cp >= 0xFF10 && cp <= 0xFF19) || (cp >= 0xFF21 && cp <= 0xFF3A) ||
                          (cp >= 0xFF41 && cp <= 0xFF5A) || cp >= 0xFF66;  // full-width
  if (cp < 0x10000) return false;               // specials
  if (cp < 0x1F000) return true;                // historic scripts, musical and maths letters
  if (cp < 0x20000) return false;               // emoji and pictographs
  return cp < 0x40000;                          // CJK extensions
}

// The length of the well-formed UTF-8 multi-byte character at `s[i]`, or 0;
// its code point in `cp`.
size_t Utf8Length(std::string_view s, size_t i, unsigned& cp) {
  const auto c = static_cast<unsigned char>(s[i]);
  size_t n = 0;
  unsigned min = 0;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2, min = 0x80, cp = c & 0x1F;
  } else if (c >= 0xE0 && c <= 0xEF) {
    n = 3, min = 0x800, cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4, min = 0x10000, cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    const auto b = static_cast<unsigned char>(s[i + k]);
    if ((b & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (b & 0x3F);
  }
  if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
  return n;
}

template <typename Emit>
void ForEachWord(std::string_view text, Emit&& emit) {
  std::string word;
  size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (IsAsciiWordChar(c)) {
      word += (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : static_cast<char>(c);
      ++i;
      continue;
    }
    unsigned cp = 0;
    const size_t n = c >= 0x80 ? Utf8Length(text, i, cp) : 0;
    if (n > 0 && IsWordCodePoint(cp)) {
      word.append(text.substr(i, n));
      i += n;
      continue;
    }
    i += n > 0 ? n : 1;
    if (!word.empty() && !emit(std::move(word))) return;
    word.clear();
  }
  if (!word.empty()) emit(std::move(word));
}

}  // namespace

std::vector<std::string> SearchWords(std::string_view text, size_t max_words) {
  std::vector<std::string> out;
  if (max_words == 0) return out;
  ForEachWord(text, [&](std::string word) {
    out.push_back(std::move(word));
    return out.size() < max_words;
  });
  return out;
}

std::string SearchBody(const std::vector<std::string_view>& parts) {
  std::string out;
  for (std::string_view part : parts) {
    ForEachWord(part, [&](std::string word) {
      if (!out.empty()) out += ' ';
      out += word;
      return true;
    });
  }
  return out;
}

std::string Fts5AllPrefixes(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out += ' ';
    out += '"';
    for (char c : w) {
      if (c == '"') out += '"';
      out += c;
    }
    out += "\"*";
  }
  return out;
}

std::string TsQueryAllPrefixes(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) {
    if (!out.empty()) out += " & ";
    out += '\'';
    for (char c : w) {
      if (c == '\'' || c == '\\') out += '\\';
      out += c;
    }
    out += "':*";
  }
  return out;
}

}  // namespace spse::storage
