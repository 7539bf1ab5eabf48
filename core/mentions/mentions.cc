// Mentions and entity catalogue from the stored mention records and entity terms.
#include "mentions/mentions.h"

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <tuple>

#include "recognize/symbols.h"
#include "recognize/tables.h"
#include "search/query_parse.h"
#include "search/search.h"
#include "store/facts_reader.h"
#include "store/reader.h"
#include "store/terms.h"
#include "util/echo.h"

namespace concord {

EntityInfo describe_entity(const Gazetteer& g, const std::string& id) {
  EntityInfo info;
  info.id = id;
  info.type = g.type_of(id);
  if (info.type.empty()) info.type = id.rfind("discovered:", 0) == 0 ? "discovered" : "symbol";
  const Entity* e = g.find(id);
  info.name = e ? e->name : id.rfind("discovered:", 0) == 0 ? id.substr(11) : id;
  return info;
}

namespace {

// The mention's span in its stored sentence; for a record stored before the recognizer kept
// it, the first occurrence of the surface (which may be another one).
std::pair<uint32_t, uint32_t> context_span(const Mention& m, const std::string& surface,
                                           const std::string& context) {
  if (m.context_end > m.context_start && m.context_end <= context.size())
    return {m.context_start, m.context_end};
  const size_t at = surface.empty() ? std::string::npos : context.find(surface);
  if (at == std::string::npos) return {0, 0};
  return {static_cast<uint32_t>(at), static_cast<uint32_t>(at + surface.size())};
}

// What a listing reads: the entity (and its unresolved-organ twin), the matching rule for a
// stored mention, and the citing documents with their mention counts, from the postings.
struct Plan {
  MentionsHeader header;
  std::string id, alt;   // alt: "?/RES/77/281" for "A/RES/77/281", or ""
  bool family = false;
  std::string fam, alt_fam;
  std::vector<Posting> docs;  // by DocId, count = mentions the listing will give
  std::vector<std::string> terms;  // the index terms the postings are of (paths_in_order())
};

// Sums postings into `into` (by DocId) from several lists.
std::vector<Posting> merge_postings(std::vector<Posting> all) {
  std::sort(all.begin(), all.end(), [](const Posting& a, const Posting& b) { return a.doc < b.doc; });
  std::vector<Posting> out;
  for (const Posting& p : all) {
    if (!out.empty() && out.back().doc == p.doc)
      out.back().count += p.count;
    else
      out.push_back(p);
  }
  return out;
}

Plan make_plan(const IndexReader& reader, const MentionsOptions& options) {
  const std::shared_ptr<const Gazetteer> shared_gazetteer = reader.gazetteer();
  const Gazetteer& gazetteer = *shared_gazetteer;
  Plan plan;
  plan.id = resolve_entity(reader, gazetteer, options.entity);
  plan.header.entity = describe_entity(gazetteer, plan.id);
  plan.family = options.family && is_symbol_id(plan.id);
  plan.fam = plan.family ? symbol_family(plan.id) : std::string();
  // A resolution cited where its organ could not be told ("?/RES/77/281") may be this one:
  // it is listed too, with its own id, so the reader sees the organ is unresolved.
  plan.alt = unresolved_twin(plan.id);
  plan.alt_fam = plan.family && !plan.alt.empty() ? symbol_family(plan.alt) : std::string();
  std::vector<Posting> all;
  for (const std::string& entity : {plan.id, plan.alt}) {
    if (entity.empty()) continue;
    if (!options.form.empty()) {
      // Mentions written so: the surface terms (wdf = mentions in that form).
      for (const SurfaceForm& f : reader.surface_forms(plan.family ? std::string() : entity)) {
        if (f.surface != options.form) continue;
        if (plan.family ? !(is_symbol_id(f.entity_id) && symbol_family(f.entity_id) ==
                                                             symbol_family(entity))
                        : f.entity_id != entity)
          continue;
        for (const Posting& p : reader.surface_postings(f)) all.push_back(p);
        plan.terms.push_back(surface_term(f.entity_id, f.variant, f.surface));
      }
      continue;
    }
    for (const Posting& p : plan.family ? reader.family_postings(symbol_family(entity))
                                        : reader.entity_postings(entity))
      all.push_back(p);
    plan.terms.push_back(plan.family ? family_term(symbol_family(entity)) : entity_term(entity));
  }
  plan.docs = merge_postings(std::move(all));
  const std::optional<std::vector<DocId>> scope =
      reader.documents_in(PathScope(options.path_prefix));
  std::optional<std::vector<DocId>> language;
  if (!options.language.empty()) language = reader.language_documents(options.language);
  std::erase_if(plan.docs, [&](const Posting& p) {
    return !in_scope(scope, p.doc) || !in_scope(language, p.doc);
  });
  for (const Posting& p : plan.docs) {
    ++plan.header.documents;
    plan.header.mentions += p.count;
  }
  return plan;
}

// Gives the rows of `plan` in listing order to `row` until it returns false.
// `row` is given the document's absolute path too (the listing's order).
void stream_plan(const IndexReader& reader, const Plan& plan, const MentionsOptions& options,
                 const std::function<bool(const std::string&, MentionRow&&)>& row) {
  std::vector<DocId> ids;
  ids.reserve(plan.docs.size());
  for (const Posting& p : plan.docs) ids.push_back(p.doc);
  const std::vector<std::pair<std::string, DocId>> order = reader.paths_in_order(ids, plan.terms);
  IndexReader::FactsInOrder records(reader, order);
  FactsFilter filter;
  filter.keep_mention = [&](std::string_view mid, bool) {
    if (plan.family)
      return is_symbol_id(mid) && (symbol_family(mid) == plan.fam ||
                                   (!plan.alt.empty() && symbol_family(mid) == plan.alt_fam));
    return mid == plan.id || (!plan.alt.empty() && mid == plan.alt);
  };
  filter.definitions = false;
  std::vector<MentionRow> rows;
  uint64_t skip = options.offset;
  for (size_t i = 0; i < order.size(); ++i) {
    const auto& [path, did] = order[i];
    if (skip > 0) {
      const auto p = std::lower_bound(
          plan.docs.begin(), plan.docs.end(), did,
          [](const Posting& a, DocId b) { return a.doc < b; });
      if (p != plan.docs.end() && p->doc == did && p->count <= skip) {
        skip -= p->count;
        continue;
      }
    }
    // A piece at a time (a file stored in parts: its head, then each continuation, in page
    // order): the rows of one part are held, not the file's.
    bool more = true;
    records.read(i, filter, [&](DocFacts&& doc) {
      if (!more) return;
      rows.clear();
      for (Mention& m : doc.mentions) {  // only the entity's (or family's): see the filter
        if (!options.form.empty() && m.surface != options.form) continue;
        MentionRow r;
        r.path = display_path(doc.path);
        r.title = doc.title;
        r.date = doc.date;
        r.language = doc.language;
        r.entity_id = m.entity_id;
        r.page = m.page;
        r.line = m.line;
        r.start = m.start;
        r.end = m.end;
        r.surface = std::move(m.surface);
        r.variant = m.variant;
        r.ocr = is_ocr_page(doc.ocr_pages, m.page);
        r.context = std::move(m.sentence);
        std::tie(r.context_start, r.context_end) = context_span(m, r.surface, r.context);
        r.dates = std::move(m.dates);
        rows.push_back(std::move(r));
      }
      std::stable_sort(rows.begin(), rows.end(), [](const MentionRow& a, const MentionRow& b) {
        return std::tie(a.page, a.line, a.start) < std::tie(b.page, b.line, b.start);
      });
      for (MentionRow& r : rows) {
        if (skip > 0) {
          --skip;
          continue;
        }
        if (!row(path, std::move(r))) {
          more = false;
          return;
        }
      }
    });
    if (!more) return;
  }
}

std::vector<EntitySummary> entities_snapshot(const IndexReader& reader,
                                             const EntitiesOptions& options) {
  const std::shared_ptr<const Gazetteer> shared_gazetteer = reader.gazetteer();
  const Gazetteer& gazetteer = *shared_gazetteer;
  check_entity_type(gazetteer, options.type);
  std::vector<EntitySummary> out;
  std::map<std::string, size_t> index;
  for (EntityTerm& t : reader.entities()) {
    EntitySummary s;
    s.entity = describe_entity(gazetteer, t.id);
    s.discovered = s.entity.type == "discovered";
    if (options.discovered && !s.discovered) continue;
    if (!options.type.empty() && s.entity.type != options.type) continue;
    s.documents = t.counts.documents;
    s.mentions = t.counts.mentions;
    index[t.id] = out.size();
    out.push_back(std::move(s));
  }
  // A discovered acronym's name is what the documents define it as: the long form of its
  // definition in the first document citing it ("Red de Economía Social de las Américas"
  // for RESAM), the acronym itself when no definition is stored.
  for (EntitySummary& s : out) {
    if (!s.discovered) continue;
    FactsFilter filter;
    filter.keep_mention = [](std::string_view, bool) { return false; };
    const std::vector<Posting> postings = reader.entity_postings(s.entity.id);
    for (size_t i = 0; i < postings.size() && i < 3; ++i) {  // the definer is nearly always first
      const Posting& p = postings[i];
      bool found = false;
      for (const Definition& d : reader.facts(p.doc, filter).definitions)
        if (d.entity_id == s.entity.id && !d.long_form.empty()) {
          s.entity.name = d.long_form;
          found = true;
          break;
        }
      if (found) break;
    }
  }
  // Written forms: mentions summed over documents.
  for (SurfaceForm& form : reader.surface_forms()) {
    auto it = index.find(form.entity_id);
    if (it == index.end()) continue;
    EntitySummary::Form f;
    f.variant = form.variant;
    f.surface = std::move(form.surface);
    f.mentions = form.counts.mentions;
    out[it->second].forms.push_back(std::move(f));
  }
  for (EntitySummary& s : out)
    std::stable_sort(s.forms.begin(), s.forms.end(),
                     [](const auto& a, const auto& b) { return a.mentions > b.mentions; });
  std::stable_sort(out.begin(), out.end(), [](const EntitySummary& a, const EntitySummary& b) {
    return std::tie(b.documents, b.mentions) < std::tie(a.documents, a.mentions);
  });
  return out;
}

}  // namespace

std::vector<std::string> entity_types(const Gazetteer& gazetteer) {
  std::set<std::string> types = {"symbol", "discovered"};
  for (const Entity& e : gazetteer.entities()) types.insert(e.type);
  return {types.begin(), types.end()};
}

void check_entity_type(const Gazetteer& gazetteer, const std::string& type,
                       const std::vector<std::string>& more) {
  if (type.empty()) return;
  std::vector<std::string> types = entity_types(gazetteer);
  types.insert(types.end(), more.begin(), more.end());
  if (std::find(types.begin(), types.end(), type) != types.end()) return;
  std::string list;
  for (const std::string& t : types) list += (list.empty() ? "" : ", ") + t;
  const std::string closest = detail::closest_within(type, types, 2);
  throw QueryError("unknown type '" + util::echo_input(type, 100) + "'" +
                   (closest.empty() ? "" : "; did you mean '" + closest + "'?") +
                   " The types are: " + list);
}

MentionsHeader stream_mentions(const IndexReader& reader, const MentionsOptions& options,
                               const std::function<bool(MentionRow&&)>& row) {
  const Plan plan = make_plan(reader, options);
  stream_plan(reader, plan, options,
              [&](const std::string&, MentionRow&& r) { return row(std::move(r)); });
  return plan.header;
}

MentionsHeader count_mentions(const IndexReader& reader, const MentionsOptions& options) {
  return make_plan(reader, options).header;
}

void stream_mentions(const MentionsOptions& options,
                     const std::function<void(const MentionsHeader&)>& header,
                     const std::function<bool(MentionRow&&)>& row) {
  // read_index() runs the body again on a fresh snapshot when an indexer's commits overtake
  // the one being read; rows already given are then skipped by their place in the listing
  // order, so none is given twice (and the header once).
  bool header_given = false;
  std::optional<std::tuple<std::string, int, int, uint32_t, std::string>> last;
  read_index(options.db_path, [&](const IndexReader& reader) {
    const Plan plan = make_plan(reader, options);
    if (!header_given) {
      header(plan.header);
      header_given = true;
    }
    stream_plan(reader, plan, options, [&](const std::string& path, MentionRow&& r) {
      auto key = std::make_tuple(path, r.page, r.line, r.start, r.entity_id);
      if (last && key <= *last) return true;
      last = std::move(key);
      return row(std::move(r));
    });
  });
}

MentionsResult list_mentions(const IndexReader& reader, const MentionsOptions& options) {
  MentionsResult result;
  std::string last_path;
  const MentionsHeader h = stream_mentions(reader, options, [&](MentionRow&& r) {
    if (r.path != last_path || result.documents == 0) ++result.documents;
    last_path = r.path;
    result.mentions.push_back(std::move(r));
    return true;
  });
  result.entity = h.entity;
  return result;
}

MentionsResult list_mentions(const MentionsOptions& options) {
  return read_index(options.db_path,
                    [&](const IndexReader& reader) { return list_mentions(reader, options); });
}

std::vector<EntitySummary> list_entities(const IndexReader& reader,
                                         const EntitiesOptions& options) {
  return entities_snapshot(reader, options);
}

std::vector<EntitySummary> list_entities(const EntitiesOptions& options) {
  return read_index(options.db_path,
                    [&](const IndexReader& reader) { return entities_snapshot(reader, options); });
}

}  // namespace concord
