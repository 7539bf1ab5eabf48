// Query preparation: bounds, entity names resolved, NEAR with phrases, accents stripped.
#include "search/query_parse.h"

#include <algorithm>
#include <cctype>
#include <optional>

#include "recognize/symbols.h"
#include "search/search.h"
#include "store/terms.h"
#include "util/echo.h"
#include "util/unicode.h"

namespace concord {
namespace {

std::string lower_ascii(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// Accents off (case kept, so AND/OR/NOT/NEAR stay operators); apostrophes split words as
// they do at index time.
std::string prepare(const std::string& text) {
  std::string s = util::strip_accents(text);
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '\'') {
      out += ' ';
    } else if (s.compare(i, 3, "\xE2\x80\x99") == 0) {  // ’
      out += ' ';
      i += 2;
    } else {
      out += s[i];
    }
  }
  return out;
}

std::vector<std::string> wildcard_prefixes(const std::string& text) {
  std::vector<std::string> out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '*') continue;
    size_t j = i;
    while (j > 0 && (std::isalnum(static_cast<unsigned char>(text[j - 1])) || (text[j - 1] & 0x80)))
      --j;
    if (j < i) out.push_back(util::fold(text.substr(j, i - j)));
  }
  return out;
}

// One lexical piece of a query string: a "quoted phrase", a parenthesis or a word.
struct Piece {
  std::string text;
  bool phrase = false;
};

std::vector<Piece> split_pieces(const std::string& q) {
  std::vector<Piece> out;
  size_t i = 0;
  while (i < q.size()) {
    if (std::isspace(static_cast<unsigned char>(q[i]))) {
      ++i;
    } else if (q[i] == '"') {
      size_t j = q.find('"', i + 1);
      if (j == std::string::npos) j = q.size() - 1;
      out.push_back({q.substr(i, j - i + 1), true});
      i = j + 1;
    } else if (q[i] == '(' || q[i] == ')') {
      out.push_back({std::string(1, q[i]), false});
      ++i;
    } else {
      size_t j = i;
      // A field value may be quoted: org:"Task Force".
      while (j < q.size() && !std::isspace(static_cast<unsigned char>(q[j])) && q[j] != ')' &&
             q[j] != '(') {
        if (q[j] == '"') {
          const size_t close = q.find('"', j + 1);
          j = close == std::string::npos ? q.size() : close + 1;
        } else {
          ++j;
        }
      }
      out.push_back({q.substr(i, j - i), false});
      i = j;
    }
  }
  return out;
}

std::string unquote(std::string v) {
  if (v.size() >= 2 && v.front() == '"' && v.back() == '"') v = v.substr(1, v.size() - 2);
  return v;
}

// A word a user would type as an acronym: two to twenty characters, capitals, digits and
// hyphens, starting with a capital and holding at least two ("ILO", "UN-Habitat" is not one).
bool looks_like_acronym(const std::string& w) {
  if (w.size() < 2 || w.size() > 20 || !std::isupper(static_cast<unsigned char>(w[0]))) return false;
  size_t capitals = 0;
  for (char c : w) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (std::isupper(u)) ++capitals;
    else if (!std::isdigit(u) && c != '-') return false;
  }
  return capitals >= 2;
}

// The two lookups a bare acronym or a quoted name needs: from the lookups the index recorded
// when they are of the gazetteer this program would build (IndexReader::gazetteer_lookup(),
// a fraction of a millisecond), else from the gazetteer, built on first use (about 3 ms).
class NameLookup {
 public:
  NameLookup(const IndexReader& reader, std::shared_ptr<const Gazetteer>* gazetteer)
      : reader_(reader), gazetteer_(gazetteer) {}

  // A recorded lookup answers unless it met a damaged entry: the gazetteer then does.
  std::optional<LookupEntity> by_acronym(std::string_view word) {
    if (const GazetteerLookup* l = recorded())
      if (std::optional<LookupEntity> e = l->by_acronym(word); e || !l->damaged()) return e;
    return of(built().by_acronym(word));
  }
  // Whether the index marks acronym words found without their entity (schema::kUnrecognized)
  // for the gazetteer these lookups are of.
  bool acronyms_marked() {
    if (!marked_) marked_ = recorded() != nullptr && reader_.acronyms_marked();
    return *marked_;
  }
  std::optional<LookupEntity> by_long_form(std::string_view words) {
    if (const GazetteerLookup* l = recorded())
      if (std::optional<LookupEntity> e = l->by_long_form(words); e || !l->damaged()) return e;
    return of(built().by_long_form(words));
  }

 private:
  const GazetteerLookup* recorded() {
    if (!lookup_) lookup_ = reader_.gazetteer_lookup();
    return lookup_->get();
  }
  const Gazetteer& built() {
    if (!*gazetteer_) *gazetteer_ = reader_.gazetteer();
    return **gazetteer_;
  }
  // Views into `e`, which lives as long as *gazetteer_.
  static std::optional<LookupEntity> of(const Entity* e) {
    if (e == nullptr) return std::nullopt;
    LookupEntity out{e->id, e->type, e->name, {}};
    for (const std::string& a : e->acronyms) out.acronyms.push_back(a);
    return out;
  }

