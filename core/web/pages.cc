// The web interface's pages: the library's answers (search, show, xref, mentions, stats)
// turned into template data.
#include "web/pages.h"

#include <signal.h>
#include <sys/stat.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <sstream>
#include <nlohmann/json.hpp>
#include <unordered_set>

#include "authority/authority.h"
#include "discover/discover.h"
#include "extract/pdf_render.h"
#include "mentions/mentions.h"
#include "output/render.h"
#include "search/search.h"
#include "store/stored_doc.h"
#include "store/reader.h"
#include "store/schema.h"
#include "util/child.h"
#include "util/small_file.h"
#include "util/strings.h"
#include "util/unicode.h"
#include "xref/xref.h"

namespace concord::web {
namespace {

using nlohmann::json;

// Pages of a document shown at once: a text of a thousand pages is browsed twenty at a time.
constexpr size_t kDocPagesPerView = 20;
constexpr size_t kFacetValues = 12;
constexpr size_t kEntityDocuments = 50;
constexpr size_t kCoOccurring = 15;
constexpr size_t kForms = 40;

std::string mention_anchor(int page, uint32_t start) {
  return "m" + std::to_string(page) + "-" + std::to_string(start);
}

// Appends text[from, to) to `segments` as plain and marked pieces ({text, hit, mention:
// false}); `spans` (byte offsets, sorted by start) say which bytes are marked.
void append_marked(const std::string& text, size_t from, size_t to, const std::vector<Span>& spans,
                   json* segments) {
  auto piece = [&](size_t a, size_t b, bool hit) {
    if (b > a)
      segments->push_back({{"text", text.substr(a, b - a)}, {"hit", hit}, {"mention", false}});
  };
  for (const Span& s : spans) {
    if (s.end <= from || s.start >= to || s.end > text.size()) continue;
    const size_t a = std::max(s.start, from), b = std::min(s.end, to);
    piece(from, a, false);
    piece(a, b, true);
    from = b;
  }
  piece(from, to, false);
}

// A snippet cut into plain and highlighted pieces.
json segments(const std::string& text, std::vector<Span> spans) {
  std::sort(spans.begin(), spans.end(),
            [](const Span& a, const Span& b) { return a.start < b.start; });
  json out = json::array();
  append_marked(text, 0, text.size(), spans, &out);
  return out;
}

std::string entity_name(const Gazetteer& gazetteer, const std::string& id) {
  const EntityInfo info = describe_entity(gazetteer, id);
  return info.name.empty() ? id : info.name;
}

// The filter a facet value adds to a query.
std::string facet_filter(const std::string& field, const std::string& value) {
  if (field == "entity") return "entity:\"" + value + "\"";
  return field + ":" + value;
}

json facet(const char* name, const char* field, const std::vector<FacetCount>& values,
           const std::string& query, const Gazetteer* gazetteer) {
  json f = {{"name", name}, {"values", json::array()}};
  for (size_t i = 0; i < values.size() && i < kFacetValues; ++i) {
    const std::string filter = facet_filter(field, values[i].value);
    f["values"].push_back(
        {{"label", gazetteer ? entity_name(*gazetteer, values[i].value) : values[i].value},
         {"filter", filter},
         {"count", values[i].documents},
         {"href", link("/search", {{"q", query + " " + filter}})}});
  }
  return f;
}

// document_hits() for the pages [first, first + count) of the document at `path`, or none
// when there is no query; a query that does not parse (any more) only loses its marks.
std::vector<std::vector<Span>> query_hits(const IndexReader& reader, const std::string& query,
                                          const std::string& path, size_t first, size_t count) {
  if (query.empty() || query.size() > kWebMaxQueryBytes) return {};
  try {
    return document_hits(reader, query, path, first, count);
  } catch (const QueryError&) {
  } catch (const UnknownEntityError&) {
  }
  return {};
}

}  // namespace

std::string link(std::string_view path,
                 std::initializer_list<std::pair<const char*, std::string>> kv,
                 std::string_view anchor) {
  std::string out(path);
  char sep = '?';
  for (const auto& [k, v] : kv) {
    if (v.empty()) continue;
    out += sep;
    out += k;
    out += '=';
    out += url_encode(v);
    sep = '&';
  }
  if (!anchor.empty()) {
    out += '#';
    out += anchor;
  }
  return out;
}

std::string entity_link(const std::string& id) { return link("/entity", {{"id", id}}); }

std::string page_link(const std::string& path, int page, std::string_view anchor) {
  const std::string a =
      anchor.empty() && page > 0 ? "p" + std::to_string(page) : std::string(anchor);
  return link("/doc", {{"path", path}, {"page", page > 0 ? std::to_string(page) : ""}}, a);
}

std::string plural(uint64_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string url_encode(std::string_view text) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (const char c : text) {
    const auto u = static_cast<unsigned char>(c);
    if ((u >= 'A' && u <= 'Z') || (u >= 'a' && u <= 'z') || (u >= '0' && u <= '9') || u == '-' ||
        u == '.' || u == '_' || u == '~') {
      out += c;
    } else {
      out += '%';
      out += kHex[u >> 4];
      out += kHex[u & 15];
    }
  }
  return out;
}

Params::Params(const std::multimap<std::string, std::string>& params) {
  if (params.size() > kWebMaxParams) throw WebError(400, "too many parameters");
  for (const auto& [name, value] : params) {
    if (name.size() > 64 || value.size() > kWebMaxParamBytes)
      throw WebError(
          400, "parameter too long (at most " + std::to_string(kWebMaxParamBytes) + " bytes)");
    values_.emplace(name, value);  // the first value of a name wins
  }
}

const std::string& Params::get(const std::string& name) const {
  static const std::string kEmpty;
  const auto it = values_.find(name);
  return it == values_.end() ? kEmpty : it->second;
}

size_t Params::page_number(const std::string& name) const {
  const std::string& v = get(name);
  if (v.empty()) return 1;
  size_t n = 0;
  for (const char c : v) {
    if (c < '0' || c > '9' || n > kWebMaxPageNumber)
      throw WebError(
          400, name + " must be a whole number from 1 to " + std::to_string(kWebMaxPageNumber));
    n = n * 10 + static_cast<size_t>(c - '0');
  }
  if (n < 1 || n > kWebMaxPageNumber)
    throw WebError(400,
                   name + " must be a whole number from 1 to " + std::to_string(kWebMaxPageNumber));
  return n;
}

PageBody error_page(const std::string& heading, const std::string& message) {
  return {heading, "", render_template("error", {{"heading", heading}, {"message", message}})};
}

PageBody search_page(const IndexReader& reader, const Params& params, double query_seconds) {
  const std::string& q = params.get("q");
  if (q.size() > kWebMaxQueryBytes)
    throw WebError(400, "the query is longer than " + std::to_string(kWebMaxQueryBytes) + " bytes");
  json d = {{"answered", false}, {"error", false}};
  PageBody page{"Search", q, ""};
  if (util::trim(q).empty()) {
    d["top_entities"] = json::array();
    EntitiesOptions options;
    const std::vector<EntitySummary> all = list_entities(reader, options);
    for (size_t i = 0; i < all.size() && i < 15; ++i)
      d["top_entities"].push_back(
          {{"name", all[i].entity.name.empty() ? all[i].entity.id : all[i].entity.name},
           {"documents", plural(all[i].documents, "document", "documents")},
           {"href", entity_link(all[i].entity.id)}});
    page.html = render_template("search", d);
    return page;
  }
  page.title = q;
  const size_t page_number = params.page_number("page");
  SearchOptions options;
  options.query = q;
  options.limit = kWebResultsPerPage;
  options.offset = (page_number - 1) * kWebResultsPerPage;
  options.facets = true;
  options.time_limit = query_seconds;
  options.sort_by_date = params.get("sort") == "date";
  SearchResults r;
  try {
    r = search(reader, options);
  } catch (const QueryError& e) {
    d["error"] = {{"message", e.what()}};
    page.html = render_template("search", d);
    return page;
  } catch (const UnknownEntityError& e) {
    d["error"] = {{"message", e.what()}};
    page.html = render_template("search", d);
    return page;
  }
  d["answered"] = true;
  const bool exact = r.total_lower == r.total_upper;
  std::string total = exact ? plural(r.total_lower, "document matches", "documents match")
                            : "Between " + std::to_string(r.total_lower) + " and " +
                                  std::to_string(r.total_upper) +
                                  " documents match (the search stopped at its time limit)";
  if (!r.results.empty())
    total += "; " + std::to_string(r.results.front().rank) + " to " +
             std::to_string(r.results.back().rank) + " shown";
  d["total_text"] = total;
  d["first_rank"] = options.offset + 1;
  const std::shared_ptr<const Gazetteer> shared_gazetteer = reader.gazetteer();
  const Gazetteer& gazetteer = *shared_gazetteer;
  d["facets"] = json::array({facet("Format", "type", r.facets.formats, q, nullptr),
                             facet("Language", "lang", r.facets.languages, q, nullptr),
                             facet("Year", "date", r.facets.years, q, nullptr),
                             facet("Cited", "entity", r.facets.entities, q, &gazetteer)});
  d["results"] = json::array();
  for (const SearchHit& hit : r.results) {
    std::string pages;
    for (size_t i = 0; i < hit.pages.size() && i < 10; ++i)
      pages += (i ? ", " : "") + std::to_string(hit.pages[i]);
    if (hit.pages.size() > 10) pages += "…";
    d["results"].push_back(
        {{"title", hit.title},
         {"href", link("/doc",
                       {{"path", hit.path},
                        {"page", hit.pages.empty() ? "" : std::to_string(hit.pages.front())},
                        {"q", q}},
                       hit.pages.empty() ? "" : "p" + std::to_string(hit.pages.front()))},
         {"path", hit.path},
         {"format", hit.format},
         {"language", hit.language},
         {"has_date", !hit.date.empty()},
         {"date", hit.date},
         {"has_pages", !hit.pages.empty()},
         {"pages_text", (hit.pages.size() == 1 ? "page " : "pages ") + pages +
                            (hit.ocr_pages.empty() ? "" : " (OCR)")},
         {"snippet", segments(hit.snippet, hit.highlights)}});
  }
  const std::string sort = options.sort_by_date ? "date" : "";
  d["has_prev"] = page_number > 1;
  d["prev"] =
      link("/search", {{"q", q}, {"sort", sort}, {"page", std::to_string(page_number - 1)}});
  d["has_next"] = options.offset + r.results.size() < r.total_upper && !r.results.empty() &&
                  page_number < kWebMaxPageNumber;
  d["next"] =
      link("/search", {{"q", q}, {"sort", sort}, {"page", std::to_string(page_number + 1)}});
  page.html = render_template("search", d);
  return page;
}

PageBody document_page(const IndexReader& reader, const Params& params) {
  const std::string& path = params.get("path");
  if (path.empty()) throw WebError(400, "which document? (the path parameter is missing)");
  ShownDoc doc;
  try {
    doc = show(reader, path, 0);
  } catch (const QueryError& e) {
    throw WebError(404, e.what());
  }
  const std::optional<DocId> id = reader.find_document(absolute_path(path));
  if (!id) throw WebError(404, "not in the index");
  const DocFacts facts = reader.facts(*id);
  const std::shared_ptr<const Gazetteer> shared_gazetteer = reader.gazetteer();
  const Gazetteer& gazetteer = *shared_gazetteer;

  // The window of pages to show: the one holding ?page=N.
  const size_t wanted = doc.paged ? params.page_number("page") : 1;
  if (wanted > doc.pages.size())
    throw WebError(404, "the document has " + plural(doc.pages.size(), "page", "pages"));
  const size_t first = (wanted - 1) / kDocPagesPerView * kDocPagesPerView;  // 0-based
  const size_t last = std::min(doc.pages.size(), first + kDocPagesPerView);
  // The words of the search that led here (?q=), marked on the pages shown.
  const std::vector<std::vector<Span>> hits =
      query_hits(reader, params.get("q"), path, first, kDocPagesPerView);

  // Mentions by page index, in text order.
  std::vector<std::vector<const Mention*>> by_page(doc.pages.size());
  std::map<std::string, uint64_t> cited;
  for (const Mention& m : facts.mentions) {
    ++cited[m.entity_id];
    const size_t p = doc.paged ? static_cast<size_t>(std::max(m.page, 1) - 1) : 0;
    if (p < by_page.size()) by_page[p].push_back(&m);
  }
  std::map<std::string, std::string> names;
  auto name_of = [&](const std::string& id) -> const std::string& {
    auto it = names.find(id);
    if (it == names.end()) it = names.emplace(id, entity_name(gazetteer, id)).first;
    return it->second;
  };
  json d = {{"title", doc.title},
            {"path", doc.path},
            {"format", doc.format},
            {"language", doc.language},
            {"has_date", !doc.date.empty()},
            {"date", doc.date},
            {"has_author", !doc.author.empty()},
            {"author", doc.author},
            {"has_symbol", !facts.symbol.empty()},
            {"symbol", facts.symbol},
            {"symbol_href", entity_link(facts.symbol)},
            {"page_count", doc.page_count},
            {"mention_count", facts.mentions.size()},
            {"paged", doc.paged}};
  std::vector<std::pair<std::string, uint64_t>> ranked(cited.begin(), cited.end());
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.second > b.second; });
  d["has_cited"] = !ranked.empty();
  d["cited"] = json::array();
  for (const auto& [entity, n] : ranked)
    d["cited"].push_back(
        {{"name", name_of(entity)}, {"mentions", n}, {"href", entity_link(entity)}});
  d["pages"] = json::array();
  for (size_t i = first; i < last; ++i) {
    const std::string& text = doc.pages[i].second;
    std::vector<const Mention*>& ms = by_page[i];
    std::sort(ms.begin(), ms.end(),
              [](const Mention* a, const Mention* b) { return a->start < b->start; });
    json segs = json::array();
    const std::vector<Span> no_hits;
    const std::vector<Span>& page_hits = i < hits.size() ? hits[i] : no_hits;
    auto hit_in = [&](size_t from, size_t to) {
      return std::any_of(page_hits.begin(), page_hits.end(),
                         [&](const Span& h) { return h.start < to && h.end > from; });
    };
    size_t at = 0;
    for (const Mention* m : ms) {
      if (m->start < at || m->end > text.size() || m->end <= m->start) continue;  // nested
      append_marked(text, at, m->start, page_hits, &segs);
      segs.push_back({{"text", text.substr(m->start, m->end - m->start)},
                      {"mention", true},
                      {"hit", hit_in(m->start, m->end)},
                      {"anchor", mention_anchor(m->page, m->start)},
                      {"entity", name_of(m->entity_id)},
                      {"href", entity_link(m->entity_id)}});
      at = m->end;
    }
    append_marked(text, at, text.size(), page_hits, &segs);
    d["pages"].push_back(
        {{"number", i + 1},
         {"paged", doc.paged},
         {"ocr", is_ocr_page(doc.ocr_pages, static_cast<int>(i + 1))},
         {"pdf", doc.format == "pdf"},
         {"image", link("/doc/page.png",
                        {{"path", path}, {"page", std::to_string(i + 1)}, {"q", params.get("q")}})},
         {"segments", std::move(segs)}});
  }
  // Links to every window of pages (each page number links to its window).
  d["has_pages_nav"] = doc.pages.size() > kDocPagesPerView;
  if (doc.pages.size() > kDocPagesPerView) {
    d["pages_nav"] = json::array();
    for (size_t i = 0; i < doc.pages.size(); i += kDocPagesPerView)
      d["pages_nav"].push_back(
          {{"number", i + 1},
           {"href",
            link("/doc", {{"path", path}, {"page", std::to_string(i + 1)}, {"q", params.get("q")}},
                 "p" + std::to_string(i + 1))}});
  }
  return {doc.title, params.get("q"), render_template("doc", d)};
}

