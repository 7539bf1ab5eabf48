// The query parser's configuration (fields, ranges, one stemmer per language) and the matcher.
#include "store/query.h"

#include <xapian.h>

#include <algorithm>
#include <cctype>
#include <initializer_list>
#include <map>
#include <unordered_map>
#include <unordered_set>

#include "discover/discover.h"
#include "lang/language.h"
#include "store/path_scope.h"
#include "store/schema.h"
#include "store/terms.h"
#include "store/xapian_access.h"
#include "util/echo.h"
#include "util/unicode.h"

namespace concord {
namespace {

std::string lower_ascii(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Where the field processors of one parse record the first value they could not take. They
// return a query matching nothing instead of throwing: an exception thrown through Xapian's
// parser leaks (libxapian 1.4) and is not Concord's way of reporting a bad argument.
struct ParseErrors {
  std::string first;
  Xapian::Query refuse(const std::string& why) {
    if (first.empty()) first = why;
    return Xapian::Query::MatchNothing;
  }
};

class TypeField : public Xapian::FieldProcessor {
 public:
  explicit TypeField(ParseErrors* errors) : errors_(errors) {}
  Xapian::Query operator()(const std::string& value) override {
    std::string v = lower_ascii(value);
    if (v == "txt") v = "text";
    if (v != "pdf" && v != "html" && v != "text")
      return errors_->refuse("unknown type '" + util::echo_input(value) +
                             "' (use pdf, html or text)");
    return Xapian::Query(schema::kFormat + v);
  }

 private:
  ParseErrors* errors_;
};

class LangField : public Xapian::FieldProcessor {
 public:
  explicit LangField(ParseErrors* errors) : errors_(errors) {}
  Xapian::Query operator()(const std::string& value) override {
    const std::string v = normalize_language_tag(value);
    if (v.empty())
      return errors_->refuse("unknown language '" + util::echo_input(value) +
                             "' (use en, fr or es)");
    return Xapian::Query(schema::kLanguage + v);
  }

 private:
  ParseErrors* errors_;
};

// zzpath:N -> the N-th path: value (a folder or file, relative to the current directory or
// absolute), by the one --path rule (store/path_scope.h): the indexer stores a folder term
// for the file and every folder above it, NFC-normalized, case kept.
class PathField : public Xapian::FieldProcessor {
 public:
  PathField(const std::vector<std::string>* folders, ParseErrors* errors)
      : folders_(folders), errors_(errors) {}
  Xapian::Query operator()(const std::string& value) override {
    size_t n = 0;
    for (char c : value) {
      if (!std::isdigit(static_cast<unsigned char>(c)) || n >= folders_->size())
        return errors_->refuse("bad path reference");
      n = n * 10 + static_cast<size_t>(c - '0');
    }
    if (value.empty() || n >= folders_->size()) return errors_->refuse("bad path reference");
    const PathScope scope((*folders_)[n]);
    if (scope.everything())  // every document, continuations of files in parts included
      return Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(schema::kAllDocs),
                           Xapian::Query(schema::kPart));
    // A folder by its term; a file by its own (an NFD name's), unique or continuation term.
    const std::string terms[] = {folder_term(scope.prefix()), unique_term(scope.prefix()),
                                 part_of_term(scope.prefix())};
    return Xapian::Query(Xapian::Query::OP_OR, std::begin(terms), std::end(terms));
  }

 private:
  const std::vector<std::string>* folders_;
  ParseErrors* errors_;
};

// Parses "2023", "2023-04", "2023-04-18" (also "20230418"); returns digits, or "" for
// anything else, a month that is not 1-12 or a day the month does not have.
std::string date_digits(const std::string& s) {
  std::string d;
  for (char c : s) {
    if (std::isdigit(static_cast<unsigned char>(c)))
      d += c;
    else if (c != '-' && c != '/' && c != '.')
      return "";
  }
  if (d.size() != 4 && d.size() != 6 && d.size() != 8) return "";
  // A month from 1 to 12 and a day that month has (29 February in leap years only).
  if (d.size() >= 6) {
    const int month = std::stoi(d.substr(4, 2));
    if (month < 1 || month > 12) return "";
    if (d.size() == 8) {
      const int year = std::stoi(d.substr(0, 4));
      const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
      static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
      const int day = std::stoi(d.substr(6, 2));
      if (day < 1 || day > kDays[month - 1] + (month == 2 && leap)) return "";
    }
  }
  return d;
}

// date:X (a year, month or day).
class DateField : public Xapian::FieldProcessor {
 public:
  explicit DateField(ParseErrors* errors) : errors_(errors) {}
  Xapian::Query operator()(const std::string& value) override {
    const std::string d = date_digits(value);
    if (d.empty())
      return errors_->refuse("bad date '" + util::echo_input(value) +
                             "' (use YYYY, YYYY-MM or YYYY-MM-DD, a real month and day)");
    const char* prefix = d.size() == 4   ? schema::kYear
                         : d.size() == 6 ? schema::kMonth
                                         : schema::kDay;
    return Xapian::Query(prefix + d);
  }

