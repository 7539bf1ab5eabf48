// HTML extractor: charset detection, parsing by the HTML module (libxml2, loaded on first use:
// extract/html_engine/engine.h), visible text with block-level line breaks.
#include <algorithm>
#include <cctype>
#include <climits>
#include <exception>
#include <memory>
#include <new>
#include <string>
#include <vector>

#include "extract/cleanup.h"
#include "extract/extract.h"
#include "extract/html_engine/engine.h"
#include "lang/language.h"
#include "util/module.h"
#include "util/strings.h"
#include "util/unicode.h"

namespace concord {
namespace {

using util::trim;

constexpr size_t kCharsetSniffBytes = 4096;

// Loaded, and libxml2 set up, by the first caller; the others wait.
const util::ModuleTable<ConcordHtmlEngine>& engine() {
  return util::load_module_once<ConcordHtmlEngine>(
      "libconcord-html.so", "concord_html_engine", "HTML module", "libxml2", kHtmlEngineAbi,
      [](const ConcordHtmlEngine& table) { table.init(); });
}

// A string the module gave: released through it.
class ModuleString {
 public:
  ModuleString(const ConcordHtmlEngine* e, char* text) : e_(e), text_(text) {}
  ~ModuleString() { e_->free_string(text_); }
  ModuleString(const ModuleString&) = delete;
  ModuleString& operator=(const ModuleString&) = delete;
  const char* get() const { return text_; }

 private:
  const ConcordHtmlEngine* e_;
  char* text_;
};

ExtractResult problem(const char* kind, const char* message) {
  ExtractResult result;
  result.problem = FileProblem{kind, message};
  return result;
}

char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; }

bool iequals(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return ascii_lower(x) == ascii_lower(y);
         });
}

// Case-insensitive find of an ASCII `needle` (given in lower case).
size_t ifind(std::string_view haystack, std::string_view needle, size_t from = 0) {
  if (needle.size() > haystack.size()) return std::string_view::npos;
  for (size_t i = from; i + needle.size() <= haystack.size(); ++i) {
    size_t k = 0;
    while (k < needle.size() && ascii_lower(haystack[i + k]) == needle[k]) ++k;
    if (k == needle.size()) return i;
  }
  return std::string_view::npos;
}

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f'; }

// A charset declaration found in the markup: where its value is, and the value.
struct CharsetDeclaration {
  size_t keyword = std::string_view::npos;  // offset of the "charset"/"encoding" keyword
  std::string name;
};

// Reads `keyword` = "value" (quotes optional) starting the search at `from` within `tag`.
std::string read_assignment(std::string_view tag, size_t after_keyword) {
  size_t i = after_keyword;
  while (i < tag.size() && is_space(tag[i])) ++i;
  if (i >= tag.size() || tag[i] != '=') return "";
  ++i;
  while (i < tag.size() && (is_space(tag[i]) || tag[i] == '"' || tag[i] == '\'')) ++i;
  const size_t start = i;
  while (i < tag.size() && (std::isalnum(static_cast<unsigned char>(tag[i])) || tag[i] == '-' ||
                            tag[i] == '_' || tag[i] == '.' || tag[i] == ':')) {
    ++i;
  }
  return std::string(tag.substr(start, i - start));
}

// Finds charset declarations in <meta> tags and the <?xml ... encoding=...?> declaration.
std::vector<CharsetDeclaration> find_charset_declarations(std::string_view head) {
  std::vector<CharsetDeclaration> found;
  if (head.substr(0, 5) == "<?xml") {
    const size_t end = head.find("?>");
    const std::string_view decl = head.substr(0, end);
    const size_t at = ifind(decl, "encoding");
    if (at != std::string_view::npos) found.push_back({at, read_assignment(decl, at + 8)});
  }
  size_t pos = 0;
  while ((pos = ifind(head, "<meta", pos)) != std::string_view::npos) {
    size_t end = head.find('>', pos);
    if (end == std::string_view::npos) end = head.size();
    const std::string_view tag = head.substr(pos, end - pos);
    const size_t at = ifind(tag, "charset");
    if (at != std::string_view::npos) {
      std::string name = read_assignment(tag, at + 7);
      if (!name.empty()) found.push_back({pos + at, std::move(name)});
    }
    pos = end;
  }
  return found;
}

