#include "search/suggest.h"

#include <algorithm>
#include <tuple>

#include "util/unicode.h"

namespace concord {
namespace {

// Where a word starts inside a folded name or symbol: its first byte, and after a space,
// slash, hyphen, parenthesis, period or quote.
bool word_start(const std::string& s, size_t i) {
  if (i == 0) return true;
  const char c = s[i - 1];
  return c == ' ' || c == '/' || c == '-' || c == '(' || c == '.' || c == '\'' || c == '"';
}

bool matches_at_word(const std::string& folded, const std::string& word) {
  if (word.size() > folded.size()) return false;
  for (size_t i = 0; i + word.size() <= folded.size(); ++i)
    if (word_start(folded, i) && folded.compare(i, word.size(), word) == 0) return true;
  return false;
}

// The filter that finds the entity, as the query language writes it (search/query_parse).
std::string filter_for(const EntitySummary& e) {
  const std::string& id = e.entity.id;
  const bool plain = id.find_first_of(" \"") == std::string::npos;
  if (e.entity.type == "symbol" && plain) return "symbol:" + id;
  if (e.entity.type == "organization" && plain) return "org:" + id;
  std::string quoted;
  for (char c : id)
    if (c != '"') quoted += c;
  return "entity:\"" + quoted + "\"";
}

}  // namespace

SuggestionIndex::SuggestionIndex(std::vector<EntitySummary> entities)
    : entities_(std::move(entities)) {
  for (size_t i = 0; i < entities_.size(); ++i) {
    const EntitySummary& e = entities_[i];
    auto add = [&](int rank, const std::string& text) {
      if (text.empty()) return;
      entries_.push_back({i, rank, text, util::fold(text)});
    };
    const std::string& id = e.entity.id;
    add(1, id.rfind("discovered:", 0) == 0 ? id.substr(11) : id);
    if (e.entity.name != id) add(2, e.entity.name);
    for (const EntitySummary::Form& f : e.forms)
      if (util::fold(f.surface) != util::fold(e.entity.name)) add(3, f.surface);
  }
}

std::vector<Completion> SuggestionIndex::suggest(std::string_view query, size_t limit) const {
  if (query.empty() || query.back() == ' ' || limit == 0) return {};
  const size_t start = query.find_last_of(' ') == std::string_view::npos
                           ? 0
                           : query.find_last_of(' ') + 1;
  std::string_view word = query.substr(start);
  bool field = false;
  for (std::string_view f : {"org:", "symbol:", "entity:"}) {
    if (word.size() >= f.size() && util::fold(word.substr(0, f.size())) == f) {
      word.remove_prefix(f.size());
      field = true;
      break;
    }
  }
  if (!word.empty() && word.front() == '"') word.remove_prefix(1);
  const std::string folded = util::fold(word);
  if (folded.empty() || (!field && folded.size() < 2)) return {};

  // The best entry per entity: lowest rank, then the archive's order (most documents first).
  std::vector<std::pair<int, size_t>> best(entities_.size(), {99, 0});
  for (size_t k = 0; k < entries_.size(); ++k) {
    const Entry& e = entries_[k];
    int rank = e.rank;
    if (rank == 1 && e.folded == folded)
      rank = 0;
    else if (rank == 1 && e.folded.rfind(folded, 0) == 0)
      rank = 1;
    else if (matches_at_word(e.folded, folded))
      rank = std::max(rank, 2);  // inside an id ("77/2" in A/RES/77/2) counts as a name
    else
      continue;
    if (rank < best[e.entity].first) best[e.entity] = {rank, k};
  }
  std::vector<size_t> order;
  for (size_t i = 0; i < best.size(); ++i)
    if (best[i].first != 99) order.push_back(i);
  std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
    const int ra = std::min(best[a].first, 2), rb = std::min(best[b].first, 2);
    return std::tie(ra, entities_[b].documents) < std::tie(rb, entities_[a].documents);
  });
  if (order.size() > limit) order.resize(limit);
  std::vector<Completion> out;
  const std::string before(query.substr(0, start));
  for (size_t i : order) {
    const EntitySummary& e = entities_[i];
    Completion s;
    s.value = before + filter_for(e);
    s.id = e.entity.id;
    s.name = e.entity.name == e.entity.id ? "" : e.entity.name;
    s.type = e.entity.type;
    s.matched = entries_[best[i].second].text;
    s.documents = e.documents;
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace concord