 private:
  ParseErrors* errors_;
};

// date:A..B with A and B each YYYY, YYYY-MM or YYYY-MM-DD; either side may be empty.
class DateRange : public Xapian::RangeProcessor {
 public:
  explicit DateRange(ParseErrors* errors)
      : Xapian::RangeProcessor(schema::kSlotDate, "date:"), errors_(errors) {}
  Xapian::Query operator()(const std::string& begin, const std::string& end) override {
    std::string b, e;
    if (!begin.empty()) {
      b = date_digits(begin);
      if (b.empty()) return errors_->refuse("bad date '" + util::echo_input(begin) + "' in range");
      while (b.size() < 8) b += "01";
    }
    if (!end.empty()) {
      e = date_digits(end);
      if (e.empty()) return errors_->refuse("bad date '" + util::echo_input(end) + "' in range");
      while (e.size() < 8) e += "99";  // "2024" -> "20249999": the whole year
    }
    if (b.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_LE, slot, e);
    if (e.empty()) return Xapian::Query(Xapian::Query::OP_VALUE_GE, slot, b);
    return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, slot, b, e);
  }

 private:
  ParseErrors* errors_;
};

// The stopwords of a language as the index knows them (lang/language.h is_stopword()), read
// from the process's list: Xapian's SimpleStopper would copy the list into a set of its own
// at every query, for every language parsed.
class LanguageStopper : public Xapian::Stopper {
 public:
  explicit LanguageStopper(std::string lang) : lang_(std::move(lang)) {}
  bool operator()(const std::string& term) const override { return is_stopword(lang_, term); }

 private:
  std::string lang_;
};

// zzentity:N -> the N-th entity resolved while preparing the query.
class EntityField : public Xapian::FieldProcessor {
 public:
  EntityField(const QuerySpec* spec, const Xapian::Database* db, ParseErrors* errors)
      : ids_(&spec->entity_ids), words_(&spec->entity_words), db_(db), errors_(errors) {}
  Xapian::Query operator()(const std::string& value) override {
    size_t n = 0;
    for (char c : value) {
      if (!std::isdigit(static_cast<unsigned char>(c)) || n >= ids_->size())
        return errors_->refuse("bad entity reference");
      n = n * 10 + static_cast<size_t>(c - '0');
    }
    if (n >= ids_->size()) return errors_->refuse("bad entity reference");
    const std::string& id = (*ids_)[n];
    Xapian::Query entity(entity_term(id));
    if (n >= words_->size() || (*words_)[n].empty()) return entity;
    // A bare acronym: the entity in every form, and its word where the index marks it as not
    // the entity. The same documents as the word OR the entity, without matching the word's
    // whole posting list: the entity's documents hold it nearly everywhere it is.
    const std::string& word = (*words_)[n];
    const std::string mark = unrecognized_term(id, word);
    if (db_->get_termfreq(mark) == 0) return entity;
    return Xapian::Query(Xapian::Query::OP_OR, entity,
                         Xapian::Query(Xapian::Query::OP_FILTER, Xapian::Query(word),
                                       Xapian::Query(mark)));
  }

