// Mentions and entity catalogue from the stored mention records and entity terms.
#include "mentions/mentions.h"

#include <algorithm>
#include <map>

#include "recognize/symbols.h"
#include "search/query_parse.h"
#include "search/search.h"
#include "store/reader.h"

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

MentionsResult mentions_snapshot(const IndexReader& reader, const MentionsOptions& options) {
  const std::shared_ptr<const Gazetteer> shared_gazetteer = reader.gazetteer();
  const Gazetteer& gazetteer = *shared_gazetteer;
  MentionsResult result;
  const std::string id = resolve_entity(reader, gazetteer, options.entity);
  result.entity = describe_entity(gazetteer, id);
  const bool family = options.family && is_symbol_id(id);
  const std::string fam = family ? symbol_family(id) : std::string();
  // A resolution cited where its organ could not be told ("?/RES/77/281") may be this one:
  // it is listed too, with its own id, so the reader sees the organ is unresolved.
  const std::string alt = unresolved_twin(id);
  const std::string alt_fam = family && !alt.empty() ? symbol_family(alt) : std::string();
  std::vector<DocId> docids;
  for (const std::string& entity : {id, alt}) {
    if (entity.empty()) continue;
    for (const Posting& p :
         family ? reader.family_postings(symbol_family(entity)) : reader.entity_postings(entity))
      docids.push_back(p.doc);
  }
  std::sort(docids.begin(), docids.end());
  docids.erase(std::unique(docids.begin(), docids.end()), docids.end());
  const PathScope scope(options.path_prefix);

  struct DocMentions {
    std::string path;
    std::vector<MentionRow> rows;
  };
  std::vector<DocMentions> docs;
  for (DocId did : docids) {
    FactsFilter filter;
    filter.keep_mention = [&](std::string_view mid, bool) {
      if (family)
        return is_symbol_id(mid) &&
               (symbol_family(mid) == fam || (!alt.empty() && symbol_family(mid) == alt_fam));
      return mid == id || (!alt.empty() && mid == alt);
    };
    filter.definitions = false;
    DocFacts doc = reader.facts(did, filter);
    if (!scope.contains(doc.path)) continue;
    DocMentions dm;
    dm.path = doc.path;
    for (Mention& m : doc.mentions) {  // only the entity's (or family's): see the filter
      MentionRow row;
      row.path = display_path(doc.path);
      row.title = doc.title;
      row.date = doc.date;
      row.language = doc.language;
      row.entity_id = m.entity_id;
      row.page = m.page;
      row.line = m.line;
      row.start = m.start;
      row.end = m.end;
      row.surface = std::move(m.surface);
      row.variant = m.variant;
      row.context = std::move(m.sentence);
      std::tie(row.context_start, row.context_end) = context_span(m, row.surface, row.context);
      row.dates = std::move(m.dates);
      dm.rows.push_back(std::move(row));
    }
    if (dm.rows.empty()) continue;
    std::stable_sort(dm.rows.begin(), dm.rows.end(), [](const MentionRow& a, const MentionRow& b) {
      return std::tie(a.page, a.line, a.start) < std::tie(b.page, b.line, b.start);
    });
    docs.push_back(std::move(dm));
  }
  std::sort(docs.begin(), docs.end(),
            [](const DocMentions& a, const DocMentions& b) { return a.path < b.path; });
  result.documents = docs.size();
  for (DocMentions& d : docs)
    std::move(d.rows.begin(), d.rows.end(), std::back_inserter(result.mentions));
  return result;
}

std::vector<EntitySummary> entities_snapshot(const IndexReader& reader,
                                             const EntitiesOptions& options) {
  const std::shared_ptr<const Gazetteer> shared_gazetteer = reader.gazetteer();
  const Gazetteer& gazetteer = *shared_gazetteer;
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

MentionsResult list_mentions(const IndexReader& reader, const MentionsOptions& options) {
  return mentions_snapshot(reader, options);
}

MentionsResult list_mentions(const MentionsOptions& options) {
  return read_index(options.db_path,
                    [&](const IndexReader& reader) { return mentions_snapshot(reader, options); });
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