namespace {

// One page of an entity's concordance, narrowed by the lang and form parameters: only the
// rows shown are read (the listing is streamed and stopped), the total comes from the index's
// postings, and the filter menus from its language and written-form terms.
struct Concordance {
  MentionsHeader header;                      // the whole narrowed listing
  std::vector<MentionRow> rows;               // the rows of the page asked for
  std::vector<std::string> languages, forms;  // the values with mentions, for the filter menus
};

MentionsOptions concordance_options(const std::string& id, const Params& params) {
  MentionsOptions options;
  options.entity = id;
  options.language = params.get("lang");
  options.form = params.get("form");
  return options;
}

Concordance concordance(const IndexReader& reader, const std::string& id, const Params& params,
                        size_t from, size_t count) {
  MentionsOptions options = concordance_options(id, params);
  options.offset = from;
  Concordance c;
  try {
    c.header = stream_mentions(reader, options, [&](MentionRow&& row) {
      c.rows.push_back(std::move(row));
      return c.rows.size() < count;
    });
    for (const char* lang : {"en", "es", "fr"}) {
      MentionsOptions in_lang = options;
      in_lang.form.clear();
      in_lang.language = lang;
      if (count_mentions(reader, in_lang).mentions > 0) c.languages.push_back(lang);
    }
  } catch (const UnknownEntityError& e) {
    throw WebError(404, e.what());
  }
  for (const std::string& entity : {c.header.entity.id, unresolved_twin(c.header.entity.id)}) {
    if (entity.empty()) continue;
    for (const SurfaceForm& f : reader.surface_forms(entity))
      if (c.forms.size() < 200 &&
          std::find(c.forms.begin(), c.forms.end(), f.surface) == c.forms.end())
        c.forms.push_back(f.surface);
  }
  std::sort(c.forms.begin(), c.forms.end());
  return c;
}

// The entity page's data from xref: all but the concordance and the links that carry the
// concordance's filters (the same for every request of one revision).
json entity_data(const IndexReader& reader, const std::string& asked) {
  XrefOptions options;
  options.entity = asked;
  options.limit = 0;
  XrefResult x;
  try {
    x = xref(reader, options);
  } catch (const UnknownEntityError& e) {
    throw WebError(404, e.what());
  }
  const std::string& id = x.entity.id;
  json d = {
      {"name", x.entity.name.empty() ? id : x.entity.name},
      {"id", id},
      {"type", x.entity.type},
      {"mentions", x.mentions},
      {"documents", x.documents},
      {"archive_documents", x.archive_documents},
      {"has_span", !x.first_date.empty()},
      {"first_date", x.first_date},
      {"last_date", x.last_date},
      {"search_href", link("/search", {{"q", facet_filter("entity", id)}})}};
  // The built-in authority file's entry for a symbol (its title, organ, adoption, drafts).
  static const Authority authority = Authority::built_in();
  const AuthorityEntry* entry = authority.find(id);
  d["has_authority"] = entry != nullptr;
  if (entry) {
    std::string drafts, related;
    for (const std::string& s : entry->drafts) drafts += (drafts.empty() ? "" : ", ") + s;
    for (const std::string& s : entry->related) related += (related.empty() ? "" : ", ") + s;
    d["authority"] = {{"symbol", entry->symbol},
                      {"organ", entry->organ},
                      {"title", !entry->title_en.empty()   ? entry->title_en
                                : !entry->title_fr.empty() ? entry->title_fr
                                                           : entry->title_es},
                      {"adopted", entry->adopted},
                      {"has_drafts", !drafts.empty()},
                      {"drafts", drafts},
                      {"has_related", !related.empty()},
                      {"related", related}};
  }
  d["has_itself"] = !x.itself.empty();
  d["itself"] = json::array();
  for (const XrefDocument& doc : x.itself)
    d["itself"].push_back({{"title", doc.title}, {"href", page_link(doc.path, 0)}});
  d["document_list"] = json::array();
  std::map<std::string, uint64_t> years;
  for (const XrefDocument& doc : x.document_list) {
    if (doc.date.size() >= 4) ++years[doc.date.substr(0, 4)];
    if (d["document_list"].size() >= kEntityDocuments) continue;
    json pages = json::array();
    for (const int p : doc.mention_pages)
      if (pages.size() < 30) pages.push_back({{"number", p}, {"href", page_link(doc.path, p)}});
    d["document_list"].push_back({{"title", doc.title},
                                  {"path", doc.path},
                                  {"href", page_link(doc.path, 0)},
                                  {"date", doc.date},
                                  {"mentions", doc.mentions},
                                  {"pages", std::move(pages)}});
  }
  uint64_t most = 0;
  for (const auto& [year, n] : years) most = std::max(most, n);
  d["has_timeline"] = !years.empty();
  d["timeline"] = json::array();
  for (const auto& [year, n] : years)
    d["timeline"].push_back({{"year", year}, {"documents", n}, {"max", most}});
  d["co_occurring"] = json::array();
  for (size_t i = 0; i < x.co_occurring.size() && i < kCoOccurring; ++i) {
    const Association& a = x.co_occurring[i];
    char g2[32];
    std::snprintf(g2, sizeof g2, "%.1f", a.scores.g2);
    d["co_occurring"].push_back({{"name", a.entity.name.empty() ? a.entity.id : a.entity.name},
                                 {"href", entity_link(a.entity.id)},
                                 {"documents", plural(a.documents, "document", "documents")},
                                 {"g2", g2}});
  }
  d["forms"] = json::array();
  for (size_t i = 0; i < x.forms.size() && i < kForms; ++i)
    d["forms"].push_back({{"surface", x.forms[i].surface},
                          {"variant", x.forms[i].variant},
                          {"mentions", x.forms[i].mentions}});
  d["has_family"] = x.symbol.has_value();
  if (x.symbol) {
    d["family"] = x.symbol->family;
    d["family_members"] = json::array();
    for (const FamilyMember& m : x.symbol->members)
      d["family_members"].push_back({{"id", m.id},
                                     {"role", m.role},
                                     {"documents", m.documents},
                                     {"linked", m.documents > 0},
                                     {"href", entity_link(m.id)}});
  }
  return d;
}

}  // namespace