 private:
  const std::vector<std::string>* ids_;
  const std::vector<std::string>* words_;
  const Xapian::Database* db_;
  ParseErrors* errors_;
};

// Facet values most documents first (ties keep their order: by value).
std::vector<FacetCount> most_documents_first(std::vector<FacetCount> counts) {
  std::stable_sort(counts.begin(), counts.end(), [](const FacetCount& a, const FacetCount& b) {
    return a.documents > b.documents;
  });
  return counts;
}

// Counts matching documents by a value slot's values, most documents first.
std::vector<FacetCount> top_values(const Xapian::ValueCountMatchSpy& spy) {
  std::vector<FacetCount> out;
  for (auto it = spy.values_begin(); it != spy.values_end(); ++it)
    if (!(*it).empty()) out.push_back({*it, it.get_termfreq()});
  return most_documents_first(std::move(out));
}

// Counts matching documents by the entities they cite (kSlotEntities: '\n'-joined ids).
// Local databases only: it is not serialisable for remote shards.
// Leaves out the continuations that belong to no head (a run stopped midway).
class NotOrphan : public Xapian::MatchDecider {
 public:
  explicit NotOrphan(const std::vector<uint32_t>& orphans) : orphans_(orphans) {}
  bool operator()(const Xapian::Document& doc) const override {
    return !std::binary_search(orphans_.begin(), orphans_.end(), doc.get_docid());
  }

 private:
  const std::vector<uint32_t>& orphans_;
};

// Hands each matching file to `spies` once: Xapian shows spies every matching document, and
// a file stored in parts (schema.h: kPart) may match in several.
class OncePerFile : public Xapian::MatchSpy {
 public:
  explicit OncePerFile(std::vector<Xapian::MatchSpy*> spies) : spies_(std::move(spies)) {}
  void operator()(const Xapian::Document& doc, double weight) override {
    if (!doc.get_value(schema::kSlotPart).empty() &&
        !seen_.insert(doc.get_value(schema::kSlotPath)).second)
      return;
    for (Xapian::MatchSpy* spy : spies_) (*spy)(doc, weight);
  }

 private:
  std::vector<Xapian::MatchSpy*> spies_;
  std::unordered_set<std::string> seen_;
};

class EntityCountSpy : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double) override {
    const std::string ids = doc.get_value(schema::kSlotEntities);
    for (size_t at = 0; at < ids.size();) {
      size_t end = ids.find('\n', at);
      if (end == std::string::npos) end = ids.size();
      if (end > at) ++counts_[ids.substr(at, end - at)];
      at = end + 1;
    }
  }
  std::vector<FacetCount> counts() const {
    std::vector<FacetCount> out;
    out.reserve(counts_.size());
    for (const auto& [id, n] : counts_) out.push_back({id, n});
    return most_documents_first(std::move(out));
  }

 private:
  std::map<std::string, uint64_t> counts_;
};

// Whether `q` holds one of the operators `ops`.
bool has_operator(const Xapian::Query& q, std::initializer_list<Xapian::Query::op> ops) {
  if (std::find(ops.begin(), ops.end(), q.get_type()) != ops.end()) return true;
  for (size_t i = 0; i < q.get_num_subqueries(); ++i)
    if (has_operator(q.get_subquery(i), ops)) return true;
  return false;
}

