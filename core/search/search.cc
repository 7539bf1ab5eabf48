// Search, show, stats and failures: the read side of the index.
#include "search/search.h"

#include <algorithm>
#include <filesystem>
#include <unordered_set>

#include "discover/discover.h"
#include "lang/language.h"
#include "lang/tokenize.h"
#include "search/query_parse.h"
#include "store/query.h"
#include "store/reader.h"
#include "store/schema.h"
#include "util/echo.h"
#include "util/folder.h"
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

// The densest cluster of hits on a page: its score (distinct hit words x 100 + hits in the
// snippet's window; -1 without hits) and its first token.
std::pair<int, size_t> best_cluster(const PageTokens& pt) {
  const size_t n = pt.tokens.size();
  const size_t width = kSnippetWords - kSnippetWordsBefore;
  // The hit words of the window [i, i + width) and how often each is there, kept as the
  // window slides one token at a time: a page of many hits (an entity's long form marks each
  // of its words) is one pass, not a window's worth of work per hit.
  std::vector<std::pair<std::string_view, int>> words;  // at most `width`
  int count = 0;
  const auto slide = [&](size_t j, int delta) {
    if (j >= n || !pt.hit[j]) return;
    count += delta;
    const std::string_view w = pt.tokens[j].folded;
    auto it = std::find_if(words.begin(), words.end(), [&](const auto& e) { return e.first == w; });
    if (it == words.end()) words.emplace_back(w, delta);
    else if ((it->second += delta) == 0) words.erase(it);
  };
  for (size_t j = 0; j < width; ++j) slide(j, 1);
  int best_score = -1;
  size_t best_token = 0;
  for (size_t i = 0; i < n; ++i) {
    if (i > 0) {
      slide(i - 1, -1);
      slide(i + width - 1, 1);
    }
    if (!pt.hit[i]) continue;
    const int score = static_cast<int>(words.size()) * 100 + count;
    if (score > best_score) {
      best_score = score;
      best_token = i;
    }
  }
  return {best_score, best_token};
}

// Builds the snippet around the cluster of hits at `best_token` of `pt`, the tokens of
// `text` (the best page); best_score < 0: no hit, the page's first words.
void make_snippet(const StoredDoc& doc, const std::string& text, const PageTokens& pt,
                  int best_score, size_t best_token, SearchHit* hit) {
  if (pt.tokens.empty()) {
    hit->snippet = std::string(util::truncate_utf8(doc.description, 240));
    return;
  }
  const size_t first =
      best_score < 0 ? 0
                     : (best_token > kSnippetWordsBefore ? best_token - kSnippetWordsBefore : 0);
  const size_t last = std::min(pt.tokens.size(), first + kSnippetWords) - 1;
  const size_t begin = first == 0 ? 0 : pt.tokens[first].start;
  size_t end = pt.tokens[last].end;
  // Keep trailing punctuation of the last word (".", ")").
  while (end < text.size() && end < pt.tokens[last].end + 2 &&
         std::ispunct(static_cast<unsigned char>(text[end])))
    ++end;
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

}  // namespace

std::string display_path(const std::string& absolute) {
  // Read once (no Concord program changes its working directory): check shows tens of
  // thousands of paths, and a system call each cost a tenth of its time.
  static const std::string cwd = [] {
    std::error_code ec;
    std::string dir = fs::current_path(ec).string();
    if (ec || dir.empty()) return std::string();
    if (dir.back() != '/') dir += '/';
    return dir;
  }();
  if (cwd.empty()) return absolute;
  if (absolute.rfind(cwd, 0) == 0 && absolute.size() > cwd.size())
    return absolute.substr(cwd.size());
  return absolute;
}