  const IndexReader& reader_;
  std::shared_ptr<const Gazetteer>* gazetteer_;
  std::optional<std::shared_ptr<const GazetteerLookup>> lookup_;  // read on first use
  std::optional<bool> marked_;
};

// The entity one of whose acronyms is exactly `word` (case kept), or the acronym the indexer
// discovered in the text; never a variant spelling or a misspelling's closest entity.
// Gives the entity's id and display name.
std::optional<std::pair<std::string, std::string>> exact_acronym(const IndexReader& reader,
                                                                 NameLookup* names,
                                                                 const std::string& word) {
  if (const std::optional<LookupEntity> e = names->by_acronym(word)) {
    if (std::find(e->acronyms.begin(), e->acronyms.end(), word) != e->acronyms.end())
      return std::pair(std::string(e->id), std::string(e->name));
    return std::nullopt;
  }
  if (reader.has_entity("discovered:" + word)) return std::pair("discovered:" + word, std::string());
  return std::nullopt;
}

// Resolves org:/entity:/symbol: values to entity ids and rewrites them as zzentity:N, and
// path: values as zzpath:N (kept as typed); rewrites
// `X NEAR "a b"` (which Xapian's parser does not take) as `(X NEAR a NEAR b) "a b"`.
std::string rewrite(const IndexReader& reader, std::shared_ptr<const Gazetteer>* gazetteer,
                    const std::string& q, QuerySpec* spec) {
  std::vector<std::string>* ids = &spec->entity_ids;
  NameLookup names(reader, gazetteer);
  std::vector<Piece> pieces = split_pieces(q);
  auto proximity = [&](size_t k) {
    return k < pieces.size() && !pieces[k].phrase &&
           (pieces[k].text.rfind("NEAR", 0) == 0 || pieces[k].text.rfind("ADJ", 0) == 0);
  };
  for (size_t k = 0; k < pieces.size(); ++k) {
    Piece& p = pieces[k];
    const size_t colon = p.phrase ? std::string::npos : p.text.find(':');
    if (colon == std::string::npos) {
      // NEAR and ADJ take words and phrases only: a word beside one is left as typed.
      if ((k > 0 && proximity(k - 1)) || proximity(k + 1)) continue;
      // A bare document symbol ("A/RES/77/281", "S/RES/2334(2016)") also finds every other
      // written form of it ("résolution 77/281"...); so does a bare acronym naming one
      // entity, and a quoted long form.
      std::optional<std::string> id;
      std::string name;
      if (p.phrase) {
        const std::string words = unquote(p.text);
        if (words.find(' ') != std::string::npos && words.size() <= kMaxEntityNameBytes) {
          // Organizations and other bodies, not concepts: a quoted "social and solidarity
          // economy" stays the exact phrase.
          const std::optional<LookupEntity> e = names.by_long_form(words);
          if (e && e->type != "concept") {
            id = std::string(e->id);
            name = std::string(e->name);
          }
        }
      } else if (p.text.find('/') != std::string::npos) {
        id = canonical_symbol(p.text);
      } else if (looks_like_acronym(p.text)) {
        if (auto found = exact_acronym(reader, &names, p.text)) {
          id = std::move(found->first);
          name = std::move(found->second);
        }
      }
      if (id) {
        ids->push_back(*id);
        const bool symbol = !p.phrase && p.text.find('/') != std::string::npos;
        spec->expanded.push_back({p.phrase ? unquote(p.text) : p.text, symbol ? "symbol" : "org", *id,
                                  name.empty() ? *id : name});
        // An acronym of the gazetteer, where the index marks its word found without it: the
        // entity, and the word where marked (store/query.h QuerySpec::entity_words).
        const std::string word = symbol || p.phrase || id->starts_with("discovered:")
                                     ? std::string()
                                     : acronym_word(p.text);
        if (!word.empty() && names.acronyms_marked()) {
          spec->entity_words.resize(ids->size());
          spec->entity_words.back() = word;
          p.text = "zzentity:" + std::to_string(ids->size() - 1);
        } else {
          p.text = "(" + p.text + " OR zzentity:" + std::to_string(ids->size() - 1) + ")";
        }
      }
      continue;
    }
    const std::string field = lower_ascii(p.text.substr(0, colon));
    const std::string value = unquote(p.text.substr(colon + 1));
    if (field == "path") {
      // Kept as typed (accents, case): the --path rule applies to it, not the text's folding.
      spec->folders.push_back(value);
      p.text = "zzpath:" + std::to_string(spec->folders.size() - 1);
      continue;
    }
    if (field != "org" && field != "entity" && field != "symbol") continue;
    std::string id;
    if (field == "symbol") {
      if (auto c = canonical_symbol(value))
        id = *c;
      else
        throw QueryError("'" + util::echo_input(value) +
                         "' is not a UN document symbol or ILO instrument");
    } else if (const std::optional<LookupEntity> e = names.by_acronym(value);
               e && e->id == value) {
      // An entity's own id that is also its acronym ("org:ILO"): what resolve_entity() would
      // give (it looks ids up first), read from the recorded lookups without building the
      // gazetteer.
      id = value;
    } else {
      // Built only for queries that name an entity: most searches never need it.
      if (!*gazetteer) *gazetteer = reader.gazetteer();
      id = resolve_entity(reader, **gazetteer, value);
    }
    ids->push_back(id);
    p.text = "zzentity:" + std::to_string(ids->size() - 1);
  }
  std::string out;
  for (size_t i = 0; i < pieces.size(); ++i) {
    const bool near_next = i + 2 < pieces.size() && pieces[i + 1].text.rfind("NEAR", 0) == 0 &&
                           (pieces[i].phrase || pieces[i + 2].phrase);
    if (!near_next) {
      out += pieces[i].text + " ";
      continue;
    }
    const Piece& a = pieces[i];
    const std::string& op = pieces[i + 1].text;
    const Piece& b = pieces[i + 2];
    auto words = [](const Piece& piece) { return piece.phrase ? unquote(piece.text) : piece.text; };
    std::string near = "(";
    bool first = true;
    for (const Piece* piece : {&a, &b}) {
      for (const Piece& w : split_pieces(words(*piece))) {
        near += (first ? "" : " " + op + " ") + w.text;
        first = false;
      }
    }
    near += ")";
    out += near + (a.phrase ? " " + a.text : "") + (b.phrase ? " " + b.text : "") + " ";
    i += 2;
  }
  return out;
}