// A lower bound of the documents `q` matches, from term frequencies alone: a term's
// frequency, the largest of an OR's; 0 where it takes matching to know.
Xapian::doccount known_matches(const Xapian::Database& db, const Xapian::Query& q) {
  switch (q.get_type()) {
    case Xapian::Query::LEAF_TERM: {
      const Xapian::TermIterator t = q.get_terms_begin();
      return t == q.get_terms_end() ? 0 : db.get_termfreq(*t);
    }
    case Xapian::Query::LEAF_MATCH_ALL:
      return db.get_doccount();
    case Xapian::Query::OP_OR:
    case Xapian::Query::OP_SYNONYM: {
      Xapian::doccount most = 0;
      for (size_t i = 0; i < q.get_num_subqueries(); ++i)
        most = std::max(most, known_matches(db, q.get_subquery(i)));
      return most;
    }
    case Xapian::Query::OP_AND_MAYBE:
    case Xapian::Query::OP_SCALE_WEIGHT:
      return q.get_num_subqueries() > 0 ? known_matches(db, q.get_subquery(0)) : 0;
    default:
      return 0;
  }
}

// One result of a page, in rank order.
struct Ranked {
  Xapian::docid doc = 0;
  double weight = 0;
  int percent = 0;
};

struct RankedPage {
  Xapian::MSet mset;            // what the counts are read from
  std::vector<Ranked> results;  // the page, in rank order
};

// Up to `count` results of `mset` from its `from`th, in its order.
std::vector<Ranked> results_of(const Xapian::MSet& mset, size_t from, size_t count) {
  std::vector<Ranked> out;
  for (size_t i = from; i < mset.size() && out.size() < count; ++i) {
    const Xapian::MSetIterator it = mset[static_cast<Xapian::doccount>(i)];
    out.push_back({*it, it.get_weight(), it.get_percent()});
  }
  return out;
}

// The results [offset, offset + count) of `enquire` (set to rank by relevance alone, ties by
// document id) in the order Enquire::set_sort_by_relevance_then_value(schema::kSlotPath, false)
// gives: by weight, ties by path (then document id). Xapian's own ranking by path reads the
// path of every document that enters its running top results (about sixty block reads for a
// term of 35,000 documents, a sixth of the matching); here the match ranks by weight alone,
// one result more on each side of the page, and only ties inside the page read their paths.
// A tie across an edge of the page (its last result's weight also the next one's) could put
// a document from outside the page in it: then the match runs again in Xapian's order.
RankedPage ranked_page(const Xapian::Database& db, Xapian::Enquire& enquire, size_t offset,
                       size_t count, Xapian::doccount check_at_least,
                       const Xapian::MatchDecider* decider) {
  const size_t start = offset > 0 ? 1 : 0;  // the page's first result in the MSet
  RankedPage out{enquire.get_mset(static_cast<Xapian::doccount>(offset - start),
                                  static_cast<Xapian::doccount>(start + count + 1),
                                  check_at_least, nullptr, decider),
                 {}};
  const Xapian::MSet& mset = out.mset;
  const auto same_weight = [&](size_t i) {  // the ith result's and the next one's
    return i + 1 < mset.size() && mset[static_cast<Xapian::doccount>(i)].get_weight() ==
                                      mset[static_cast<Xapian::doccount>(i + 1)].get_weight();
  };
  if ((start == 1 && same_weight(0)) || same_weight(start + count - 1)) {
    enquire.set_sort_by_relevance_then_value(schema::kSlotPath, false);
    out.mset = enquire.get_mset(static_cast<Xapian::doccount>(offset),
                                static_cast<Xapian::doccount>(count), check_at_least, nullptr,
                                decider);
    out.results = results_of(out.mset, 0, count);
    return out;
  }
  out.results = results_of(mset, start, count);
  std::vector<Ranked>& page = out.results;
  for (size_t i = 0; i < page.size();) {
    size_t end = i + 1;
    while (end < page.size() && page[end].weight == page[i].weight) ++end;
    if (end - i > 1) {
      std::vector<std::pair<std::string, Ranked>> tied;
      for (size_t k = i; k < end; ++k)
        tied.emplace_back(db.get_document(page[k].doc, Xapian::DOC_ASSUME_VALID)
                              .get_value(schema::kSlotPath),
                          page[k]);
      // Stable: equal paths stay in document id order, as Xapian ranks them.
      std::stable_sort(tied.begin(), tied.end(),
                       [](const auto& a, const auto& b) { return a.first < b.first; });
      for (size_t k = i; k < end; ++k) page[k] = tied[k - i].second;
    }
    i = end;
  }
  return out;
}

}  // namespace

