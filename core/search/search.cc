// Search, show, stats and failures: the read side of the index.
#include "search/search.h"

#include <xapian.h>

#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_set>

#include "discover/discover.h"
#include "index/doc_builder.h"
#include "index/facts_reader.h"
#include "index/schema.h"
#include "index/stored_doc.h"
#include "lang/language.h"
#include "lang/tokenize.h"
#include "search/db.h"
#include "search/query_parse.h"
#include "util/echo.h"
#include "util/unicode.h"

namespace fs = std::filesystem;

namespace concord {
namespace {

constexpr size_t kSnippetWordsBefore = 8;
constexpr size_t kSnippetWords = 32;

struct HitToken {
  size_t page_index;
  size_t token_index;
};

// Words of a page with their offsets, tokenized once per page.
struct PageTokens {
  std::vector<Token> tokens;
  std::vector<bool> hit;
};

// Collapses whitespace in text[begin, end) into `out`, recording how source offsets map.
void append_collapsed(std::string_view text, std::string* out, std::vector<size_t>* map_from) {
  bool space = !out->empty() && out->back() == ' ';
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
      if (!space && !out->empty()) out->push_back(' ');
      space = true;
    } else {
      out->push_back(c);
      space = false;
    }
    if (map_from) map_from->push_back(out->size());
  }
}

// Builds the snippet around the densest cluster of hits on the best page.
void make_snippet(const StoredDoc& doc, const std::vector<PageTokens>& pages, SearchHit* hit) {
  size_t best_page = 0, best_token = 0;
  int best_score = -1;
  for (size_t p = 0; p < pages.size(); ++p) {
    const auto& pt = pages[p];
    for (size_t i = 0; i < pt.tokens.size(); ++i) {
      if (!pt.hit[i]) continue;
      std::set<std::string_view> distinct;
      int count = 0;
      for (size_t j = i; j < std::min(pt.tokens.size(), i + kSnippetWords - kSnippetWordsBefore); ++j)
        if (pt.hit[j]) {
          distinct.insert(pt.tokens[j].folded);
          ++count;
        }
      const int score = static_cast<int>(distinct.size()) * 100 + count;
      if (score > best_score) {
        best_score = score;
        best_page = p;
        best_token = i;
      }
    }
  }
  if (pages.empty() || pages[best_page].tokens.empty()) {
    hit->snippet = std::string(util::truncate_utf8(doc.description, 240));
    return;
  }
  const auto& pt = pages[best_page];
  const std::string& text = doc.pages[best_page];
  const size_t first = best_score < 0 ? 0 : (best_token > kSnippetWordsBefore ? best_token - kSnippetWordsBefore : 0);
  const size_t last = std::min(pt.tokens.size(), first + kSnippetWords) - 1;
  const size_t begin = first == 0 ? 0 : pt.tokens[first].start;
  size_t end = pt.tokens[last].end;
  // Keep trailing punctuation of the last word (".", ")").
  while (end < text.size() && end < pt.tokens[last].end + 2 && std::ispunct(static_cast<unsigned char>(text[end]))) ++end;
  std::string out;
  if (first > 0) out = "… ";
  std::vector<size_t> map;
  const size_t base = out.size();
  std::string body;
  append_collapsed(std::string_view(text).substr(begin, end - begin), &body, &map);
  out += body;
  if (last + 1 < pt.tokens.size()) out += " …";
  for (size_t i = first; i <= last; ++i) {
    if (!pt.hit[i]) continue;
    const size_t s = pt.tokens[i].start - begin, e = pt.tokens[i].end - begin;
    const size_t so = base + (s == 0 ? 0 : map[s - 1]);
    const size_t eo = base + map[e - 1];
    // map[k] is the output length after consuming source byte k, so the token starts after
    // the mapped position of the byte before it.
    hit->highlights.push_back(Span{so, eo});
  }
  hit->snippet = std::move(out);
}

// Finds the document id of `path`'s unique term, or 0.
Xapian::docid find_doc(const Xapian::Database& db, const std::string& path) {
  const std::string term = unique_term(absolute_path(path));
  Xapian::PostingIterator p = db.postlist_begin(term);
  return p == db.postlist_end(term) ? 0 : *p;
}

