// The words of the public tender search, the same on both databases: what a
// tender is found by and what a visitor typed are both cut into runs of
// letters and digits, ASCII letters in lower case, so SQLite's FTS5 and
// PostgreSQL's text search see the same plain words. Internal to storage.
#ifndef SPSE_STORAGE_SEARCH_WORDS_H_
#define SPSE_STORAGE_SEARCH_WORDS_H_

#include <string>
#include <string_view>
#include <vector>

namespace spse::storage {

// The words of `text`, in order, at most `max_words` of them. A word is a run
// of ASCII letters and digits and well-formed UTF-8 multi-byte characters;
// ASCII letters are lowered. Malformed UTF-8 separates words like
// punctuation does.
std::vector<std::string> SearchWords(std::string_view text, size_t max_words);

// The text to index: every word of `parts`, separated by single spaces.
std::string SearchBody(const std::vector<std::string_view>& parts);

// An FTS5 MATCH expression requiring every word as a prefix: "w1"* "w2"*.
// Each word is a quoted string (with any '"' doubled), so no word is read
// as an operator (AND, OR, NOT, NEAR, column filters, ...).
std::string Fts5AllPrefixes(const std::vector<std::string>& words);

// A tsquery for to_tsquery('simple', ...) requiring every word as a prefix:
// 'w1':* & 'w2':*. Each word is a quoted lexeme (with any quote or
// backslash escaped), so no word is read as an operator.
std::string TsQueryAllPrefixes(const std::vector<std::string>& words);

}  // namespace spse::storage

#endif  // SPSE_STORAGE_SEARCH_WORDS_H_