QueryMatches run_query(const IndexReader& reader, const QuerySpec& spec,
                       const QueryOptions& options) {
  const Xapian::Database& db = ReaderAccess::database(reader);
  QueryMatches out;
  ParseErrors errors;
  // One parse per language; languages whose parses are the same share one branch, a language
  // no document has is left out, and a branch that covers every document needs no filter: on
  // an archive in one language the query is what a plain Xapian search would run.
  struct Branch {
    Xapian::Query query;
    std::string description;  // the parse, to compare
    std::vector<std::string> languages;
    Xapian::doccount documents = 0;
  };
  std::vector<Branch> parsed;
  const std::vector<std::string>& langs_known = supported_languages();
  std::vector<Xapian::doccount> in_language(langs_known.size());
  bool any = false;
  for (size_t i = 0; i < langs_known.size(); ++i) {
    in_language[i] = db.get_termfreq(schema::kLanguage + langs_known[i]);
    any = any || in_language[i] != 0;
  }
  for (size_t i = 0; i < langs_known.size(); ++i) {
    // A language no document has is not parsed (when none has any, the first is, so that a
    // query's errors are reported whatever the archive holds).
    if (in_language[i] == 0 && (any || i != 0)) continue;
    const std::string& lang = langs_known[i];
    Xapian::QueryParser qp;
    qp.set_database(db);
    qp.set_stemmer(Xapian::Stem(stemmer_name(lang)));
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    qp.set_stopper((new LanguageStopper(lang))->release());
    qp.set_default_op(Xapian::Query::OP_AND);
    qp.set_max_expansion(2000, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT);
    qp.add_prefix("title", schema::kTitle);
    qp.add_boolean_prefix("type", (new TypeField(&errors))->release());
    qp.add_boolean_prefix("lang", (new LangField(&errors))->release());
    qp.add_boolean_prefix("zzpath", (new PathField(&spec.folders, &errors))->release());
    qp.add_boolean_prefix("date", (new DateField(&errors))->release());
    qp.add_rangeprocessor((new DateRange(&errors))->release());
    qp.add_prefix("zzentity", (new EntityField(&spec, &db, &errors))->release());
    Xapian::Query q;
    try {
      q = qp.parse_query(spec.text, Xapian::QueryParser::FLAG_DEFAULT |
                                        Xapian::QueryParser::FLAG_WILDCARD |
                                        Xapian::QueryParser::FLAG_PURE_NOT);
    } catch (const Xapian::QueryParserError& e) {  // the parser's own syntax errors
      if (errors.first.empty()) errors.first = e.get_msg();
    }
    if (!errors.first.empty()) {
      out.error = errors.first;
      return out;
    }
    if (q.empty() || in_language[i] == 0) continue;
    const std::string description = q.get_description();
    auto same = std::find_if(parsed.begin(), parsed.end(), [&](const Branch& b) {
      return b.description == description;
    });
    if (same == parsed.end()) same = parsed.insert(parsed.end(), Branch{q, description, {}, 0});
    same->languages.push_back(lang);
    same->documents += in_language[i];
  }
  std::vector<Xapian::Query> branches;
  for (const Branch& b : parsed) {
    if (b.documents == db.get_doccount()) {
      branches.push_back(b.query);
      continue;
    }
    std::vector<Xapian::Query> langs;
    for (const std::string& lang : b.languages) langs.emplace_back(schema::kLanguage + lang);
    branches.emplace_back(Xapian::Query::OP_FILTER, b.query,
                          Xapian::Query(Xapian::Query::OP_OR, langs.begin(), langs.end()));
  }
  Xapian::Enquire enquire(db);
  Xapian::Query query(Xapian::Query::OP_OR, branches.begin(), branches.end());
  if (!spec.only_path.empty())
    query = Xapian::Query(Xapian::Query::OP_FILTER, query,
                          Xapian::Query(Xapian::Query::OP_OR, Xapian::Query(unique_term(spec.only_path)),
                                        Xapian::Query(part_of_term(spec.only_path))));
  // Xapian 1.4.22 crashes matching an XOR over several databases when one side matches most
  // documents of a shard ("lang:en XOR trade", "trade XOR NOT council"): refused there.
  if (reader.shard_count() > 1 && has_operator(query, {Xapian::Query::OP_XOR})) {
    out.error = "XOR is not available over several shards; write (A OR B) NOT (A AND B)";
    return out;
  }
  enquire.set_query(query);
  // A file stored in parts is one result: its best part (IndexReader::document_piece()).
  if (reader.has_parts()) enquire.set_collapse_key(schema::kSlotPath);
  // Ties in weight are ranked by path (then document id) so that the order does not depend on
  // document ids, which a shard layout changes. Xapian does so itself where it reads every
  // match's values anyway (files stored in parts, collapsed by path; facets); elsewhere
  // ranked_page() does, which may match twice (the facets' spies would count twice).
  const bool rank_ties_here = !options.sort_by_date && !reader.has_parts() && !options.facets;
  if (options.sort_by_date) enquire.set_sort_by_value_then_relevance(schema::kSlotDate, true);
  else if (!rank_ties_here) enquire.set_sort_by_relevance_then_value(schema::kSlotPath, false);
  if (options.time_limit > 0) enquire.set_time_limit(options.time_limit);
  Xapian::ValueCountMatchSpy formats(schema::kSlotFormat), languages(schema::kSlotLanguage),
      dates(schema::kSlotDate);
  EntityCountSpy entities;
  Xapian::doccount check_at_least = 0;
  OncePerFile once({&formats, &languages, &dates, &entities});
  if (options.facets) {
    if (reader.has_parts()) {
      enquire.add_matchspy(&once);
    } else {
      for (Xapian::MatchSpy* spy :
           std::initializer_list<Xapian::MatchSpy*>{&formats, &languages, &dates, &entities})
        enquire.add_matchspy(spy);
    }
  }
  check_at_least = options.facets ? db.get_doccount()
                                  : static_cast<Xapian::doccount>(std::min<uint64_t>(
                                        options.exact_total_up_to, db.get_doccount()));
  const std::vector<uint32_t>& orphans = ReaderAccess::orphan_parts(reader);
  if (!options.facets && !reader.has_parts() && orphans.empty()) {
    // One term: its count is the term's frequency, exact without visiting the matches.
    if (query.get_type() == Xapian::Query::LEAF_TERM) check_at_least = 0;
    // Phrases and NEAR check positions at every match counted: counted to a tenth as far.
    if (has_operator(query, {Xapian::Query::OP_PHRASE, Xapian::Query::OP_NEAR}))
      check_at_least = static_cast<Xapian::doccount>(
          std::min<uint64_t>(options.exact_total_up_to / 10, db.get_doccount()));
    // More matches than counting would visit, known from the terms' frequencies alone (an
    // entity searched in every form: the largest form's documents): counting could not make
    // the total exact, so it is not done, and the bounds say so.
    if (check_at_least > 0 && known_matches(db, query) > check_at_least) check_at_least = 0;
  }
  // Asked for no result (a count), Xapian 1.4 is slower than asked for one (57 ms against
  // 17 ms for a phrase at 100,000 documents): ask for one and drop it.
  const NotOrphan not_orphan(orphans);
  const Xapian::MatchDecider* decider = orphans.empty() ? nullptr : &not_orphan;
  const size_t count = std::max<size_t>(options.limit, 1);
  RankedPage page;
  if (rank_ties_here) {
    page = ranked_page(db, enquire, options.offset, count, check_at_least, decider);
  } else {
    page.mset = enquire.get_mset(static_cast<Xapian::doccount>(options.offset),
                                 static_cast<Xapian::doccount>(count), check_at_least, nullptr,
                                 decider);
    page.results = results_of(page.mset, 0, count);
  }
  const Xapian::MSet& mset = page.mset;
  if (options.facets) {
    out.facets.formats = top_values(formats);
    out.facets.languages = top_values(languages);
    std::map<std::string, uint64_t> years;
    for (auto it = dates.values_begin(); it != dates.values_end(); ++it)
      if ((*it).size() >= 4) years[(*it).substr(0, 4)] += it.get_termfreq();
    for (auto it = years.rbegin(); it != years.rend(); ++it)
      out.facets.years.push_back({it->first, it->second});
    out.facets.entities = entities.counts();
  }
  out.estimated = mset.get_matches_estimated();
  out.lower = mset.get_matches_lower_bound();
  out.upper = mset.get_matches_upper_bound();
  // The terms a highlighter looks for: the query's own. Xapian's matching terms of each
  // document would read its whole term list (a block or two each) to give the same words.
  QueryMatch shared;
  for (auto t = query.get_terms_begin(); t != query.get_terms_end(); ++t) {
    shared.terms.insert(*t);
    shared.has_stems |= (*t).starts_with(schema::kStem);
  }
  // An acronym searched as its entity is still marked where it is written unrecognized.
  for (const std::string& word : spec.entity_words)
    if (!word.empty()) shared.terms.insert(word);
  if (options.limit == 0) return out;  // a count: the one result asked for is dropped
  for (const Ranked& r : page.results) {
    QueryMatch m = shared;
    m.doc = r.doc;
    m.weight = r.weight;
    m.percent = r.percent;
    out.matches.push_back(std::move(m));
  }
  return out;
}

