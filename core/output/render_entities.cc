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
          {"ocr", m.ocr},
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

MentionsPrinter::MentionsPrinter(std::ostream& out, MentionsFormat format, bool color)
    : out_(out), format_(format), color_(color) {}

void MentionsPrinter::header(const MentionsHeader& h) {
  entity_id_ = h.entity.id;
  switch (format_) {
    case MentionsFormat::text:
      out_ << h.entity.id;
      if (h.entity.name != h.entity.id) out_ << " - " << h.entity.name;
      out_ << " (" << h.entity.type << ")\n"
           << h.mentions << " mention" << (h.mentions == 1 ? "" : "s") << " in " << h.documents
           << " document" << (h.documents == 1 ? "" : "s") << "\n";
      break;
    case MentionsFormat::json: {
      // The layout nlohmann's dump(2) gives the whole object (keys in order: documents,
      // entity, mentions), written as the rows come.
      std::string entity = entity_json(h.entity).dump(2, ' ', false, json::error_handler_t::replace);
      std::string indented;
      for (const char c : entity) indented += c == '\n' ? std::string("\n  ") : std::string(1, c);
      out_ << "{\n  \"documents\": " << h.documents << ",\n  \"entity\": " << indented
           << ",\n  \"mentions\": [";
      break;
    }
    case MentionsFormat::jsonl:
      break;
    case MentionsFormat::csv:
      out_ << "entity,path,title,date,language,page,line,start,end,surface,variant,context,"
              "context_start,context_end,dates,ocr\n";
      break;
  }
}

void MentionsPrinter::row(const MentionRow& m) {
  switch (format_) {
    case MentionsFormat::text: {
      if (m.path != last_path_ || rows_ == 0) {
        out_ << "\n" << (color_ ? "\033[1m" : "") << util::escape_controls(m.path)
             << (color_ ? "\033[0m" : "");
        if (!m.date.empty()) out_ << "  (" << m.date << ")";
        out_ << "\n";
        last_path_ = m.path;
      }
      const std::string where =
          (m.page > 0 ? "p." + std::to_string(m.page) + " " : "") + "l." + std::to_string(m.line);
      out_ << "  " << where << std::string(where.size() < 10 ? 10 - where.size() : 1, ' ')
           << marked(m, color_);
      if (m.variant)
        out_ << "  (variant: " << m.surface << ")";
      else if (m.entity_id != entity_id_)
        out_ << "  (" << m.entity_id << ")";
      if (m.ocr) out_ << "  (OCR)";
      out_ << "\n";
      break;
    }
    case MentionsFormat::json: {
      std::string one = mention_json(m).dump(2, ' ', false, json::error_handler_t::replace);
      std::string indented = "    ";
      for (const char c : one) indented += c == '\n' ? std::string("\n    ") : std::string(1, c);
      out_ << (rows_ == 0 ? "\n" : ",\n") << indented;
      break;
    }
    case MentionsFormat::jsonl:
      out_ << dump(mention_json(m), -1);
      break;
    case MentionsFormat::csv: {
      std::string dates;
      for (const std::string& d : m.dates) dates += (dates.empty() ? "" : " ") + d;
      const bool span = has_span(m);
      out_ << csv_field(m.entity_id) << "," << csv_field(util::escape_controls(m.path)) << ","
           << csv_field(util::escape_controls(m.title)) << "," << csv_field(m.date) << ","
           << csv_field(m.language) << "," << (m.page > 0 ? std::to_string(m.page) : "") << ","
           << m.line << "," << m.start << "," << m.end << "," << csv_field(m.surface) << ","
           << (m.variant ? "true" : "false") << "," << csv_field(m.context) << ","
           << (span ? std::to_string(m.context_start) : "") << ","
           << (span ? std::to_string(m.context_end) : "") << "," << csv_field(dates) << ","
           << (m.ocr ? "true" : "false") << "\n";
      break;
    }
  }
  ++rows_;
}

void MentionsPrinter::finish() {
  if (format_ == MentionsFormat::json) out_ << (rows_ == 0 ? "]\n}\n" : "\n  ]\n}\n");
}

namespace {

std::string render_mentions(const MentionsResult& r, MentionsFormat format, bool color) {
  std::ostringstream os;
  MentionsPrinter printer(os, format, color);
  printer.header(MentionsHeader{r.entity, r.documents, r.mentions.size()});
  for (const MentionRow& m : r.mentions) printer.row(m);
  printer.finish();
  return os.str();
}

}  // namespace

std::string render_mentions_text(const MentionsResult& r, bool color) {
  return render_mentions(r, MentionsFormat::text, color);
}

std::string render_mentions_json(const MentionsResult& r) {
  return render_mentions(r, MentionsFormat::json, false);
}

std::string render_mentions_jsonl(const MentionsResult& r) {
  return render_mentions(r, MentionsFormat::jsonl, false);
}

std::string render_mentions_csv(const MentionsResult& r) {
  return render_mentions(r, MentionsFormat::csv, false);
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
