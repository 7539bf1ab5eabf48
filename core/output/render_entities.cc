// Printers for the mentions and entities commands.
#include <nlohmann/json.hpp>
#include <sstream>

#include "output/render.h"
#include "util/escape.h"

namespace concord {
namespace {

using nlohmann::json;

std::string dump(const json& j, int indent = 2) {
  return j.dump(indent, ' ', false, json::error_handler_t::replace) + "\n";
}

bool has_span(const MentionRow& m) { return m.context_end > m.context_start; }

json mention_json(const MentionRow& m) {
  return {{"path", m.path},
          {"title", m.title},
          {"date", m.date.empty() ? json(nullptr) : json(m.date)},
          {"language", m.language},
          {"page", m.page > 0 ? json(m.page) : json(nullptr)},
          {"line", m.line},
          {"start", m.start},
          {"end", m.end},
          {"surface", m.surface},
          {"variant", m.variant},
          {"context", m.context},
          {"context_start", has_span(m) ? json(m.context_start) : json(nullptr)},
          {"context_end", has_span(m) ? json(m.context_end) : json(nullptr)},
          {"dates", m.dates},
          {"entity", m.entity_id}};
}

json entity_json(const EntityInfo& e) { return {{"id", e.id}, {"type", e.type}, {"name", e.name}}; }

// The context with the mention marked: the occurrence recognized, at its stored offsets.
std::string marked(const MentionRow& m, bool color) {
  if (!has_span(m) || m.context_end > m.context.size()) return m.context;
  const std::string open = color ? "\033[1m" : "[", close = color ? "\033[0m" : "]";
  return m.context.substr(0, m.context_start) + open +
         m.context.substr(m.context_start, m.context_end - m.context_start) + close +
         m.context.substr(m.context_end);
}

}  // namespace

std::string render_mentions_text(const MentionsResult& r, bool color) {
  std::ostringstream os;
  os << r.entity.id;
  if (r.entity.name != r.entity.id) os << " - " << r.entity.name;
  os << " (" << r.entity.type << ")\n"
     << r.mentions.size() << " mention" << (r.mentions.size() == 1 ? "" : "s") << " in " << r.documents
     << " document" << (r.documents == 1 ? "" : "s") << "\n";
  std::string last_path;
  for (const MentionRow& m : r.mentions) {
    if (m.path != last_path) {
      os << "\n" << (color ? "\033[1m" : "") << util::escape_controls(m.path) << (color ? "\033[0m" : "");
      if (!m.date.empty()) os << "  (" << m.date << ")";
      os << "\n";
      last_path = m.path;
    }
    std::string where = (m.page > 0 ? "p." + std::to_string(m.page) + " " : "") + "l." + std::to_string(m.line);
    os << "  " << where << std::string(where.size() < 10 ? 10 - where.size() : 1, ' ') << marked(m, color);
    if (m.variant) os << "  (variant: " << m.surface << ")";
    else if (m.entity_id != r.entity.id) os << "  (" << m.entity_id << ")";
    os << "\n";
  }
  return os.str();
}

std::string render_mentions_json(const MentionsResult& r) {
  json mentions = json::array();
  for (const MentionRow& m : r.mentions) mentions.push_back(mention_json(m));
  return dump({{"entity", entity_json(r.entity)}, {"documents", r.documents}, {"mentions", mentions}});
}

std::string render_mentions_jsonl(const MentionsResult& r) {
  std::string out;
  for (const MentionRow& m : r.mentions) out += dump(mention_json(m), -1);
  return out;
}

std::string render_mentions_csv(const MentionsResult& r) {
  std::string out =
      "entity,path,title,date,language,page,line,start,end,surface,variant,context,context_start,"
      "context_end,dates\n";
  for (const MentionRow& m : r.mentions) {
    std::string dates;
    for (const std::string& d : m.dates) dates += (dates.empty() ? "" : " ") + d;
    const bool span = has_span(m);
    out += csv_field(m.entity_id) + "," + csv_field(util::escape_controls(m.path)) + "," +
           csv_field(util::escape_controls(m.title)) + "," +
           csv_field(m.date) + "," + csv_field(m.language) + "," +
           (m.page > 0 ? std::to_string(m.page) : "") + "," + std::to_string(m.line) + "," +
           std::to_string(m.start) + "," + std::to_string(m.end) + "," + csv_field(m.surface) +
           "," + (m.variant ? "true" : "false") + "," + csv_field(m.context) + "," +
           (span ? std::to_string(m.context_start) : "") + "," +
           (span ? std::to_string(m.context_end) : "") + "," + csv_field(dates) + "\n";
  }
  return out;
}

std::string render_entities_text(const std::vector<EntitySummary>& entities) {
  if (entities.empty()) return "No entities.\n";
  std::ostringstream os;
  size_t w = 8;
  for (const EntitySummary& e : entities) w = std::max(w, std::min<size_t>(e.entity.id.size(), 28));
  char head[160];
  std::snprintf(head, sizeof head, "%-*s  %-15s %5s %8s  %s\n", static_cast<int>(w), "ENTITY", "TYPE", "DOCS",
                "MENTIONS", "NAME");
  os << head;
  for (const EntitySummary& e : entities) {
    char line[512];
    std::snprintf(line, sizeof line, "%-*s  %-15s %5llu %8llu  %s", static_cast<int>(w), e.entity.id.c_str(),
                  e.entity.type.c_str(), static_cast<unsigned long long>(e.documents),
                  static_cast<unsigned long long>(e.mentions), e.entity.name.c_str());
    os << line;
    std::string variants;
    for (const auto& f : e.forms)
      if (f.variant) variants += (variants.empty() ? "" : ", ") + f.surface + " (" + std::to_string(f.mentions) + ")";
    if (!variants.empty()) os << "\n" << std::string(w + 2, ' ') << "variants: " << variants;
    os << "\n";
  }
  return os.str();
}

std::string render_entities_json(const std::vector<EntitySummary>& entities) {
  json arr = json::array();
  for (const EntitySummary& e : entities) {
    json forms = json::array();
    for (const auto& f : e.forms)
      forms.push_back({{"surface", f.surface}, {"variant", f.variant}, {"mentions", f.mentions}});
    json j = entity_json(e.entity);
    j["discovered"] = e.discovered;
    j["documents"] = e.documents;
    j["mentions"] = e.mentions;
    j["forms"] = forms;
    arr.push_back(std::move(j));
  }
  return dump({{"entities", arr}});
}

std::string render_entities_csv(const std::vector<EntitySummary>& entities) {
  std::string out = "id,type,name,discovered,documents,mentions,variants\n";
  for (const EntitySummary& e : entities) {
    std::string variants;
    for (const auto& f : e.forms)
      if (f.variant) variants += (variants.empty() ? "" : "; ") + f.surface;
    out += csv_field(e.entity.id) + "," + csv_field(e.entity.type) + "," + csv_field(e.entity.name) + "," +
           (e.discovered ? "true" : "false") + "," + std::to_string(e.documents) + "," +
           std::to_string(e.mentions) + "," + csv_field(variants) + "\n";
  }
  return out;
}

}  // namespace concord
