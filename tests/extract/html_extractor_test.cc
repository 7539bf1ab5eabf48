// Tests for the HTML extractor: visible text only, line structure, metadata, charsets.
#include <catch2/catch.hpp>
#include <string>

#include "extract/extract.h"

using concord::extract_html;
using concord::ExtractResult;

namespace {

std::string html_text(const std::string& html) {
  const ExtractResult result = extract_html(html);
  REQUIRE_FALSE(result.problem);
  REQUIRE(result.doc.pages.size() == 1);
  CHECK_FALSE(result.doc.paged);
  return result.doc.pages[0];
}

}  // namespace

TEST_CASE("non-visible HTML content is not extracted", "[extract][html]") {
  const std::string html = R"(<!DOCTYPE html>
<html><head><title>Visible title</title>
<style>.zebrastyle { color: red }</style>
<script>var quokkascript = 1;</script></head>
<body><p>Kept paragraph</p>
<script type="text/javascript">document.write("narwhalscript")</script>
<noscript>okapinoscript</noscript>
<!-- axolotlcomment -->
<template><p>pangolintemplate</p></template>
<style>p { pangolinstyle: 1 }</style>
<p>Second kept</p></body></html>)";
  const std::string text = html_text(html);
  CHECK(text.find("Kept paragraph") != std::string::npos);
  CHECK(text.find("Second kept") != std::string::npos);
  for (const char* hidden :
       {"zebrastyle", "quokkascript", "narwhalscript", "okapinoscript", "axolotlcomment",
        "pangolintemplate", "pangolinstyle", "Visible title"}) {
    CAPTURE(hidden);
    CHECK(text.find(hidden) == std::string::npos);
  }
}

TEST_CASE("block elements and <br> give separate lines", "[extract][html]") {
  struct Case {
    const char* why;
    std::string body;
    std::string text;
  };
  const Case cases[] = {
      {"paragraphs", "<p>One.</p><p>Two.</p>", "One.\nTwo."},
      {"headings and divs", "<h1>Head</h1><div>Body <b>bold</b> text</div>",
       "Head\nBody bold text"},
      {"line breaks", "first<br>second<br/>third", "first\nsecond\nthird"},
      {"two breaks make one blank line", "a<br><br><br><br>b", "a\n\nb"},
      {"list items", "<ul><li>alpha</li><li>beta</li></ul>", "alpha\nbeta"},
      {"table cells end with a tab, rows with a line break",
       "<table><tr><td>a</td><td>b</td></tr><tr><td>c</td></tr></table>", "a\tb\nc"},
      {"an empty cell gives one tab", "<table><tr><td>a</td><td></td><td> b </td></tr></table>",
       "a\tb"},
      {"whitespace collapsed", "<p>  lots \n\n of\t\tspace  </p>", "lots of space"},
      {"inline elements do not split words", "<p>un<i>believ</i>able</p>", "unbelievable"},
      // scact2006_table_en.html: links glued to the words around them are units of their own.
      {"a link touching words is set apart",
       "<td>Draft resolution<a href=\"x\">S/2006/508</a>vetoed by USA</td>",
       "Draft resolution S/2006/508 vetoed by USA"},
      {"links joined by '+'",
       "<td><a href=\"x\">Communiqu&eacute;</a>+<a href=\"y\">S/RES/1715 (2006)</a></td>",
       "Communiqué+ S/RES/1715 (2006)"},
      {"a link before punctuation or a space is left as written",
       "<p>See <a href=\"x\">A/78/7</a>, and <a href=\"y\">the report</a>.</p>",
       "See A/78/7, and the report."},
      {"nbsp is a plain space", "<p>10&nbsp;000&nbsp;&nbsp;km</p>", "10 000 km"},
      {"entities decoded", "<p>&eacute;t&eacute; &amp; &lt;tag&gt; &#8364; &#x2019;</p>",
       "été & <tag> € ’"},
      {"pre keeps its lines", "<pre>line 1\nline 2</pre>", "line 1\nline 2"},
      {"bad markup still yields text", "<div><p>unclosed <b>bold</div></div></span>tail",
       "unclosed bold\ntail"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.why);
    CHECK(html_text("<html><body>" + c.body + "</body></html>") == c.text);
  }
}