namespace {

// The commands on one snapshot; the public functions below run them through read_index().

// The spans of the mentions of entities the query names (org:, symbol:), page by page; read
// without their text.
using EntitySpans = std::vector<std::vector<std::pair<size_t, size_t>>>;
EntitySpans named_entity_spans(const IndexReader& reader, const QueryMatch& match,
                               const StoredDoc& doc) {
  const std::vector<std::string> entities = TermMatcher::entities(match);
  EntitySpans spans(doc.pages.size());
  if (entities.empty()) return spans;
  FactsFilter named;
  named.keep_mention = [&](std::string_view id, bool) {
    return std::find(entities.begin(), entities.end(), id) != entities.end();
  };
  named.surfaces = named.sentences = named.definitions = false;
  const DocFacts facts = reader.facts(match.doc, named);
  for (const Mention& m : facts.mentions) {
    const size_t p = doc.paged ? static_cast<size_t>(m.page - 1) : 0;
    if (p < spans.size()) spans[p].emplace_back(m.start, m.end);
  }
  return spans;
}

// Tokenizes `text` into *page and marks the words the match covers: its terms (or their
// stems), the query's wildcard prefixes, and the words of the named entities' mentions.
// Returns whether any word is marked.
bool mark_page(const std::string& text, const std::string& language, const QueryMatch& match,
               const ParsedQuery& parsed, const std::vector<std::pair<size_t, size_t>>& entities,
               TermMatcher* matcher, PageTokens* page) {
  page->tokens = tokenize(text);
  page->hit.assign(page->tokens.size(), false);
  bool any = false;
  for (size_t i = 0; i < page->tokens.size(); ++i) {
    const std::string& w = page->tokens[i].folded;
    bool match_word = matcher->word(match, language, w);
    if (!match_word)
      for (const std::string& prefix : parsed.wildcard_prefixes)
        if (w.rfind(prefix, 0) == 0) match_word = true;
    page->hit[i] = match_word;
    any |= match_word;
  }
  for (const auto& [start, end] : entities) {
    auto it = std::lower_bound(page->tokens.begin(), page->tokens.end(), start,
                               [](const Token& t, size_t v) { return t.start < v; });
    for (; it != page->tokens.end() && it->end <= end; ++it)
      page->hit[static_cast<size_t>(it - page->tokens.begin())] = true;
    any = true;
  }
  return any;
}

SearchResults search_snapshot(const IndexReader& reader, const SearchOptions& options) {
  const ParsedQuery parsed = parse_query(reader, options.query);
  QueryOptions query_options;
  query_options.offset = options.offset;
  query_options.limit = options.limit;
  query_options.sort_by_date = options.sort_by_date;
  query_options.facets = options.facets;
  query_options.time_limit = options.time_limit;
  QueryMatches matches = run_query(reader, parsed.spec, query_options);
  if (!matches.error.empty())
    throw QueryError("cannot parse query '" + util::echo_input(options.query) +
                     "': " + util::echo_input(matches.error, 400));
  SearchResults results;
  results.query = options.query;
  results.expanded = parsed.spec.expanded;
  results.total = matches.estimated;
  results.total_lower = matches.lower;
  results.total_upper = matches.upper;
  results.facets = std::move(matches.facets);
  TermMatcher matcher;
  int rank = static_cast<int>(options.offset);
  for (const QueryMatch& match : matches.matches) {
    const StoredDoc doc = reader.document_piece(match.doc);
    const EntitySpans entity_spans = named_entity_spans(reader, match, doc);
    SearchHit hit;
    hit.rank = ++rank;
    hit.path = display_path(doc.path);
    hit.title = doc.title;
    hit.format = doc.format;
    hit.date = doc.date;
    hit.language = doc.language;
    hit.paged = doc.paged;
    hit.score = match.weight;
    hit.percent = match.percent;
    // One page's tokens at a time: only the best page's are kept for the snippet, so a
    // document of a thousand pages costs one page of tokens.
    PageTokens best, page;
    size_t best_page = 0, best_token = 0;
    int best_score = -2;
    for (size_t p = 0; p < doc.pages.size(); ++p) {
      const bool any =
          mark_page(doc.pages[p], doc.language, match, parsed, entity_spans[p], &matcher, &page);
      if (any && doc.paged) {
        hit.pages.push_back(static_cast<int>(p + 1));
        if (is_ocr_page(doc.ocr_pages, static_cast<int>(p + 1)))
          hit.ocr_pages.push_back(static_cast<int>(p + 1));
      }
      const auto [score, token] = best_cluster(page);
      if (score > best_score) {
        best_score = score;
        best_token = token;
        best_page = p;
        std::swap(best, page);
      }
    }
    if (doc.pages.empty())
      hit.snippet = std::string(util::truncate_utf8(doc.description, 240));
    else
      make_snippet(doc, doc.pages[best_page], best, best_score, best_token, &hit);
    results.results.push_back(std::move(hit));
  }
  return results;
}

ShownDoc show_snapshot(const IndexReader& reader, const std::string& path, int page) {
  const std::optional<DocId> did = reader.find_document(absolute_path(path));
  if (!did) throw QueryError("not in the index: " + util::echo_input(path, 1000));
  StoredDoc doc = reader.document(*did);
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
  out.ocr_pages = doc.ocr_pages;
  if (page < 0 || static_cast<size_t>(page) > doc.pages.size())
    throw QueryError("page " + std::to_string(page) + " does not exist; " +
                     util::echo_input(path, 1000) + " has " + std::to_string(doc.pages.size()) +
                     " page(s)");
  for (size_t i = 0; i < doc.pages.size(); ++i)
    if (page == 0 || static_cast<size_t>(page) == i + 1)
      out.pages.emplace_back(doc.paged ? static_cast<int>(i + 1) : 0, doc.pages[i]);
  return out;
}

Stats stats_snapshot(const IndexReader& reader) {
  Stats s;
  s.db_path = reader.path();
  s.documents = reader.document_count();
  s.terms = reader.distinct_terms();
  s.postings_length = reader.total_length();
  for (const char* f : {"pdf", "html", "text"}) s.by_format[f] = reader.documents_with_format(f);
  for (const std::string& l : supported_languages())
    s.by_language[l] = reader.documents_in_language(l);
  s.pages = reader.total_pages();
  s.ocr_pages = reader.total_ocr_pages();
  s.failures = reader.failure_count();
  const std::vector<std::string> names = reader.shard_names();
  const std::vector<uint64_t> documents = reader.shard_documents();
  for (size_t i = 0; i < names.size(); ++i) {
    const bool remote = reader.shard_count() > 1 && !std::filesystem::is_directory(names[i]);
    s.shards.push_back({names[i], documents[i], remote ? 0 : util::folder_bytes(names[i])});
    s.db_bytes += s.shards.back().db_bytes;
  }
  for (const std::string& p : reader.duplicate_paths()) s.duplicate_paths.push_back(display_path(p));
  s.gazetteer = reader.gazetteer_fingerprint();
  s.gazetteer_files = reader.gazetteer_files();
  s.recognized_before = reader.documents_recognized_before();
  s.last_run = decode_run(reader.metadata(schema::kMetaLastRun));
  return s;
}

std::vector<Failure> failures_snapshot(const IndexReader& reader) {
  std::vector<Failure> out;
  for (StoredFailure& stored : reader.failures()) {
    Failure f;
    f.path = display_path(stored.path);
    if (stored.record) {
      f.kind = std::move(stored.record->kind);
      f.message = std::move(stored.record->message);
      f.size = stored.record->size;
      f.mtime_ns = stored.record->mtime_ns;
    } else {
      f.kind = "unknown";
      f.message = "damaged failure record";
    }
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

SearchResults search(const IndexReader& reader, const SearchOptions& options) {
  return search_snapshot(reader, options);
}

SearchResults search(const SearchOptions& options) {
  return read_index(options.db_path,
                    [&](const IndexReader& reader) { return search_snapshot(reader, options); });
}

ShownDoc show(const IndexReader& reader, const std::string& path, int page) {
  return show_snapshot(reader, path, page);
}

ShownDoc show(const std::string& db_path, const std::string& path, int page) {
  return read_index(db_path,
                    [&](const IndexReader& reader) { return show_snapshot(reader, path, page); });
}

std::vector<std::vector<Span>> document_hits(const IndexReader& reader, const std::string& query,
                                             const std::string& path, size_t first, size_t count) {
  const std::string absolute = absolute_path(path);
  const std::optional<DocId> did = reader.find_document(absolute);
  if (!did) throw QueryError("not in the index: " + util::echo_input(path, 1000));
  ParsedQuery parsed = parse_query(reader, query);
  parsed.spec.only_path = absolute;
  QueryOptions options;
  options.limit = 1;
  const QueryMatches matches = run_query(reader, parsed.spec, options);
  if (!matches.error.empty())
    throw QueryError("cannot parse query '" + util::echo_input(query) +
                     "': " + util::echo_input(matches.error, 400));
  std::vector<std::vector<Span>> out;
  if (matches.matches.empty()) return out;
  const QueryMatch& match = matches.matches.front();
  const StoredDoc doc = reader.document_piece(match.doc);
  const EntitySpans entities = named_entity_spans(reader, match, doc);
  TermMatcher matcher;
  PageTokens page;
  out.resize(doc.pages.size());
  for (size_t p = first; p < doc.pages.size() && p - first < count; ++p) {
    mark_page(doc.pages[p], doc.language, match, parsed, entities[p], &matcher, &page);
    for (size_t i = 0; i < page.tokens.size(); ++i)
      if (page.hit[i]) out[p].push_back(Span{page.tokens[i].start, page.tokens[i].end});
  }
  return out;
}

Stats stats(const IndexReader& reader) { return stats_snapshot(reader); }

Stats stats(const std::string& db_path) {
  return read_index(db_path, [&](const IndexReader& reader) { return stats_snapshot(reader); });
}

std::vector<Failure> failures(const IndexReader& reader) { return failures_snapshot(reader); }

std::vector<Failure> failures(const std::string& db_path) {
  return read_index(db_path, [&](const IndexReader& reader) { return failures_snapshot(reader); });
}

}  // namespace concord
