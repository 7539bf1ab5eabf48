// Cross-references of one entity from stored term statistics, entity lists and facts records.
#include "xref/xref.h"

#include <xapian.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>

#include "index/doc_builder.h"
#include "index/schema.h"
#include "index/stored_doc.h"
#include "recognize/symbols.h"
#include "search/db.h"
#include "search/query_parse.h"
#include "search/search.h"
#include "xref/scope.h"

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

// Documents and mentions of a term within the scope (collection statistics when unscoped).
std::pair<uint64_t, uint64_t> term_counts(const Xapian::Database& db, const std::string& term,
                                          const std::optional<std::vector<Xapian::docid>>& scope) {
  if (!scope) return {db.get_termfreq(term), db.get_collection_freq(term)};
  uint64_t docs = 0, mentions = 0;
  for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
    if (!in_scope(scope, *p)) continue;
    ++docs;
    mentions += p.get_wdf();
  }
  return {docs, mentions};
}

// HOOK(authority): the draft and related symbols the authority file lists for `family`
// (e.g. A/77/L.60 for A/RES/77/281), with role "draft" or "related" and source "authority".
// The authority file (core/authority/) is being written alongside this stage; until it can
// be read here, the family is what the index holds (every id seen with the family's base).
std::vector<FamilyMember> authority_members(const std::string& /*family*/,
                                            const std::vector<std::string>& /*extra_files*/) {
  return {};
}

