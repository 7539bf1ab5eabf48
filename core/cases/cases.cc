// Cases files: parsing, id checks, and running each case through extraction and recognition.
#include "cases/cases.h"

#include <algorithm>
#include <fstream>
#include <functional>
#include <set>
#include <sstream>
#include <unordered_map>

#include "extract/extract.h"
#include "recognize/recognize.h"
#include "recognize/scan.h"
#include "recognize/symbols.h"
#include "util/small_file.h"
#include "util/strings.h"
#include "util/unicode.h"
#include "util/data_files.h"

namespace concord::data {
extern const char* const kData_cases;
}

namespace concord {
namespace {

using util::split;
using util::trim;

constexpr size_t kMinColumns = 3;  // name, text, expected
constexpr size_t kMaxColumns = 5;  // ... forbidden, note

bool valid_name(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
           c == '_' || c == '-';
  });
}

// Resolves "\n", "\t", "\f" and "\\"; any other backslash sequence is an error (returned).
std::optional<std::string> unescape(std::string_view text, std::string* out) {
  out->clear();
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '\\') {
      out->push_back(text[i]);
      continue;
    }
    if (i + 1 == text.size()) return "a backslash ends the text; write \\\\ for a backslash";
    switch (text[++i]) {
      case 'n':
        out->push_back('\n');
        break;
      case 't':
        out->push_back('\t');
        break;
      case 'f':
        out->push_back('\f');
        break;
      case '\\':
        out->push_back('\\');
        break;
      default:
        return "unknown escape '\\" + std::string(1, text[i]) +
               "' (use \\n, \\t, \\f, or \\\\ for a backslash)";
    }
  }
  return std::nullopt;
}

// Parses one '|'-separated column into items; returns an error message on the first bad item.
// `star` is set when the column holds the item "*" (allowed only when `star` is non-null).
std::optional<std::string> parse_items(std::string_view column, const char* what,
                                       std::vector<CaseItem>* items, bool* star) {
  if (trim(column).empty()) return std::nullopt;
  for (std::string_view raw : split(column, '|')) {
    const std::string_view written = trim(raw);
    if (written.empty()) return std::string("empty item in ") + what + " (two '|' in a row?)";
    if (written == "*") {
      if (star == nullptr) return std::string("'*' is only allowed in the forbidden column");
      *star = true;
      continue;
    }
    CaseItem item;
    item.written = std::string(written);
    std::string_view rest = written;
    if (rest.front() == '~') {
      item.variant = true;
      rest.remove_prefix(1);
    }
    const size_t eq = rest.find('=');
    item.id = std::string(trim(rest.substr(0, eq)));
    if (item.id.empty())
      return std::string("item '") + item.written + "' in " + what + " has no id";
    if (eq != std::string_view::npos) {
      item.surface = scan::collapsed(util::nfc(rest.substr(eq + 1)));
      if (item.surface->empty())
        return std::string("item '") + item.written + "' in " + what +
               " has an empty surface after '='";
    }
    items->push_back(std::move(item));
  }
  return std::nullopt;
}

bool matches(const CaseItem& item, const FoundMention& m) {
  return m.id == item.id && (!item.variant || m.variant) &&
         (!item.surface || *item.surface == m.surface);
}

// Maximum matching of expected items to mentions (each mention serves one item), by
// augmenting paths; returns, for each item, the index of its mention or -1.
std::vector<int> match_items(const std::vector<CaseItem>& items,
                             const std::vector<FoundMention>& found) {
  std::vector<int> item_of(found.size(), -1);
  std::vector<int> mention_of(items.size(), -1);
  std::vector<char> visited;
  std::function<bool(size_t)> augment = [&](size_t i) {
    for (size_t m = 0; m < found.size(); ++m) {
      if (visited[m] || !matches(items[i], found[m])) continue;
      visited[m] = 1;
      if (item_of[m] < 0 || augment(static_cast<size_t>(item_of[m]))) {
        item_of[m] = static_cast<int>(i);
        mention_of[i] = static_cast<int>(m);
        return true;
      }
    }
    return false;
  };
  for (size_t i = 0; i < items.size(); ++i) {
    visited.assign(found.size(), 0);
    augment(i);
  }
  return mention_of;
}