std::string canonical_charset(const std::string& name) {
  std::string key;
  for (const char c : name) {
    if (c != '-' && c != '_') key.push_back(ascii_lower(c));
  }
  if (key == "utf8") return "UTF-8";
  if (key == "windows1252" || key == "cp1252" || key == "iso88591" || key == "latin1" ||
      key == "usascii" || key == "ascii") {
    return "windows-1252";
  }
  if (key.rfind("utf16", 0) == 0 || key.rfind("utf32", 0) == 0) return "";  // ASCII says so: a lie
  return name;
}

bool has_non_ascii(std::string_view bytes) {
  return std::any_of(bytes.begin(), bytes.end(),
                     [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

// Converts the page to UTF-8; sets `*encoding` to the charset used.
std::string decode_html(std::string_view bytes, std::string* encoding) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
  if (bytes.substr(0, 2) == "\xFF\xFE" || bytes.substr(0, 2) == "\xFE\xFF") {
    const bool little_endian = bytes[0] == '\xFF';
    *encoding = little_endian ? "UTF-16LE" : "UTF-16BE";
    return util::utf16_to_utf8(bytes.substr(2), little_endian);
  }
  std::string declared;
  for (const CharsetDeclaration& declaration :
       find_charset_declarations(bytes.substr(0, kCharsetSniffBytes))) {
    declared = canonical_charset(declaration.name);
    if (!declared.empty()) break;
  }
  const bool valid_utf8 = util::is_valid_utf8(bytes);
  // Valid multi-byte UTF-8 is almost never anything else: trust it over a (stale) declaration.
  if (valid_utf8 && (declared.empty() || declared == "UTF-8" || has_non_ascii(bytes))) {
    *encoding = "UTF-8";
    return std::string(bytes);
  }
  std::string out;
  if (!declared.empty() && declared != "UTF-8" && util::convert_to_utf8(bytes, declared, &out)) {
    *encoding = declared;
    return out;
  }
  *encoding = "windows-1252";
  return util::cp1252_to_utf8(bytes);
}

// Renames charset declarations ("charset" -> "xharset") so libxml2 keeps our UTF-8 as is.
void neutralize_charset_declarations(std::string* html) {
  const size_t limit = std::min(html->size(), 4 * kCharsetSniffBytes);
  for (const CharsetDeclaration& declaration :
       find_charset_declarations(std::string_view(*html).substr(0, limit))) {
    (*html)[declaration.keyword] = 'x';
  }
}

// Builds the visible text: collapses spaces, turns block boundaries into line breaks and
// table-cell boundaries into tabs (so that a name never runs on into the next cell).
class TextBuilder {
 public:
  explicit TextBuilder(size_t expected) { out_.reserve(expected); }

  void block_break() { pending_newlines_ = std::max(pending_newlines_, 1); }
  void line_break() { pending_newlines_ = std::min(pending_newlines_ + 1, 2); }
  void space() { pending_space_ = true; }
  void cell_break() { pending_tab_ = true; }
  // The edge of a link: its text is a unit of its own, so where it touches a word on either
  // side ("Draft resolution<a>S/2006/878</a>vetoed", "Communiqué+<a>S/RES/1715 (2006)</a>")
  // a space is put between them; elsewhere (before a comma, a quote, a space) nothing.
  void link_edge() { pending_edge_ = true; }

  void add(std::string_view text, bool preformatted) {
    size_t i = 0;
    const size_t n = text.size();
    while (i < n) {
      const char c = text[i];
      if (is_space(c)) {
        if (preformatted && c == '\n') {
          line_break();
        } else {
          pending_space_ = true;
        }
        ++i;
      } else if (c == '\xC2' && i + 1 < n && text[i + 1] == '\xA0') {  // no-break space
        pending_space_ = true;
        i += 2;
      } else if (c == '\xE2' && i + 2 < n && text[i + 1] == '\x80' &&
                 (text[i + 2] == '\xAF' || text[i + 2] == '\x89')) {  // narrow/thin space
        pending_space_ = true;
        i += 3;
      } else {
        if (pending_edge_ && !pending_space_ && pending_newlines_ == 0 && !pending_tab_ &&
            !out_.empty() && joins_word(out_.back()) && joins_word(c) && c != '+')
          pending_space_ = true;
        pending_edge_ = false;
        flush_pending();
        size_t j = i + 1;
        while (j < n && !is_space(text[j]) && text[j] != '\xC2' && text[j] != '\xE2') ++j;
        out_.append(text.substr(i, j - i));
        i = j;
      }
    }
  }

  std::string& text() { return out_; }

 private:
  void flush_pending() {
    if (!out_.empty()) {
      if (pending_newlines_ > 0) {
        out_.append(static_cast<size_t>(pending_newlines_), '\n');
      } else if (pending_tab_) {
        out_.push_back('\t');
      } else if (pending_space_) {
        out_.push_back(' ');
      }
    }
    pending_newlines_ = 0;
    pending_space_ = false;
    pending_tab_ = false;
  }

  // A letter or digit (any non-ASCII byte counts: it is part of a letter), or '+' joining
  // two links.
  static bool joins_word(char c) {
    const auto u = static_cast<unsigned char>(c);
    return u >= 0x80 || (u >= '0' && u <= '9') || ((u | 0x20) >= 'a' && (u | 0x20) <= 'z') ||
           c == '+';
  }

  std::string out_;
  int pending_newlines_ = 0;
  bool pending_space_ = false;
  bool pending_tab_ = false;
  bool pending_edge_ = false;
};

enum class Role { kInline, kBlock, kSkip, kCell };

Role role_of(std::string_view name) {
  // Navigation menus are site furniture, not the document: not indexed, like scripts.
  static constexpr std::string_view kSkipped[] = {"script", "style", "noscript", "template", "nav"};
  static constexpr std::string_view kBlocks[] = {
      "p",      "div",   "li",      "h1",         "h2",         "h3",       "h4",      "h5",
      "h6",     "tr",    "table",   "ul",         "ol",         "section",  "article", "header",
      "footer", "nav",   "aside",   "blockquote", "pre",        "dd",       "dt",      "dl",
      "form",   "hr",    "address", "figure",     "figcaption", "main",     "caption", "thead",
      "tbody",  "tfoot", "body",    "details",    "summary",    "fieldset", "legend",  "option"};
  for (const std::string_view s : kSkipped) {
    if (name == s) return Role::kSkip;
  }
  if (name == "td" || name == "th") return Role::kCell;
  for (const std::string_view s : kBlocks) {
    if (name == s) return Role::kBlock;
  }
  return Role::kInline;
}

std::string attribute(const ConcordHtmlEngine* e, const HtmlEngineNode* node, const char* name) {
  const ModuleString value(e, e->attribute(node, name));
  return value.get() != nullptr ? std::string(value.get()) : std::string();
}

// The text content of `node`, whitespace collapsed to single spaces.
std::string collapsed_content(const ConcordHtmlEngine* e, const HtmlEngineNode* node) {
  const ModuleString content(e, e->content(node));
  if (content.get() == nullptr) return "";
  TextBuilder builder(64);
  builder.add(content.get(), false);
  return std::move(builder.text());
}

// "2023-04-18T10:00:00Z" -> "2023-04-18"; also accepts "YYYY-MM" and "YYYY".
std::string iso_date_prefix(std::string_view value) {
  value = trim(value);
  auto digits = [&](size_t from, size_t count) {
    if (value.size() < from + count) return false;
    for (size_t i = from; i < from + count; ++i) {
      if (value[i] < '0' || value[i] > '9') return false;
    }
    return true;
  };
  auto ends_at = [&](size_t pos) {
    return value.size() == pos || !std::isdigit(static_cast<unsigned char>(value[pos]));
  };
  if (!digits(0, 4)) return "";
  if (value.size() >= 10 && value[4] == '-' && digits(5, 2) && value[7] == '-' && digits(8, 2) &&
      ends_at(10)) {
    return std::string(value.substr(0, 10));
  }
  if (value.size() >= 7 && value[4] == '-' && digits(5, 2) && ends_at(7)) {
    return std::string(value.substr(0, 7));
  }
  if (ends_at(4)) return std::string(value.substr(0, 4));
  return "";
}

class HtmlWalker {
 public:
  HtmlWalker(const ConcordHtmlEngine* e, ExtractedDoc* doc, size_t expected)
      : e_(e), doc_(doc), text_(expected) {}

  // Walks the tree from `first`; returns false when stopped through `cancel` (checked every
  // kNodesPerCheck nodes).
  bool walk(const HtmlEngineNode* first, const std::atomic<bool>* cancel) {
    constexpr unsigned kNodesPerCheck = 4096;
    unsigned nodes = 0;
    const HtmlEngineNode* node = first;
    while (node != nullptr) {
      if (++nodes % kNodesPerCheck == 0 && cancelled(cancel)) return false;
      if (enter(node)) {
        if (const HtmlEngineNode* child = e_->first_child(node); child != nullptr) {
          node = child;
          continue;
        }
      }
      while (node != nullptr) {
        leave(node);
        if (const HtmlEngineNode* next = e_->next(node); next != nullptr) {
          node = next;
          break;
        }
        node = e_->parent(node);  // null above the top-level elements
      }
    }
    return true;
  }

  std::string& text() { return text_.text(); }
  const std::string& first_h1() const { return first_h1_; }

 private:
  // Handles the start of `node`; returns whether to visit its children.
  bool enter(const HtmlEngineNode* node) {
    switch (e_->kind(node)) {
      case kHtmlNodeText:
        if (const char* text = e_->text(node); in_head_ == 0 && text != nullptr)
          text_.add(text, in_pre_ > 0);
        return false;
      case kHtmlNodeElement:
        break;
      default:
        return false;  // comments, processing instructions...
    }
    const std::string_view name = e_->name(node);
    if (name == "head") {
      ++in_head_;
      return true;
    }
    if (name == "title") {
      if (doc_->title.empty()) doc_->title = collapsed_content(e_, node);
      return false;
    }
    if (name == "meta") {
      read_meta(node);
      return false;
    }
    if (name == "html") {
      std::string lang = attribute(e_, node, "lang");
      if (lang.empty()) lang = attribute(e_, node, "xml:lang");
      if (!lang.empty() && doc_->lang_hint.empty()) doc_->lang_hint = normalize_language_tag(lang);
      return true;
    }
    if (name == "br") {
      text_.line_break();
      return false;
    }
    if (name == "h1" && first_h1_.empty()) first_h1_ = collapsed_content(e_, node);
    if (name == "pre") ++in_pre_;
    if (name == "a") text_.link_edge();
    switch (role_of(name)) {
      case Role::kSkip:
        return false;
      case Role::kBlock:
        text_.block_break();
        break;
      case Role::kCell:
        text_.cell_break();
        break;
      case Role::kInline:
        break;
    }
    return true;
  }

  void leave(const HtmlEngineNode* node) {
    if (e_->kind(node) != kHtmlNodeElement) return;
    const std::string_view name = e_->name(node);
    if (name == "head") {
      --in_head_;
      return;
    }
    if (name == "pre") --in_pre_;
    if (name == "a") text_.link_edge();
    switch (role_of(name)) {
      case Role::kBlock:
        text_.block_break();
        break;
      case Role::kCell:
        text_.cell_break();
        break;
      default:
        break;
    }
  }

  void read_meta(const HtmlEngineNode* node) {
    std::string key = attribute(e_, node, "name");
    if (key.empty()) key = attribute(e_, node, "property");
    if (key.empty()) return;
    const std::string content = attribute(e_, node, "content");
    if (iequals(key, "date") || iequals(key, "dcterms.date") || iequals(key, "dc.date") ||
        iequals(key, "dcterms.created") || iequals(key, "dc.date.created") ||
        iequals(key, "dcterms.issued") || iequals(key, "article:published_time")) {
      if (doc_->date.empty()) doc_->date = iso_date_prefix(content);
    } else if (iequals(key, "description")) {
      if (doc_->description.empty()) doc_->description = std::string(trim(content));
    } else if (iequals(key, "author")) {
      if (doc_->author.empty()) doc_->author = std::string(trim(content));
    }
  }

  const ConcordHtmlEngine* e_;
  ExtractedDoc* doc_;
  TextBuilder text_;
  std::string first_h1_;
  int in_head_ = 0;
  int in_pre_ = 0;
};

// A parsed tree, released through the module.
class Tree {
 public:
  explicit Tree(const ConcordHtmlEngine* e) : e_(e) {}
  ~Tree() { e_->free_document(document_); }
  Tree(const Tree&) = delete;
  Tree& operator=(const Tree&) = delete;
  HtmlEngineDocument** out() { return &document_; }
  const HtmlEngineDocument* get() const { return document_; }
  void reset() {
    e_->free_document(document_);
    document_ = nullptr;
  }

 private:
  const ConcordHtmlEngine* e_;
  HtmlEngineDocument* document_ = nullptr;
};

ExtractResult extract_html_unchecked(std::string_view bytes, const std::atomic<bool>* cancel) {
  if (trim(bytes).empty()) return problem("empty", "file is empty");
  if (bytes.size() > static_cast<size_t>(INT_MAX) / 2)
    return problem("too-large", "file too large");
  const ConcordHtmlEngine* e = engine().table;
  if (e == nullptr) return problem(kHtmlUnavailable, engine().why.c_str());

  ExtractResult result;
  ExtractedDoc& doc = result.doc;
  std::string html = decode_html(bytes, &doc.encoding);
  neutralize_charset_declarations(&html);

  Tree tree(e);
  const int status = e->parse(html.data(), html.size(), tree.out());
  if (status == kHtmlEngineNoMemory) throw std::bad_alloc();  // the run's problem, not the file's
  if (status == kHtmlEngineTooLarge) return problem("too-large", "file too large");
  if (status != kHtmlEngineOk) return problem("corrupt", "not readable HTML");
  if (cancelled(cancel)) return problem(kCancelled, "stopped after parsing");

  HtmlWalker walker(e, &doc, html.size() / 2);
  if (!walker.walk(e->first(tree.get()), cancel))
    return problem(kCancelled, "stopped while reading the tree");
  tree.reset();
  util::release(html);

  std::string text = normalize_text(walker.text());
  if (trim(text).empty()) return problem("empty", "no text in HTML");
  doc.title = std::string(trim(doc.title));
  if (doc.title.empty()) doc.title = walker.first_h1();
  doc.title = normalize_text(doc.title);
  doc.description = normalize_text(doc.description);
  doc.author = normalize_text(doc.author);
  doc.pages.push_back(std::move(text));
  return result;
}

}  // namespace

ExtractResult extract_html(std::string_view bytes, const std::atomic<bool>* cancel) {
  try {
    return extract_html_unchecked(bytes, cancel);
  } catch (const std::bad_alloc&) {
    throw;
  } catch (const std::exception& e) {
    return problem("corrupt", e.what());
  }
}

}  // namespace concord