bool date_before(const std::string& a, const std::string& b) {
  return std::make_pair(date_value(a), a) < std::make_pair(date_value(b), b);
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

XrefResult xref(const XrefOptions& options) {
  Xapian::Database db = open_database(options.db_path);
  const Gazetteer gazetteer = database_gazetteer(db);
  const std::string id = resolve_entity(db, gazetteer, options.entity);
  const auto scope = scope_docids(db, options.path_prefix);
  const size_t limit = options.limit == 0 ? SIZE_MAX : options.limit;

  XrefResult r;
  r.entity = describe_entity(gazetteer, id);
  r.scope = options.path_prefix;
  r.archive_documents = scope ? scope->size() : archive_documents(db);

  // The citing documents: mention counts from the entity term's wdf, the rest from the
  // entity list and facts record stored with each document.
  struct DateTally {
    uint64_t mentions = 0;
    std::set<Xapian::docid> docs;
  };
  std::unordered_map<std::string, uint64_t> together;  // entity id -> documents with both
  std::map<std::string, DateTally> dates;
  const std::string term = entity_term(id);
  for (auto p = db.postlist_begin(term); p != db.postlist_end(term); ++p) {
    const Xapian::docid did = *p;
    if (!in_scope(scope, did)) continue;
    const Xapian::Document doc = db.get_document(did, Xapian::DOC_ASSUME_VALID);
    for_each_id(doc.get_value(schema::kSlotEntities), [&](std::string_view other) {
      if (other != id) ++together[std::string(other)];
    });
    DocFacts facts = decode_facts(doc.get_value(schema::kSlotFacts));
    XrefDocument d;
    d.path = display_path(facts.path);
    d.title = std::move(facts.title);
    d.date = std::move(facts.date);
    d.format = std::move(facts.format);
    d.pages = facts.paged ? facts.pages : 0;
    d.mentions = p.get_wdf();
    for (const Mention& m : facts.mentions) {
      if (m.entity_id != id) continue;
      if (m.page > 0) d.mention_pages.push_back(m.page);
      for (const std::string& date : m.dates) {
        DateTally& t = dates[date];
        ++t.mentions;
        t.docs.insert(did);
      }
    }
    std::sort(d.mention_pages.begin(), d.mention_pages.end());
    d.mention_pages.erase(std::unique(d.mention_pages.begin(), d.mention_pages.end()),
                          d.mention_pages.end());
    ++r.documents;
    r.mentions += d.mentions;
    if (!d.date.empty()) {
      if (r.first_date.empty() || date_before(d.date, r.first_date)) r.first_date = d.date;
      if (r.last_date.empty() || date_before(r.last_date, d.date)) r.last_date = d.date;
    }
    r.document_list.push_back(std::move(d));
  }
  std::sort(r.document_list.begin(), r.document_list.end(),
            [](const XrefDocument& a, const XrefDocument& b) {
              if (a.mentions != b.mentions) return a.mentions > b.mentions;
              if (a.date != b.date) return date_before(b.date, a.date);
              return a.path < b.path;
            });
  if (r.document_list.size() > limit) r.document_list.resize(limit);

  // Document frequencies of the co-cited entities within the scope.
  std::unordered_map<std::string, uint64_t> df;
  if (scope) {
    for (Xapian::docid did : *scope)
      for_each_id(db.get_document(did, Xapian::DOC_ASSUME_VALID).get_value(schema::kSlotEntities),
                  [&](std::string_view e) {
                    auto it = together.find(std::string(e));
                    if (it != together.end()) ++df[it->first];
                  });
  } else {
    for (const auto& [other, k] : together) df[other] = db.get_termfreq(entity_term(other));
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

  // Written forms: XW<id>\t<v|c><surface>; wdf = mentions in that form.
  const std::string wprefix = std::string(schema::kSurface) + id + '\t';
  for (auto t = db.allterms_begin(wprefix); t != db.allterms_end(wprefix); ++t) {
    const std::string rest = (*t).substr(wprefix.size());
    if (rest.empty()) continue;
    FormCount f;
    f.variant = rest[0] == 'v';
    f.surface = rest.substr(1);
    std::tie(f.documents, f.mentions) = term_counts(db, *t, scope);
    if (f.documents > 0) r.forms.push_back(std::move(f));
  }
  std::stable_sort(r.forms.begin(), r.forms.end(), [](const FormCount& a, const FormCount& b) {
    return a.mentions > b.mentions;
  });

  for (auto& [date, tally] : dates)
    r.cited_dates.push_back(DateCount{date, tally.mentions, tally.docs.size()});
  std::stable_sort(r.cited_dates.begin(), r.cited_dates.end(),
                   [](const DateCount& a, const DateCount& b) { return a.mentions > b.mentions; });
  r.cited_dates_total = r.cited_dates.size();
  if (r.cited_dates.size() > limit) r.cited_dates.resize(limit);

  if (is_symbol_id(id)) {
    SymbolFamily fam;
    fam.family = symbol_family(id);
    // Every member id starts with the base symbol: "A/RES/77/281/Rev.1", "S/RES/2334(2016)".
    const std::string eprefix = entity_term(fam.family);
    for (auto t = db.allterms_begin(eprefix); t != db.allterms_end(eprefix); ++t) {
      const std::string member = (*t).substr(std::string(schema::kEntity).size());
      if (symbol_family(member) != fam.family) continue;
      FamilyMember m;
      m.id = member;
      m.role = member_role(member, fam.family);
      m.source = "index";
      std::tie(m.documents, m.mentions) = term_counts(db, *t, scope);
      if (m.documents > 0 || member == id) fam.members.push_back(std::move(m));
    }
    for (FamilyMember& m : authority_members(fam.family, options.authority_files)) {
      const auto seen = std::find_if(fam.members.begin(), fam.members.end(),
                                     [&](const FamilyMember& x) { return x.id == m.id; });
      if (seen != fam.members.end()) {
        seen->role = m.role;
        continue;
      }
      std::tie(m.documents, m.mentions) = term_counts(db, entity_term(m.id), scope);
      fam.members.push_back(std::move(m));
    }
    std::stable_sort(fam.members.begin(), fam.members.end(),
                     [&](const FamilyMember& a, const FamilyMember& b) {
                       return std::make_pair(a.id != fam.family, a.id) <
                              std::make_pair(b.id != fam.family, b.id);
                     });
    for (const Association& a : ranked) {
      if (fam.cited_with.size() >= limit) break;
      if (is_symbol_id(a.entity.id) && symbol_family(a.entity.id) != fam.family)
        fam.cited_with.push_back(a);
    }
    r.symbol = std::move(fam);
  }
  if (ranked.size() > limit) ranked.resize(limit);
  r.co_occurring = std::move(ranked);
  return r;
}

}  // namespace concord