uint64_t folder_bytes(const std::string& dir) {
  uint64_t total = 0;
  std::error_code ec;
  for (fs::recursive_directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec))
    if (it->is_regular_file(ec)) total += it->file_size(ec);
  return total;
}

}  // namespace

std::string display_path(const std::string& absolute) {
  std::error_code ec;
  std::string cwd = fs::current_path(ec).string();
  if (ec || cwd.empty()) return absolute;
  if (cwd.back() != '/') cwd += '/';
  if (absolute.rfind(cwd, 0) == 0 && absolute.size() > cwd.size()) return absolute.substr(cwd.size());
  return absolute;
}

namespace {

// The commands on one snapshot; the public functions below run them through read_index().

SearchResults search_snapshot(const Xapian::Database& db, const SearchOptions& options) {
  ParsedQuery parsed = parse_query(db, options.query);
  SearchResults results;
  results.query = options.query;
  Xapian::Enquire enquire(db);
  enquire.set_query(parsed.query);
  if (options.sort_by_date) enquire.set_sort_by_value_then_relevance(schema::kSlotDate, true);
  Xapian::MSet mset = enquire.get_mset(static_cast<Xapian::doccount>(options.offset),
                                       static_cast<Xapian::doccount>(options.limit));
  results.total = mset.get_matches_estimated();
  results.total_lower = mset.get_matches_lower_bound();
  results.total_upper = mset.get_matches_upper_bound();
  DocBuilder stems;
  int rank = static_cast<int>(options.offset);
  for (Xapian::MSetIterator it = mset.begin(); it != mset.end(); ++it) {
    const Xapian::Document xdoc = it.get_document();
    const StoredDoc doc = decode_stored_doc(xdoc.get_data());
    const DocFacts facts = read_facts(xdoc.get_value(schema::kSlotFacts), {{}, false, false, false});
    SearchHit hit;
    hit.rank = ++rank;
    hit.path = display_path(doc.path);
    hit.title = doc.title;
    hit.format = doc.format;
    hit.date = doc.date;
    hit.language = doc.language;
    hit.paged = doc.paged;
    hit.score = it.get_weight();
    hit.percent = it.get_percent();
    std::unordered_set<std::string> terms;
    for (auto t = enquire.get_matching_terms_begin(it); t != enquire.get_matching_terms_end(it); ++t)
      terms.insert(*t);
    std::vector<PageTokens> pages(doc.pages.size());
    std::vector<bool> pages_with_hits(doc.pages.size(), false);
    for (size_t p = 0; p < doc.pages.size(); ++p) {
      pages[p].tokens = tokenize(doc.pages[p]);
      pages[p].hit.assign(pages[p].tokens.size(), false);
      bool any = false;
      for (size_t i = 0; i < pages[p].tokens.size(); ++i) {
        const std::string& w = pages[p].tokens[i].folded;
        bool match = terms.count(w) || terms.count(stems.stem_term(doc.language, w));
        if (!match)
          for (const std::string& prefix : parsed.wildcard_prefixes)
            if (w.rfind(prefix, 0) == 0) match = true;
        pages[p].hit[i] = match;
        any |= match;
      }
      pages_with_hits[p] = any;
    }
    // Entity terms (org:, symbol:) highlight the words of their mentions.
    for (const Mention& m : facts.mentions) {
      if (!terms.count(entity_term(m.entity_id))) continue;
      const size_t p = doc.paged ? static_cast<size_t>(m.page - 1) : 0;
      if (p >= pages.size()) continue;
      for (size_t i = 0; i < pages[p].tokens.size(); ++i)
        if (pages[p].tokens[i].start >= m.start && pages[p].tokens[i].end <= m.end) pages[p].hit[i] = true;
      pages_with_hits[p] = true;
    }
    for (size_t p = 0; p < pages.size(); ++p)
      if (pages_with_hits[p] && doc.paged) hit.pages.push_back(static_cast<int>(p + 1));
    make_snippet(doc, pages, &hit);
    results.results.push_back(std::move(hit));
  }
  return results;
}

ShownDoc show_snapshot(const Xapian::Database& db, const std::string& path, int page) {
  const Xapian::docid did = find_doc(db, path);
  if (!did) throw QueryError("not in the index: " + util::echo_input(path, 1000));
  StoredDoc doc = decode_stored_doc(db.get_document(did).get_data());
  ShownDoc out;
  out.path = display_path(doc.path);
  out.title = doc.title;
  out.format = doc.format;
  out.language = doc.language;
  out.date = doc.date;
  out.author = doc.author;
  out.description = doc.description;
  out.encoding = doc.encoding;
  out.hash = doc.hash;
  out.size = doc.size;
  out.paged = doc.paged;
  out.page_count = doc.pages.size();
  if (page < 0 || static_cast<size_t>(page) > doc.pages.size())
    throw QueryError("page " + std::to_string(page) + " does not exist; " +
                     util::echo_input(path, 1000) + " has " + std::to_string(doc.pages.size()) +
                     " page(s)");
  for (size_t i = 0; i < doc.pages.size(); ++i)
    if (page == 0 || static_cast<size_t>(page) == i + 1)
      out.pages.emplace_back(doc.paged ? static_cast<int>(i + 1) : 0, doc.pages[i]);
  return out;
}

Stats stats_snapshot(const Xapian::Database& db, const std::string& db_path) {
  Stats s;
  s.db_path = db_path;
  s.documents = db.get_doccount();
  s.terms = 0;
  for (auto t = db.allterms_begin(); t != db.allterms_end(); ++t) ++s.terms;
  s.postings_length = db.get_total_length();
  for (const char* f : {"pdf", "html", "text"})
    s.by_format[f] = db.get_termfreq(std::string(schema::kFormat) + f);
  for (const std::string& l : supported_languages())
    s.by_language[l] = db.get_termfreq(std::string(schema::kLanguage) + l);
  for (auto v = db.valuestream_begin(schema::kSlotPages); v != db.valuestream_end(schema::kSlotPages); ++v)
    s.pages += std::stoull(*v);
  for (auto k = db.metadata_keys_begin(schema::kMetaFailurePrefix);
       k != db.metadata_keys_end(schema::kMetaFailurePrefix); ++k)
    ++s.failures;
  s.db_bytes = folder_bytes(db_path);
  s.gazetteer = db.get_metadata(schema::kMetaGazetteer);
  const std::string files = db.get_metadata(schema::kMetaGazetteerFiles);
  for (size_t at = 0; at < files.size();) {
    const size_t nl = std::min(files.find('\n', at), files.size());
    s.gazetteer_files.push_back(files.substr(at, nl - at));
    at = nl + 1;
  }
  return s;
}

std::vector<Failure> failures_snapshot(const Xapian::Database& db) {
  std::vector<Failure> out;
  const std::string prefix = schema::kMetaFailurePrefix;
  for (auto k = db.metadata_keys_begin(prefix); k != db.metadata_keys_end(prefix); ++k) {
    Failure f;
    f.path = display_path((*k).substr(prefix.size()));
    try {
      auto j = nlohmann::json::parse(db.get_metadata(*k));
      f.kind = j.at("kind").get<std::string>();
      f.message = j.at("message").get<std::string>();
      f.size = j.at("size").get<uint64_t>();
      f.mtime_ns = j.at("mtime").get<int64_t>();
    } catch (const nlohmann::json::exception&) {
      f.kind = "unknown";
      f.message = "damaged failure record";
    }
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

SearchResults search(const SearchOptions& options) {
  return read_index(options.db_path, [&](const IndexReader& reader) {
    return search_snapshot(reader.db(), options);
  });
}

ShownDoc show(const std::string& db_path, const std::string& path, int page) {
  return read_index(
      db_path, [&](const IndexReader& reader) { return show_snapshot(reader.db(), path, page); });
}

Stats stats(const std::string& db_path) {
  return read_index(
      db_path, [&](const IndexReader& reader) { return stats_snapshot(reader.db(), db_path); });
}

std::vector<Failure> failures(const std::string& db_path) {
  return read_index(db_path,
                    [&](const IndexReader& reader) { return failures_snapshot(reader.db()); });
}

}  // namespace concord