PageBody entity_page(const IndexReader& reader, const Params& params, Caches& caches) {
  const std::string& asked = params.get("id");
  if (asked.empty()) throw WebError(400, "which entity? (the id parameter is missing)");
  json d = *caches.entity.get(reader.snapshot(), asked,
                              [&] { return entity_data(reader, asked); });
  const std::string id = d["id"].get<std::string>();
  d["csv_href"] = link("/entity/mentions.csv",
                       {{"id", id}, {"lang", params.get("lang")}, {"form", params.get("form")}});
  d["jsonl_href"] = link("/entity/mentions.jsonl",
                         {{"id", id}, {"lang", params.get("lang")}, {"form", params.get("form")}});
  const size_t page_number = params.page_number("page");
  const size_t from = (page_number - 1) * kWebMentionsPerPage;
  const Concordance c = concordance(reader, id, params, from, kWebMentionsPerPage);
  d["languages"] = json::array();
  for (const std::string& l : c.languages)
    d["languages"].push_back({{"value", l}, {"selected", l == params.get("lang")}});
  d["form_options"] = json::array();
  for (const std::string& f : c.forms)
    d["form_options"].push_back({{"value", f}, {"selected", f == params.get("form")}});
  const uint64_t total = c.header.mentions;
  d["concordance"] = json::array();
  for (const MentionRow& row : c.rows) {
    std::string before = row.context, surface, after;
    if (row.context_end > row.context_start && row.context_end <= row.context.size()) {
      before = row.context.substr(0, row.context_start);
      surface = row.context.substr(row.context_start, row.context_end - row.context_start);
      after = row.context.substr(row.context_end);
    }
    const std::string place = (row.page > 0 ? "page " + std::to_string(row.page) + ", " : "") +
                              "line " + std::to_string(row.line);
    d["concordance"].push_back(
        {{"path", row.path},
         {"place", place},
         {"href", page_link(row.path, row.page, mention_anchor(row.page, row.start))},
         {"before", before},
         {"surface", surface},
         {"after", after}});
  }
  std::string shown = plural(total, "mention", "mentions");
  if (!c.rows.empty())
    shown += "; " + std::to_string(from + 1) + " to " + std::to_string(from + c.rows.size()) +
             " shown";
  d["concordance_text"] = shown;
  auto concordance_page = [&](size_t n) {
    return link("/entity",
                {{"id", id},
                 {"lang", params.get("lang")},
                 {"form", params.get("form")},
                 {"page", std::to_string(n)}},
                "concordance");
  };
  d["has_prev"] = page_number > 1;
  d["prev"] = concordance_page(page_number - 1);
  d["has_next"] = from + kWebMentionsPerPage < total && page_number < kWebMaxPageNumber;
  d["next"] = concordance_page(page_number + 1);
  return {d["name"].get<std::string>(), "", render_template("entity", d)};
}