// True when recognition can give `id` with `gazetteer`. When false, `*suggestion` is set to
// the likely intended id if there is one ("S/RES/242 (1967)" -> "S/RES/242(1967)").
bool known_id(const std::string& id, const Gazetteer& gazetteer, std::string* suggestion) {
  if (gazetteer.find(id) != nullptr) return true;
  if (id.starts_with("discovered:")) return id.size() > 11;
  // An unresolved organ's id has the grammar of the Assembly's ("?/RES/20/8" ~ "A/RES/20/8").
  const bool unresolved = id.starts_with("?/");
  const std::string probe = unresolved ? "A" + id.substr(1) : id;
  if (std::optional<std::string> canonical = canonical_symbol(probe)) {
    if (*canonical == probe) return true;
    *suggestion = unresolved ? "?" + canonical->substr(1) : *canonical;
    return false;
  }
  if (std::optional<ResolvedEntity> r = gazetteer.resolve(id)) *suggestion = r->id;
  return false;
}

}  // namespace

CaseFile parse_cases(std::string_view tsv, const std::string& source) {
  CaseFile file;
  auto problem = [&](int line, std::string message) {
    file.problems.push_back({source, line, std::move(message), true});
  };
  std::unordered_map<std::string, int> first_line;  // name -> line
  if (tsv.substr(0, 3) == "\xEF\xBB\xBF") tsv.remove_prefix(3);
  int line_no = 0;
  for (std::string_view line : split(tsv, '\n')) {
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (trim(line).empty() || trim(line).front() == '#') continue;
    if (!util::is_valid_utf8(line)) {
      problem(line_no, "not valid UTF-8");
      continue;
    }
    const std::vector<std::string_view> fields = split(line, '\t');
    if (fields.size() < kMinColumns) {
      problem(line_no, "expected at least " + std::to_string(kMinColumns) +
                           " tab-separated columns (name, text, expected), got " +
                           std::to_string(fields.size()));
      continue;
    }
    if (fields.size() > kMaxColumns) {
      problem(line_no, "expected at most " + std::to_string(kMaxColumns) +
                           " columns (name, text, expected, forbidden, note), got " +
                           std::to_string(fields.size()) + " (a TAB in the text? write \\t)");
      continue;
    }
    Case c;
    c.source = source;
    c.line = line_no;
    c.name = std::string(trim(fields[0]));
    if (!valid_name(c.name)) {
      problem(line_no, "invalid case name '" + c.name + "' (letters, digits, '.', '_', '-')");
      continue;
    }
    if (auto error = unescape(fields[1], &c.text)) {
      problem(line_no, "case '" + c.name + "': " + *error);
      continue;
    }
    if (trim(c.text).empty()) {
      problem(line_no, "case '" + c.name + "' has no text");
      continue;
    }
    std::optional<std::string> error = parse_items(fields[2], "expected", &c.expected, nullptr);
    if (!error && fields.size() > 3)
      error = parse_items(fields[3], "forbidden", &c.forbidden, &c.only_expected);
    if (error) {
      problem(line_no, "case '" + c.name + "': " + *error);
      continue;
    }
    if (c.expected.empty() && c.forbidden.empty() && !c.only_expected) {
      problem(line_no, "case '" + c.name + "' expects nothing and forbids nothing");
      continue;
    }
    const CaseItem* both = nullptr;
    for (const CaseItem& f : c.forbidden)
      for (const CaseItem& e : c.expected)
        if (!both && f.written == e.written) both = &f;
    if (both) {
      problem(line_no,
              "case '" + c.name + "': '" + both->written + "' is both expected and forbidden");
      continue;
    }
    if (fields.size() > 4) c.note = std::string(trim(fields[4]));
    auto [it, inserted] = first_line.emplace(c.name, line_no);
    if (!inserted) {
      problem(line_no, "duplicate case name '" + c.name + "' (first on line " +
                           std::to_string(it->second) + ")");
      continue;
    }
    file.cases.push_back(std::move(c));
  }
  return file;
}

CaseFile read_cases_file(const std::string& path) {
  const util::SmallFile file = util::read_small_file(path);
  if (!file.error.empty())
    return CaseFile{{}, {{path, 0, "cannot read the cases file: " + file.error, true}}};
  return parse_cases(file.bytes, path);
}

CaseFile built_in_cases() {
  const util::DataFile file = util::data_file("cases.tsv", data::kData_cases);
  return parse_cases(file.text, file.source.empty() ? kBuiltInCasesSource : file.source);
}