TEST_CASE("HTML metadata is extracted", "[extract][html]") {
  const std::string html = R"(<html lang="fr-FR"><head>
<meta charset="utf-8">
<title>  Rapport   annuel </title>
<meta name="description" content="Un r&eacute;sum&eacute;">
<meta name="author" content="Jane Doe">
<meta name="date" content="2023-04-18T10:00:00Z">
</head><body><h1>Heading</h1><p>Texte.</p></body></html>)";
  const ExtractResult result = extract_html(html);
  REQUIRE_FALSE(result.problem);
  CHECK(result.doc.title == "Rapport annuel");
  CHECK(result.doc.description == "Un résumé");
  CHECK(result.doc.author == "Jane Doe");
  CHECK(result.doc.date == "2023-04-18");
  CHECK(result.doc.lang_hint == "fr");
  CHECK(result.doc.encoding == "UTF-8");
}

TEST_CASE("HTML date meta variants", "[extract][html]") {
  struct Case {
    std::string meta;
    std::string date;
  };
  const Case cases[] = {
      {R"(<meta name="DC.date" content="2022-06-14">)", "2022-06-14"},
      {R"(<meta name="dcterms.date" content="2021-01-02">)", "2021-01-02"},
      {R"(<meta property="article:published_time" content="2024-03-01T08:00:00+01:00">)",
       "2024-03-01"},
      {R"(<meta name="date" content="2023-11">)", "2023-11"},
      {R"(<meta name="date" content="yesterday">)", ""},
  };
  for (const Case& c : cases) {
    CAPTURE(c.meta);
    const ExtractResult result =
        extract_html("<html><head>" + c.meta + "</head><body>x</body></html>");
    REQUIRE_FALSE(result.problem);
    CHECK(result.doc.date == c.date);
  }
}

TEST_CASE("title falls back to the first h1", "[extract][html]") {
  const ExtractResult result =
      extract_html("<html><body><h1>Main <em>heading</em></h1><h1>Other</h1></body></html>");
  REQUIRE_FALSE(result.problem);
  CHECK(result.doc.title == "Main heading");
  CHECK(result.doc.lang_hint.empty());
}

TEST_CASE("HTML charsets are decoded to UTF-8", "[extract][html]") {
  struct Case {
    const char* why;
    std::string html;
    std::string encoding;
  };
  const Case cases[] = {
      {"UTF-8 declared", "<html><head><meta charset=\"utf-8\"></head><body>été €</body></html>",
       "UTF-8"},
      {"UTF-8 undeclared", "<html><body>été €</body></html>", "UTF-8"},
      {"windows-1252 via http-equiv",
       "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; "
       "charset=windows-1252\"></head><body>\xE9t\xE9 \x80</body></html>",
       "windows-1252"},
      {"ISO-8859-1 declared, decoded as windows-1252",
       "<html><head><meta charset='iso-8859-1'></head><body>\xE9t\xE9 \x80</body></html>",
       "windows-1252"},
      {"undeclared and not UTF-8", "<html><body>\xE9t\xE9 \x80</body></html>", "windows-1252"},
      {"UTF-8 bytes under a stale Latin-1 declaration",
       "<html><head><meta charset=\"iso-8859-1\"></head><body>été €</body></html>", "UTF-8"},
      {"ISO-8859-15 declared",
       "<html><head><meta charset=\"iso-8859-15\"></head><body>\xE9t\xE9 \xA4</body></html>",
       "iso-8859-15"},
  };
  for (const Case& c : cases) {
    CAPTURE(c.why);
    const ExtractResult result = extract_html(c.html);
    REQUIRE_FALSE(result.problem);
    CHECK(result.doc.pages[0] == "été €");
    CHECK(result.doc.encoding == c.encoding);
  }
}

TEST_CASE("HTML without text is a problem", "[extract][html]") {
  for (const std::string html :
       {"<html><head><title>Only a title</title></head><body>  </body></html>",
        "<html><body><script>var x = 1;</script><!-- nothing --></body></html>"}) {
    CAPTURE(html);
    const ExtractResult result = extract_html(html);
    REQUIRE(result.problem);
    CHECK(result.problem->kind == "empty");
    CHECK(result.problem->message == "no text in HTML");
  }
  const ExtractResult empty = extract_html("");
  REQUIRE(empty.problem);
  CHECK(empty.problem->kind == "empty");
}

TEST_CASE("garbage bytes given as HTML do not crash", "[extract][html]") {
  std::string junk;
  for (int i = 0; i < 5000; ++i) junk.push_back(static_cast<char>((i * 7919) % 256));
  const ExtractResult result = concord::extract(junk, concord::Format::kHtml);
  if (!result.problem) CHECK(result.doc.pages.size() == 1);
}
