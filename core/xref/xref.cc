// Cross-references of one entity from stored term statistics, entity lists and facts records.
#include "xref/xref.h"

#include <algorithm>
#include <cmath>
#include <exception>
#include <map>
#include <set>
#include <string_view>
#include <thread>
#include <unordered_map>

#include "authority/authority.h"
#include "recognize/symbols.h"
#include "search/query_parse.h"
#include "search/search.h"
#include "store/reader.h"
#include "store/terms.h"

namespace concord {
namespace {

// Role of a family member from its last suffix ("A/RES/77/281/Rev.1" -> "revision").
std::string member_role(const std::string& id, const std::string& family) {
  if (id == family) return "symbol";
  const std::string suffix = id.substr(family.size());
  const size_t slash = suffix.rfind('/');
  const std::string last = slash == std::string::npos ? suffix : suffix.substr(slash + 1);
  if (last.rfind("Rev.", 0) == 0) return "revision";
  if (last.rfind("Corr.", 0) == 0) return "corrigendum";
  if (last.rfind("Add.", 0) == 0) return "addendum";
  if (last.rfind("Amend.", 0) == 0) return "amendment";
  return "variant";  // a bracketed year or session: "S/RES/2334(2016)"
}

using Scope = std::optional<std::vector<DocId>>;

// Documents and mentions within the scope, from a term's archive-wide counts when unscoped,
// else from its postings.
template <typename Postings>
TermCounts scoped_counts(const TermCounts& whole, Postings&& postings, const Scope& scope) {
  if (!scope) return whole;
  TermCounts counts;
  for (const Posting& p : postings()) {
    if (!in_scope(scope, p.doc)) continue;
    ++counts.documents;
    counts.mentions += p.count;
  }
  return counts;
}

TermCounts entity_counts(const IndexReader& reader, const std::string& id, const Scope& scope) {
  if (!scope) return reader.entity_counts(id);
  return scoped_counts(
      {}, [&] { return reader.entity_postings(id); }, scope);
}

// Adds `id` to the family listing unless present (a present member keeps its own role, but
// an authority listing is noted in its source).
void add_member(const IndexReader& reader, const Scope& scope, const std::string& id,
                const std::string& role, const std::string& source,
                std::vector<FamilyMember>* members) {
  for (FamilyMember& m : *members)
    if (m.id == id) {
      if (source == "authority") m.source = source;
      return;
    }
  FamilyMember m;
  m.id = id;
  m.role = role;
  m.source = source;
  const TermCounts counts = entity_counts(reader, id, scope);
  m.documents = counts.documents;
  m.mentions = counts.mentions;
  if (m.documents > 0 || source == "authority") members->push_back(std::move(m));
}

// Every symbol of the index in `family` ("A/RES/77/281/Rev.1", "S/RES/2334(2016)"), which
// all start with the base symbol. `role` overrides the role read from the suffix.
void add_index_family(const IndexReader& reader, const Scope& scope, const std::string& family,
                      const std::string& role, std::vector<FamilyMember>* members) {
  for (const EntityTerm& t : reader.entities(family)) {
    if (symbol_family(t.id) != family) continue;
    add_member(reader, scope, t.id, role.empty() ? member_role(t.id, family) : role, "index",
               members);
  }
}

bool date_before(const std::string& a, const std::string& b) {
  return std::make_pair(date_value(a), a) < std::make_pair(date_value(b), b);
}

constexpr unsigned kMaxWorkers = 8;

// What one worker gathers from its share of the citing documents.
struct Citing {
  std::vector<XrefDocument> documents;
  std::unordered_map<std::string, uint64_t> together;  // entity id -> documents with both
  std::map<std::string, DateCount> dates;              // mention date -> counts
};

// Adds one citing document, `count` mentions of `id` in it, to `out`: its entity list to the
// co-cited entities, its facts record (metadata, and the page and dates of this entity's
// mentions) to the document list and the dates.
void add_citing(const std::string& id, uint32_t count, DocFacts&& facts,
                const std::vector<std::string>& entities, Citing* out) {
  for (const std::string& other : entities)
    if (other != id) ++out->together[other];
  XrefDocument d;
  d.path = display_path(facts.path);
  d.title = std::move(facts.title);
  d.date = std::move(facts.date);
  d.format = std::move(facts.format);
  d.pages = facts.paged ? facts.pages : 0;
  d.mentions = count;
  d.itself = !facts.symbol.empty() && facts.symbol == id;
  std::set<std::string_view> doc_dates;
  for (const Mention& m : facts.mentions) {
    if (m.page > 0) d.mention_pages.push_back(m.page);
    for (const std::string& date : m.dates) {
      DateCount& c = out->dates[date];
      ++c.mentions;
      if (doc_dates.insert(date).second) ++c.documents;
    }
  }
  std::sort(d.mention_pages.begin(), d.mention_pages.end());
  d.mention_pages.erase(std::unique(d.mention_pages.begin(), d.mention_pages.end()),
                        d.mention_pages.end());
  out->documents.push_back(std::move(d));
}

}  // namespace

AssociationScores associate(uint64_t n, uint64_t a, uint64_t b, uint64_t k) {
  AssociationScores s;
  if (n == 0 || a == 0 || b == 0) return s;
  const double N = static_cast<double>(n), A = static_cast<double>(a), B = static_cast<double>(b),
               K = static_cast<double>(k);
  s.expected = A * B / N;
  s.pmi = k == 0 ? -INFINITY : std::log2(K * N / (A * B));
  // Observed and expected counts of the 2x2 table (both, A only, B only, neither).
  const double observed[4] = {K, A - K, B - K, N - A - B + K};
  const double expected[4] = {A * B / N, A * (N - B) / N, (N - A) * B / N, (N - A) * (N - B) / N};
  double g2 = 0;
  for (int i = 0; i < 4; ++i)
    if (observed[i] > 0 && expected[i] > 0) g2 += observed[i] * std::log(observed[i] / expected[i]);
  g2 *= 2;
  if (g2 < 0) g2 = 0;  // rounding
  s.g2 = K < s.expected ? -g2 : g2;
  return s;
}

namespace {

XrefResult xref_snapshot(const IndexReader& reader, const XrefOptions& options) {
  const std::shared_ptr<const Gazetteer> shared_gazetteer = reader.gazetteer();
  const Gazetteer& gazetteer = *shared_gazetteer;
  const std::string id = resolve_entity(reader, gazetteer, options.entity);
  const Scope scope = reader.documents_in(PathScope(options.path_prefix));
  const size_t limit = options.limit == 0 ? SIZE_MAX : options.limit;

  XrefResult r;
  r.entity = describe_entity(gazetteer, id);
  r.scope = options.path_prefix;
  r.archive_documents = scope ? scope->size() : reader.archive_documents();

  // The citing documents: their stored values read on one thread (as streams, or from the
  // servers of remote shards: IndexReader::for_each_citing()), decoded on both cores
  // (decoding facts records is most of the work).
  std::vector<Posting> citing = reader.entity_postings(id);
  citing.erase(std::remove_if(citing.begin(), citing.end(),
                              [&](const Posting& p) { return !in_scope(scope, p.doc); }),
               citing.end());
  const unsigned workers = std::clamp<unsigned>(std::thread::hardware_concurrency(), 1,
                                                citing.size() < 1000 ? 1 : kMaxWorkers);
  std::vector<Citing> parts(workers);
  FactsFilter filter;
  filter.keep_mention = [&id](std::string_view entity, bool) { return entity == id; };
  filter.surfaces = filter.sentences = filter.definitions = false;
  reader.for_each_citing(id, PathScope(options.path_prefix), citing, filter, workers,
                         [&](unsigned worker, uint32_t mentions, DocFacts&& facts,
                             std::vector<std::string>&& entities) {
                           add_citing(id, mentions, std::move(facts), entities, &parts[worker]);
                         });
  std::unordered_map<std::string, uint64_t> together;  // entity id -> documents with both
  std::map<std::string, DateCount> dates;
  for (Citing& part : parts) {
    for (auto& [other, k] : part.together) together[other] += k;
    for (auto& [date, c] : part.dates) {
      dates[date].mentions += c.mentions;
      dates[date].documents += c.documents;
    }
    for (XrefDocument& d : part.documents) {
      ++r.documents;
      if (d.itself)
        r.itself.push_back(d);
      else
        ++r.citing_documents;
      r.mentions += d.mentions;
      if (!d.date.empty()) {
        if (r.first_date.empty() || date_before(d.date, r.first_date)) r.first_date = d.date;
        if (r.last_date.empty() || date_before(r.last_date, d.date)) r.last_date = d.date;
      }
      r.document_list.push_back(std::move(d));
    }
  }
  {
    // Most mentions first, then newest, then by path; date keys computed once.
    std::vector<std::pair<std::string, size_t>> keys;  // (sortable date, index)
    keys.reserve(r.document_list.size());
    for (size_t i = 0; i < r.document_list.size(); ++i)
      keys.emplace_back(date_value(r.document_list[i].date), i);
    std::sort(keys.begin(), keys.end(), [&](const auto& a, const auto& b) {
      const XrefDocument &da = r.document_list[a.second], &db = r.document_list[b.second];
      if (da.mentions != db.mentions) return da.mentions > db.mentions;
      if (a.first != b.first) return a.first > b.first;
      if (da.date != db.date) return da.date > db.date;
      return da.path < db.path;
    });
    std::sort(r.itself.begin(), r.itself.end(),
              [](const XrefDocument& a, const XrefDocument& b) { return a.path < b.path; });
    std::vector<XrefDocument> sorted;
    sorted.reserve(std::min(keys.size(), limit));
    for (size_t i = 0; i < keys.size() && i < limit; ++i)
      sorted.push_back(std::move(r.document_list[keys[i].second]));
    r.document_list = std::move(sorted);
  }

  // Document frequencies of the co-cited entities within the scope.
  std::unordered_map<std::string, uint64_t> df;
  if (scope) {
    for (auto& [e, n] : reader.entity_documents_in(PathScope(options.path_prefix), *scope))
      if (together.count(e)) df[e] = n;
  } else {
    for (const auto& [other, k] : together) df[other] = reader.entity_counts(other).documents;
  }
  std::vector<Association> ranked;
  ranked.reserve(together.size());
  for (const auto& [other, k] : together) {
    Association a;
    a.entity = describe_entity(gazetteer, other);
    a.documents = k;
    a.entity_documents = std::max(df[other], k);
    a.scores = associate(r.archive_documents, r.documents, a.entity_documents, k);
    ranked.push_back(std::move(a));
  }
  std::sort(ranked.begin(), ranked.end(), [](const Association& a, const Association& b) {
    if (a.scores.g2 != b.scores.g2) return a.scores.g2 > b.scores.g2;
    if (a.documents != b.documents) return a.documents > b.documents;
    return a.entity.id < b.entity.id;
  });
  r.co_occurring_total = ranked.size();

  // Written forms, counted within the scope.
  for (const SurfaceForm& form : reader.surface_forms(id)) {
    FormCount f;
    f.variant = form.variant;
    f.surface = form.surface;
    const TermCounts counts = scoped_counts(
        form.counts, [&] { return reader.surface_postings(form); }, scope);
    f.documents = counts.documents;
    f.mentions = counts.mentions;
    if (f.documents > 0) r.forms.push_back(std::move(f));
  }
  std::stable_sort(r.forms.begin(), r.forms.end(),
                   [](const FormCount& a, const FormCount& b) { return a.mentions > b.mentions; });

  for (auto& [date, count] : dates)
    r.cited_dates.push_back(DateCount{date, count.mentions, count.documents});
  std::stable_sort(r.cited_dates.begin(), r.cited_dates.end(),
                   [](const DateCount& a, const DateCount& b) { return a.mentions > b.mentions; });
  r.cited_dates_total = r.cited_dates.size();
  if (r.cited_dates.size() > limit) r.cited_dates.resize(limit);

  if (is_symbol_id(id)) {
    SymbolFamily fam;
    fam.family = symbol_family(id);
    add_index_family(reader, scope, fam.family, "", &fam.members);
    add_member(reader, scope, id, member_role(id, fam.family), "index", &fam.members);
    // The authority file adds the drafts (with their revisions) and related documents, and
    // for a draft the resolution adopted from it. Its problems are reported by `check`.
    Authority authority = Authority::built_in();
    for (const std::string& file : options.authority_files) authority.add_file(file);
    const AuthorityEntry* entry = authority.find(fam.family);
    if (!entry) entry = authority.by_draft(fam.family);
    std::string adopted_family;
    if (entry) {
      const std::string adopted = authority_symbol(entry->symbol);
      if (symbol_family(adopted) != fam.family) {
        add_member(reader, scope, adopted, "adopted", "authority", &fam.members);
        adopted_family = symbol_family(adopted);
        add_index_family(reader, scope, symbol_family(adopted), "", &fam.members);
      }
      for (const std::string& draft : entry->drafts) {
        add_member(reader, scope, draft, "draft", "authority", &fam.members);
        add_index_family(reader, scope, symbol_family(draft), "draft", &fam.members);
      }
      for (const std::string& related : entry->related)
        add_member(reader, scope, related, "related", "authority", &fam.members);
    }
    // The queried family (base first), the adopted resolution's, the drafts, the related.
    auto order = [&](const FamilyMember& m) {
      const std::string family = symbol_family(m.id);
      const int group = m.id == fam.family                                    ? 0
                        : family == fam.family                                ? 1
                        : !adopted_family.empty() && family == adopted_family ? 2
                        : m.role == "draft"                                   ? 3
                                                                              : 4;
      return std::make_pair(group, m.id);
    };
    std::stable_sort(
        fam.members.begin(), fam.members.end(),
        [&](const FamilyMember& a, const FamilyMember& b) { return order(a) < order(b); });
    std::set<std::string> listed;
    for (const FamilyMember& m : fam.members) listed.insert(m.id);
    for (const Association& a : ranked) {
      if (fam.cited_with.size() >= limit) break;
      if (is_symbol_id(a.entity.id) && !listed.count(a.entity.id)) fam.cited_with.push_back(a);
    }
    r.symbol = std::move(fam);
  }
  if (ranked.size() > limit) ranked.resize(limit);
  r.co_occurring = std::move(ranked);
  return r;
}

}  // namespace

XrefResult xref(const IndexReader& reader, const XrefOptions& options) {
  return xref_snapshot(reader, options);
}

XrefResult xref(const XrefOptions& options) {
  return read_index(options.db_path,
                    [&](const IndexReader& reader) { return xref_snapshot(reader, options); });
}

}  // namespace concord
