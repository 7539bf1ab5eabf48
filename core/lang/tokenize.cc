// Word tokenizer: runs of Unicode letters, marks and digits, with an ASCII fast path.
#include "lang/tokenize.h"

#include <array>

#include "util/unicode.h"

namespace concord {
namespace {

constexpr std::array<bool, 128> kAsciiWord = [] {
  std::array<bool, 128> table{};
  for (int c = '0'; c <= '9'; ++c) table[c] = true;
  for (int c = 'a'; c <= 'z'; ++c) table[c] = true;
  for (int c = 'A'; c <= 'Z'; ++c) table[c] = true;
  return table;
}();

}  // namespace

bool next_token(std::string_view text, size_t* pos, Token* token) {
  const size_t n = text.size();
  size_t i = *pos;
  // Skip separators.
  while (i < n) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (kAsciiWord[c]) break;
      ++i;
      continue;
    }
    size_t next = i;
    if (util::is_word_char(util::next_code_point(text, &next))) break;
    i = next;
  }
  if (i >= n) {
    *pos = n;
    return false;
  }
  const size_t start = i;
  bool ascii = true;
  while (i < n) {
    const auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      if (!kAsciiWord[c]) break;
      ++i;
      continue;
    }
    size_t next = i;
    if (!util::is_word_char(util::next_code_point(text, &next))) break;
    ascii = false;
    i = next;
  }
  token->start = start;
  token->end = i;
  const std::string_view word = text.substr(start, i - start);
  if (ascii) {
    token->folded.assign(word);
    for (char& c : token->folded) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
    }
  } else {
    token->folded = util::fold(word);
  }
  *pos = i;
  return true;
}

std::vector<Token> tokenize(std::string_view text) {
  std::vector<Token> tokens;
  tokens.reserve(text.size() / 6 + 1);
  for_each_token(text, [&](const Token& token) { tokens.push_back(token); });
  return tokens;
}

}  // namespace concord