std::vector<CaseProblem> check_item_ids(const Case& c, const Gazetteer& gazetteer) {
  std::vector<CaseProblem> problems;
  std::set<std::string> reported;
  auto check = [&](const std::vector<CaseItem>& items) {
    for (const CaseItem& item : items) {
      if (reported.count(item.id)) continue;
      std::string suggestion;
      if (known_id(item.id, gazetteer, &suggestion)) continue;
      std::string message = "case '" + c.name + "': unknown id '" + item.id +
                            "' (not a gazetteer id, a discovered:ACR or a canonical symbol)";
      if (!suggestion.empty() && suggestion != item.id)
        message += "; did you mean '" + suggestion + "'?";
      problems.push_back({c.source, c.line, std::move(message), true});
      reported.insert(item.id);
    }
  };
  check(c.expected);
  check(c.forbidden);
  return problems;
}

CaseResult run_case(const Case& c, const Gazetteer& gazetteer) {
  CaseResult r;
  r.spec = c;
  const ExtractResult extracted = extract_text(c.text);
  if (extracted.problem) {
    r.error = "the text cannot be read as a .txt file: " + extracted.problem->kind + ": " +
              extracted.problem->message;
    for (const CaseItem& item : c.expected) r.missing.push_back(item.written);
    return r;
  }
  const RecognizeResult recognized =
      recognize_document(extracted.doc.pages, extracted.doc.paged, gazetteer);
  for (const Mention& m : recognized.mentions)
    r.found.push_back({m.entity_id, m.surface, m.variant, m.page, m.line});

  const std::vector<int> mention_of = match_items(c.expected, r.found);
  std::vector<char> used(r.found.size(), 0);
  for (size_t i = 0; i < c.expected.size(); ++i) {
    if (mention_of[i] < 0)
      r.missing.push_back(c.expected[i].written);
    else
      used[static_cast<size_t>(mention_of[i])] = 1;
  }
  std::set<std::string> expected_ids;
  for (const CaseItem& item : c.expected) expected_ids.insert(item.id);
  for (size_t m = 0; m < r.found.size(); ++m) {
    const FoundMention& mention = r.found[m];
    const auto hit = std::find_if(c.forbidden.begin(), c.forbidden.end(),
                                  [&](const CaseItem& item) { return matches(item, mention); });
    if (hit != c.forbidden.end())
      r.forbidden_found.push_back({hit->written, mention});
    else if (c.only_expected && !expected_ids.count(mention.id))
      r.forbidden_found.push_back({"*", mention});
    else if (!used[m])
      r.unexpected.push_back(mention);
  }
  r.passed = r.missing.empty() && r.forbidden_found.empty();
  return r;
}

size_t CasesReport::passed() const {
  return static_cast<size_t>(
      std::count_if(results.begin(), results.end(), [](const CaseResult& r) { return r.passed; }));
}

size_t CasesReport::failed() const { return results.size() - passed(); }

bool CasesReport::has_errors() const {
  return std::any_of(problems.begin(), problems.end(),
                     [](const CaseProblem& p) { return p.skipped; });
}

CasesReport run_cases(const RunCasesOptions& options) {
  CasesReport report;
  Gazetteer gazetteer = Gazetteer::built_in();
  for (const std::string& path : options.gazetteer_files) {
    report.gazetteer_files.push_back(path);
    for (GazetteerProblem& p : gazetteer.add_file(path))
      report.problems.push_back({p.source, p.line, std::move(p.message), p.skipped});
  }
  report.gazetteer_fingerprint = gazetteer.fingerprint();

  std::vector<CaseFile> files;
  if (options.files.empty()) {
    report.sources.push_back(kBuiltInCasesSource);
    files.push_back(built_in_cases());
  }
  for (const std::string& path : options.files) {
    report.sources.push_back(path);
    files.push_back(read_cases_file(path));
  }
  const std::set<std::string> wanted(options.names.begin(), options.names.end());
  std::set<std::string> seen_names;
  for (CaseFile& file : files) {
    report.problems.insert(report.problems.end(), file.problems.begin(), file.problems.end());
    for (const Case& c : file.cases) {
      if (!wanted.empty() && !wanted.count(c.name)) continue;
      seen_names.insert(c.name);
      std::vector<CaseProblem> unknown = check_item_ids(c, gazetteer);
      if (!unknown.empty()) {
        report.problems.insert(report.problems.end(), unknown.begin(), unknown.end());
        continue;
      }
      report.results.push_back(run_case(c, gazetteer));
    }
  }
  for (const std::string& name : options.names)
    if (!seen_names.count(name))
      report.problems.push_back({"--name", 0, "no case is named '" + name + "'", true});
  return report;
}

}  // namespace concord
