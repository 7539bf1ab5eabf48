// Word tokenizer shared by indexing, snippets and recognition, so all agree on what a word is.
//
// Contract: a word is a maximal run of Unicode letters, marks and digits; apostrophes,
// hyphens and all other characters separate words ("l'économie" -> "l", "économie").
// Offsets are byte offsets into the input. `folded` is fold()ed (lower case, no accents).
// Pure and thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace concord {

struct Token {
  size_t start = 0;    // byte offset of the first byte
  size_t end = 0;      // byte offset one past the last byte
  std::string folded;  // lower case, accents removed
};

// Calls `fn(const Token&)` for every word of `text`, in order.
template <class Fn>
void for_each_token(std::string_view text, Fn&& fn);

std::vector<Token> tokenize(std::string_view text);

// Finds the next word at or after `*pos`, fills `*token` and moves `*pos` past it; returns
// false at the end of the text.
bool next_token(std::string_view text, size_t* pos, Token* token);

template <class Fn>
void for_each_token(std::string_view text, Fn&& fn) {
  size_t pos = 0;
  Token token;
  while (next_token(text, &pos, &token)) fn(static_cast<const Token&>(token));
}

}  // namespace concord