WebResponse mentions_download(const IndexReader& reader, const Params& params, bool csv) {
  const std::string& id = params.get("id");
  if (id.empty()) throw WebError(400, "which entity? (the id parameter is missing)");
  std::ostringstream body;
  MentionsPrinter printer(body, csv ? MentionsFormat::csv : MentionsFormat::jsonl, false);
  const MentionsOptions options = concordance_options(id, params);
  MentionsHeader header;
  try {
    header = count_mentions(reader, options);
    printer.header(header);
    stream_mentions(reader, options, [&](MentionRow&& row) {
      printer.row(row);
      return true;
    });
    printer.finish();
  } catch (const UnknownEntityError& e) {
    throw WebError(404, e.what());
  }
  WebResponse r;
  r.content_type = csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
  r.body = std::move(body).str();
  std::string name;
  for (const char ch : header.entity.id)
    name += (std::isalnum(static_cast<unsigned char>(ch)) || ch == '-') ? ch : '_';
  r.headers.emplace_back("Content-Disposition",
                         "attachment; filename=\"mentions-" + name + (csv ? ".csv\"" : ".jsonl\""));
  return r;
}

WebResponse page_image(const IndexReader& reader, const Params& params, const SiteOptions& site) {
  const std::string& path = params.get("path");
  const std::optional<DocId> id = reader.find_document(absolute_path(path));
  if (path.empty() || !id) throw WebError(404, "not in the index");
  const StoredDoc doc = reader.document(*id);
  if (doc.format != "pdf") throw WebError(404, "only PDF pages have images");
  const size_t page = params.page_number("page");
  if (page > doc.pages.size())
    throw WebError(404, "the document has " + plural(doc.pages.size(), "page", "pages"));
  // The file as indexed: the same size and modification time, read whole (its size bounds it).
  struct stat st {};
  if (::stat(doc.path.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
    throw WebError(404, "the file is no longer there");
  const int64_t mtime = static_cast<int64_t>(st.st_mtim.tv_sec) * 1000000000 + st.st_mtim.tv_nsec;
  if (static_cast<uint64_t>(st.st_size) != doc.size || mtime != doc.mtime_ns)
    throw WebError(409, "the file changed since it was indexed; index it again");
  // The query's words on this page, folded, to box on the image.
  std::unordered_set<std::string> words;
  const auto hits = query_hits(reader, params.get("q"), path, page - 1, 1);
  if (page - 1 < hits.size())
    for (const Span& h : hits[page - 1])
      words.insert(
          util::fold(std::string_view(doc.pages[page - 1]).substr(h.start, h.end - h.start)));
  constexpr int kWidth = 1000;
  WebResponse r;
  r.content_type = "image/png";
  if (site.render_command.empty()) {
    // Read as the indexer reads: a regular file only, never past the indexed size.
    const util::SmallFile file = util::read_small_file(doc.path, doc.size);
    if (!file.error.empty()) throw WebError(404, "the file cannot be read: " + file.error);
    const RenderedPage image = render_pdf_page(file.bytes, static_cast<int>(page), kWidth, words);
    if (image.problem) throw WebError(422, "the page cannot be shown: " + image.problem->message);
    r.body = image.png;
    return r;
  }
  std::vector<std::string> argv = site.render_command;
  for (const std::string& a : {doc.path, std::to_string(doc.size), std::to_string(page),
                               std::to_string(kWidth), std::to_string(site.render_seconds)})
    argv.push_back(a);
  argv.insert(argv.end(), words.begin(), words.end());
  // An image of kMaxRenderPixels is far below this; more is not a page image.
  constexpr size_t kMaxImageBytes = size_t{64} << 20;
  const util::ChildResult child = util::run_child(argv, site.render_seconds, kMaxImageBytes);
  if (!child.spawn_error.empty())
    throw std::runtime_error("cannot start the page renderer: " + child.spawn_error);
  if (child.timed_out || child.signal == SIGXCPU) {
    char limit[32];
    std::snprintf(limit, sizeof limit, "%g", site.render_seconds);
    throw WebError(422, std::string("the page cannot be shown: rendering it takes longer than ") +
                            limit + " s (its text is on the document page)");
  }
  if (child.signal != 0)
    throw WebError(422, "the page cannot be shown: the renderer stopped (signal " +
                            std::to_string(child.signal) + ")");
  if (child.exit_code != 0 || child.out.empty()) {
    std::string why = child.err.substr(0, child.err.find('\n'));
    const size_t colon = why.find(": ");
    if (colon != std::string::npos) why = why.substr(colon + 2);
    throw WebError(422, "the page cannot be shown: " + (why.empty() ? "the renderer failed" : why));
  }
  r.body = child.out;
  return r;
}

namespace {

PageBody health_body(const IndexReader& reader) {
  const Stats s = stats(reader);
  json d = {{"documents", s.documents},
            {"pages", s.pages},
            {"terms", s.terms},
            {"gazetteer", s.gazetteer},
            {"failure_count", s.failures}};
  char size[32];
  std::snprintf(size, sizeof size, "%.1f MB", static_cast<double>(s.db_bytes) / 1e6);
  d["db_size"] = size;
  d["formats"] = json::array();
  for (const auto& [name, n] : s.by_format)
    d["formats"].push_back(
        {{"name", name}, {"count", n}, {"href", link("/search", {{"q", "type:" + name}})}});
  d["languages"] = json::array();
  for (const auto& [name, n] : s.by_language)
    d["languages"].push_back(
        {{"name", name}, {"count", n}, {"href", link("/search", {{"q", "lang:" + name}})}});
  d["several_shards"] = s.shards.size() > 1;
  d["shards"] = json::array();
  for (const Stats::Shard& shard : s.shards)
    d["shards"].push_back({{"name", shard.name},
                           {"documents", shard.documents},
                           {"remote", shard.db_bytes == 0}});
  d["duplicate_paths"] = s.duplicate_paths;
  d["has_duplicates"] = !s.duplicate_paths.empty();
  d["duplicate_count"] = s.duplicate_paths.size();
  d["has_gazetteer_files"] = !s.gazetteer_files.empty();
  d["gazetteer_files"] = s.gazetteer_files;
  // Files without a text layer (scanned) apart from the other failures: they need OCR, not
  // a fix.
  const std::vector<Failure> failed = failures(reader);
  d["failures"] = json::array();
  d["no_text"] = json::array();
  for (const Failure& f : failed)
    d[f.kind == "no-text" ? "no_text" : "failures"].push_back(
        {{"path", f.path}, {"kind", f.kind}, {"message", f.message}});
  d["has_failures"] = !d["failures"].empty();
  d["has_no_text"] = !d["no_text"].empty();
  d["failure_count"] = d["failures"].size();
  d["no_text_count"] = d["no_text"].size();
  d["has_last_run"] = s.last_run.has_value();
  if (s.last_run) {
    const RunRecord& r = *s.last_run;
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.1f s", r.seconds);
    d["last_run"] = {{"finished", r.finished}, {"seconds", seconds},
                     {"interrupted", r.interrupted}, {"files", r.files},
                     {"added", r.added},       {"updated", r.updated},
                     {"unchanged", r.unchanged}, {"removed", r.removed},
                     {"failed", r.failed},     {"skipped", r.skipped}};
  }
  static const Authority authority = Authority::built_in();
  d["authority_entries"] = authority.entries().size();
  EntitiesOptions options;
  options.discovered = true;
  d["discovered"] = json::array();
  for (const EntitySummary& e : list_entities(reader, options)) {
    std::string acronym = e.entity.id;
    if (acronym.rfind("discovered:", 0) == 0) acronym = acronym.substr(11);
    d["discovered"].push_back({{"acronym", acronym},
                               {"name", e.entity.name},
                               {"documents", e.documents},
                               {"href", entity_link(e.entity.id)}});
  }
  return {"Archive", "", render_template("health", d)};
}

}  // namespace

WebResponse suggest_download(const IndexReader& reader, const Params& params, Caches& caches) {
  const std::string& q = params.get("q");
  json out = {{"query", q}, {"suggestions", json::array()}};
  if (!q.empty() && q.size() <= kWebMaxQueryBytes) {
    const auto index = caches.suggest.get(reader.snapshot(), "entities", [&] {
      return SuggestionIndex(list_entities(reader, EntitiesOptions{}));
    });
    for (const Completion& s : index->suggest(q, kWebSuggestions)) {
      const std::string label = s.id + (s.name.empty() ? "" : " — " + s.name) + " (" +
                                plural(s.documents, "document", "documents") + ")";
      out["suggestions"].push_back({{"value", s.value},
                                    {"label", label},
                                    {"id", s.id},
                                    {"name", s.name},
                                    {"type", s.type},
                                    {"matched", s.matched},
                                    {"documents", s.documents}});
    }
  }
  WebResponse r;
  r.content_type = "application/json";
  r.body = out.dump(-1, ' ', false, json::error_handler_t::replace);
  return r;
}

PageBody health_page(const IndexReader& reader, Caches& caches) {
  // A run that changed nothing leaves the snapshot as it was and records itself beside the
  // database (store/run_record.h): the last run is part of the key, not only the snapshot.
  const std::string key = "health\n" + reader.metadata(schema::kMetaLastRun);
  return *caches.health.get(reader.snapshot(), key, [&] { return health_body(reader); });
}

}  // namespace concord::web