bool is_operator(const std::string& word) {
  return word == "AND" || word == "OR" || word == "NOT" || word == "XOR" || word == "NEAR" ||
         word == "ADJ" || word.rfind("NEAR/", 0) == 0 || word.rfind("ADJ/", 0) == 0;
}

// Refuses, before any work, a query asking for more than the kMax* bounds allow.
void check_query_size(const std::string& text) {
  auto refuse = [](const std::string& what, size_t n, size_t max) {
    throw QueryError("query has " + std::to_string(n) + " " + what + "; at most " +
                     std::to_string(max) +
                     " are allowed (narrow it with fewer words or with "
                     "fields such as title:, type:, date:)");
  };
  if (text.size() > kMaxQueryBytes) refuse("bytes", text.size(), kMaxQueryBytes);
  size_t terms = 0, chain = 0, longest_chain = 0, wildcards = 0;
  bool joined = false;  // the previous piece was NEAR or ADJ
  for (const Piece& p : split_pieces(text)) {
    if (p.text == "(" || p.text == ")") {
      chain = 0;
      joined = false;
      continue;
    }
    if (!p.phrase && is_operator(p.text)) {
      joined = p.text.rfind("NEAR", 0) == 0 || p.text.rfind("ADJ", 0) == 0;
      continue;
    }
    const size_t words = p.phrase ? split_pieces(unquote(p.text)).size() : 1;
    terms += words;
    chain = (joined ? chain : 0) + words;  // a phrase alone is a chain of its words
    longest_chain = std::max(longest_chain, chain);
    joined = false;
    wildcards += static_cast<size_t>(std::count(p.text.begin(), p.text.end(), '*'));
  }
  if (terms > kMaxQueryTerms) refuse("words", terms, kMaxQueryTerms);
  if (longest_chain > kMaxChainTerms)
    refuse("words in one phrase or NEAR chain", longest_chain, kMaxChainTerms);
  if (wildcards > kMaxWildcards) refuse("wildcards", wildcards, kMaxWildcards);
}

}  // namespace

std::string resolve_entity(const IndexReader& reader, const Gazetteer& gazetteer,
                           const std::string& form) {
  // Past this the closest-name search alone takes seconds; no name is nearly this long.
  if (form.size() > kMaxEntityNameBytes)
    throw QueryError("entity name of " + std::to_string(form.size()) + " bytes ('" +
                     util::echo_input(form, 60) + "'); names are at most " +
                     std::to_string(kMaxEntityNameBytes) + " bytes");
  if (auto r = gazetteer.resolve(form)) return r->id;
  // An acronym the indexer discovered from a definition in the text.
  std::string acronym = form;
  if (acronym.rfind("discovered:", 0) == 0) acronym = acronym.substr(11);
  for (char& c : acronym) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  const std::string discovered = "discovered:" + acronym;
  if (reader.has_entity(discovered)) return discovered;
  std::string message = "unknown entity '" + util::echo_input(form) + "'";
  const auto suggestions = gazetteer.suggest(form, 5);
  if (!suggestions.empty()) {
    message += "; closest known: ";
    for (size_t i = 0; i < suggestions.size(); ++i)
      message += (i ? ", " : "") + suggestions[i].form + " (" + suggestions[i].name + ")";
  }
  throw UnknownEntityError(message);
}

ParsedQuery parse_query(const IndexReader& reader, const std::string& text) {
  check_query_size(text);
  ParsedQuery out;
  std::shared_ptr<const Gazetteer> gazetteer;
  out.spec.text = prepare(rewrite(reader, &gazetteer, text, &out.spec));
  out.wildcard_prefixes = wildcard_prefixes(out.spec.text);
  return out;
}

}  // namespace concord
