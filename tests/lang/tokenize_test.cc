// Tests for the word tokenizer: separators, folding and byte offsets.
#include "lang/tokenize.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

using concord::Token;
using concord::tokenize;

namespace {

std::vector<std::string> folded_words(std::string_view text) {
  std::vector<std::string> words;
  for (const Token& token : tokenize(text)) words.push_back(token.folded);
  return words;
}

}  // namespace

TEST_CASE("tokenize splits and folds words", "[tokenize]") {
  struct Case {
    std::string text;
    std::vector<std::string> words;
  };
  const std::vector<Case> cases = {
      {"l'économie sociale", {"l", "economie", "sociale"}},
      {"l’économie", {"l", "economie"}},  // typographic apostrophe
      {"A/RES/77/281", {"a", "res", "77", "281"}},
      {"ÉTAT", {"etat"}},
      {"Hello, world! (e-mail: x@y.org); 3.5%",
       {"hello", "world", "e", "mail", "x", "y", "org", "3", "5"}},
      {"«Bonjour\u00A0!»", {"bonjour"}},
      {"naïve coöperate", {"naive", "cooperate"}},
      {"e\u0301té", {"ete"}},  // combining mark stays inside the word
      {"--- ... ***", {}},
      {"", {}},
      {"\xFF"
       "abc\xFE",
       {"abc"}},  // malformed bytes separate words
  };
  for (const Case& c : cases) {
    CAPTURE(c.text);
    CHECK(folded_words(c.text) == c.words);
  }
}

TEST_CASE("token offsets are byte offsets into the input", "[tokenize]") {
  const std::string text = "l'économie sociale";
  const std::vector<Token> tokens = tokenize(text);
  REQUIRE(tokens.size() == 3);
  CHECK(tokens[0].start == 0);
  CHECK(tokens[0].end == 1);
  CHECK(tokens[1].start == 2);
  CHECK(tokens[1].end == 11);  // "économie" is 9 bytes
  CHECK(text.substr(tokens[1].start, tokens[1].end - tokens[1].start) == "économie");
  CHECK(tokens[2].start == 12);
  CHECK(tokens[2].end == text.size());
}

TEST_CASE("multibyte tokens have exact offsets", "[tokenize]") {
  const std::string text = "中文 Été!";
  const std::vector<Token> tokens = tokenize(text);
  REQUIRE(tokens.size() == 2);
  CHECK(tokens[0].start == 0);
  CHECK(tokens[0].end == 6);
  CHECK(tokens[0].folded == "中文");
  CHECK(tokens[1].start == 7);
  CHECK(tokens[1].end == 12);
  CHECK(tokens[1].folded == "ete");
}

TEST_CASE("next_token resumes from a position", "[tokenize]") {
  const std::string text = "one two three";
  size_t pos = 4;
  Token token;
  REQUIRE(concord::next_token(text, &pos, &token));
  CHECK(token.folded == "two");
  CHECK(pos == 7);
  REQUIRE(concord::next_token(text, &pos, &token));
  CHECK(token.folded == "three");
  CHECK_FALSE(concord::next_token(text, &pos, &token));
  CHECK(pos == text.size());
}

TEST_CASE("for_each_token visits the same tokens as tokenize", "[tokenize]") {
  const std::string text = "Résolution 77/281, adoptée le 18 avril";
  std::vector<std::string> seen;
  concord::for_each_token(text, [&](const Token& token) { seen.push_back(token.folded); });
  CHECK(seen == folded_words(text));
  CHECK(seen ==
        std::vector<std::string>{"resolution", "77", "281", "adoptee", "le", "18", "avril"});
}