constexpr size_t kMaxCachedStems = 200000;

struct TermMatcher::Stems {
  struct Language {
    Xapian::Stem stemmer;
    std::unordered_map<std::string, std::string> cache;  // word -> its stem term, or "" (none)
  };
  std::unordered_map<std::string, Language> languages;
  size_t cached = 0;  // stems held, every language together
};

TermMatcher::TermMatcher() : stems_(std::make_unique<Stems>()) {}
TermMatcher::~TermMatcher() = default;

bool TermMatcher::word(const QueryMatch& match, const std::string& language,
                       const std::string& folded) {
  if (match.terms.count(folded)) return true;
  if (!match.has_stems) return false;
  // A cache per language, looked up by the word itself: no key to build for each word.
  auto lang = stems_->languages.find(language);
  if (lang == stems_->languages.end())
    lang = stems_->languages.emplace(language, Stems::Language{Xapian::Stem(stemmer_name(language)), {}})
               .first;
  auto it = lang->second.cache.find(folded);
  if (it == lang->second.cache.end()) {
    if (stems_->cached > kMaxCachedStems) {
      for (auto& [name, l] : stems_->languages) l.cache.clear();
      stems_->cached = 0;
    }
    // The index gives a stem term only to these words (store/doc_builder.cc): a stop word
    // whose stem is a query's stem ("will" for "wills") was not what matched.
    const bool stemmed = util::stems(folded) && !is_stopword(language, folded);
    it = lang->second.cache
             .emplace(folded, stemmed ? std::string(schema::kStem) + lang->second.stemmer(folded) : "")
             .first;
    ++stems_->cached;
  }
  return !it->second.empty() && match.terms.count(it->second) > 0;
}

std::vector<std::string> TermMatcher::entities(const QueryMatch& match) {
  std::vector<std::string> ids;
  const std::string_view prefix = schema::kEntity;
  for (const std::string& t : match.terms)
    if (t.starts_with(prefix)) ids.push_back(t.substr(prefix.size()));
  return ids;
}

}  // namespace concord
