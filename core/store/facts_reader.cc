// Reads the facts record from MessagePack parse events into a DocFacts: msgpack-c's visitor
// for a record inflated whole (it hands strings over in place, without a copy byte by byte),
// nlohmann::json's SAX parser for one too large to inflate whole (it reads from a stream).
#include "store/facts_reader.h"

#include <algorithm>
#include <cstdint>
#include <istream>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string_view>
#include <utility>

#define MSGPACK_NO_BOOST 1
#define MSGPACK_DEFAULT_API_VERSION 3
#include <msgpack.hpp>

#include "util/compress.h"

namespace concord {
namespace {

using Json = nlohmann::json;

[[noreturn]] void fail(const std::string& what) {
  throw DamagedRecordError("stored facts are damaged: " + what);
}

// Top-level keys, as encode_facts() writes them; the first kRequiredKeys are required,
// kSymbol is optional (records written before it have none).
enum class Key {
  kPath, kTitle, kFormat, kLang, kDate, kPaged, kPages, kMentions, kDefs, kSymbol, kOcr, kOther
};
constexpr int kRequiredKeys = 9;
constexpr const char* kKeyNames[kRequiredKeys] = {
    "path", "title", "format", "lang", "date", "paged", "pages", "mentions", "definitions"};

Key key_of(std::string_view name) {
  for (int k = 0; k < kRequiredKeys; ++k)
    if (name == kKeyNames[k]) return static_cast<Key>(k);
  if (name == "symbol") return Key::kSymbol;
  if (name == "ocr") return Key::kOcr;
  return Key::kOther;
}

// Fields of one stored mention and one stored definition (positions in their arrays); later
// positions, if any, are ignored, as decode_facts() does.
constexpr size_t kMentionFields = 9;       // entity_id surface variant page line start end
                                           // sentence dates, required...
constexpr size_t kMentionFieldsRead = 11;  // ...then context_start context_end (older
                                           // records lack them)
constexpr size_t kDefinitionFields = 10;  // acronym long_form entity_id acronym_first page
                                          // line start end acronym_start acronym_end

// Receives the parse events and fills `out`. Where it is in the record is `where_` (plus the
// field position in a mention or definition); a value it does not keep (an unknown key's, an
// extra field, definitions not asked for) is followed to its end with `skip_` only.
class FactsHandler {
 public:
  // `out` may hold anything (an earlier record, or moved from): what the record does not set
  // is cleared, and its mentions' memory is written over.
  FactsHandler(const FactsFilter& filter, DocFacts* out) : filter_(filter), out_(out) {
    out_->paged = false;
    out_->pages = 0;
    out_->definitions.clear();
    out_->symbol.clear();
    out_->ocr_pages.clear();
  }

  bool null() { return scalar("null"); }
  bool boolean(bool value) {
    if (skipping()) return true;
    if (where_ == Where::kTop && key_ == Key::kPaged) {
      out_->paged = value;
    } else if (where_ == Where::kMention && field_ == 2) {
      mention_->variant = value;
      keep_ = !filter_.keep_mention || filter_.keep_mention(mention_->entity_id, value);
    } else if (where_ == Where::kDefinition && field_ == 3) {
      definition_.acronym_first = value;
    } else {
      return scalar("boolean");
    }
    return next_field();
  }
  bool number_integer(int64_t value) { return number(value, "integer"); }
  bool number_unsigned(uint64_t value) { return number(static_cast<int64_t>(value), "integer"); }
  bool number_float() { return scalar("float"); }
  bool binary() { return scalar("binary"); }

  bool string(std::string_view value) {
    if (skipping()) return true;
    switch (where_) {
      case Where::kTop:
        switch (key_) {
          case Key::kPath:
            out_->path.assign(value);
            return true;
          case Key::kTitle:
            out_->title.assign(value);
            return true;
          case Key::kFormat:
            out_->format.assign(value);
            return true;
          case Key::kLang:
            out_->language.assign(value);
            return true;
          case Key::kDate:
            out_->date.assign(value);
            return true;
          case Key::kSymbol:
            out_->symbol.assign(value);
            return true;
          default:
            return scalar("string");
        }
      case Where::kMention:
        // The filter needs the variant flag, which follows: the id is always held until then.
        if (field_ == 0)
          mention_->entity_id.assign(value);
        else if (field_ == 1 && filter_.surfaces)
          mention_->surface.assign(value);
        else if (field_ == 7 && keep_ && filter_.sentences)
          mention_->sentence.assign(value);
        else if (field_ != 1 && field_ != 7)
          return scalar("string");
        return next_field();
      case Where::kDates:
        if (keep_) mention_->dates.emplace_back(value);
        return true;
      case Where::kDefinition:
        if (field_ == 0)
          definition_.acronym = std::string(value);
        else if (field_ == 1)
          definition_.long_form = std::string(value);
        else if (field_ == 2)
          definition_.entity_id = std::string(value);
        else
          return scalar("string");
        return next_field();
      default:
        return scalar("string");
    }
  }

  bool start_object() {
    if (where_ == Where::kStart) {
      where_ = Where::kTop;
      return true;
    }
    return start_container("map");
  }
  bool key(std::string_view name) {
    if (skip_ > 0) return true;
    if (where_ != Where::kTop) fail("unexpected map");
    key_ = key_of(name);
    if (key_ != Key::kOther) seen_ |= 1u << static_cast<int>(key_);
    return true;
  }
  bool end_object() {
    if (skip_ > 0) return end_skipped();
    for (int k = 0; k < kRequiredKeys; ++k)
      if (!(seen_ & (1u << k))) fail(std::string("no ") + kKeyNames[k]);
    where_ = Where::kDone;
    return true;
  }

  // `size`: the number of elements, when the parser knows it (0 otherwise).
  bool start_array(size_t size = 0) {
    if (skip_ > 0) {
      ++skip_;
      return true;
    }
    switch (where_) {
      case Where::kTop:
        if (key_ == Key::kMentions) {
          where_ = Where::kMentions;
          // Every mention is kept unless a filter says otherwise: room for all at once (a
          // bounded guess, the count being the record's word).
          if (!filter_.keep_mention) out_->mentions.reserve(std::min<size_t>(size, 1u << 16));
          kept_ = 0;
        } else if (key_ == Key::kOcr) {
          where_ = Where::kOcrPages;
        } else if (key_ == Key::kDefs) {
          if (filter_.definitions)
            where_ = Where::kDefinitions;
          else
            skip_ = 1;
        } else {
          return start_container("array");
        }
        return true;
      case Where::kMentions:
        where_ = Where::kMention;
        field_ = 0;
        keep_ = false;
        if (kept_ == out_->mentions.size()) out_->mentions.emplace_back();
        mention_ = &out_->mentions[kept_];
        reuse(mention_);
        return true;
      case Where::kMention:
        if (field_ != 8) return start_container("array");
        where_ = Where::kDates;
        return true;
      case Where::kDefinitions:
        where_ = Where::kDefinition;
        field_ = 0;
        definition_ = Definition();
        return true;
      default:
        return start_container("array");
    }
  }
  bool end_array() {
    if (skip_ > 0) return end_skipped();
    switch (where_) {
      case Where::kMentions:
        out_->mentions.resize(kept_);  // slots of an earlier record left over
        where_ = Where::kTop;
        return true;
      case Where::kDefinitions:
      case Where::kOcrPages:
        where_ = Where::kTop;
        return true;
      case Where::kMention:
        if (field_ < kMentionFields) fail("short mention");
        if (keep_) ++kept_;  // else its slot takes the next mention
        where_ = Where::kMentions;
        return true;
      case Where::kDates:
        where_ = Where::kMention;
        return next_field();
      case Where::kDefinition:
        if (field_ < kDefinitionFields) fail("short definition");
        out_->definitions.push_back(std::move(definition_));
        where_ = Where::kDefinitions;
        return true;
      default:
        fail("unexpected end of array");
    }
  }


 private:
  enum class Where {
    kStart, kTop, kMentions, kMention, kDates, kDefinitions, kDefinition, kOcrPages, kDone
  };

  // Makes `m` a mention with no field set, keeping the memory of its strings and dates (every
  // field of Mention, recognize/mention.h, is reset here).
  static void reuse(Mention* m) {
    m->entity_id.clear();
    m->surface.clear();
    m->variant = false;
    m->page = m->line = 0;
    m->start = m->end = 0;
    m->sentence.clear();
    m->context_start = m->context_end = 0;
    m->dates.clear();
  }

  // True where any value is accepted and dropped: inside a skipped value, under an unknown
  // key, past the known fields of a mention or definition.
  bool ignored() const {
    return (where_ == Where::kTop && key_ == Key::kOther) ||
           (where_ == Where::kMention && field_ >= kMentionFieldsRead) ||
           (where_ == Where::kDefinition && field_ >= kDefinitionFields);
  }
  bool skipping() const { return skip_ > 0; }

  // A scalar this handler did not place: fine where values are ignored, otherwise damage.
  bool scalar(const char* type) {
    if (skipping()) return true;
    if (!ignored()) fail(std::string("unexpected ") + type);
    return next_field();
  }
  bool start_container(const char* type) {
    if (skip_ > 0 || ignored()) {
      ++skip_;
      return true;
    }
    fail(std::string("unexpected ") + type);
  }
  // The end of a container being skipped; at the outermost one, the value is done.
  bool end_skipped() { return --skip_ > 0 || next_field(); }
  // Moves to the next field of a mention or definition (no-op elsewhere).
  bool next_field() {
    if (where_ == Where::kMention || where_ == Where::kDefinition) ++field_;
    return true;
  }

  bool number(int64_t value, const char* type) {
    if (skipping()) return true;
    const int as_int = static_cast<int>(value);
    const uint32_t as_offset = static_cast<uint32_t>(value);
    if (where_ == Where::kTop && key_ == Key::kPages) {
      out_->pages = as_offset;
    } else if (where_ == Where::kOcrPages) {
      out_->ocr_pages.push_back(as_offset);
      return true;
    } else if (where_ == Where::kMention && (field_ == 9 || field_ == 10)) {
      (field_ == 9 ? mention_->context_start : mention_->context_end) = as_offset;
    } else if (where_ == Where::kMention && field_ >= 3 && field_ <= 6) {
      switch (field_) {
        case 3:
          mention_->page = as_int;
          break;
        case 4:
          mention_->line = as_int;
          break;
        case 5:
          mention_->start = as_offset;
          break;
        default:
          mention_->end = as_offset;
      }
    } else if (where_ == Where::kDefinition && field_ >= 4 && field_ <= 9) {
      switch (field_) {
        case 4:
          definition_.page = as_int;
          break;
        case 5:
          definition_.line = as_int;
          break;
        case 6:
          definition_.start = as_offset;
          break;
        case 7:
          definition_.end = as_offset;
          break;
        case 8:
          definition_.acronym_start = as_offset;
          break;
        default:
          definition_.acronym_end = as_offset;
      }
    } else {
      return scalar(type);
    }
    return next_field();
  }

  const FactsFilter& filter_;
  DocFacts* out_;
  Where where_ = Where::kStart;
  Key key_ = Key::kOther;  // the top-level key whose value is being read
  unsigned seen_ = 0;      // bit per required key read
  size_t field_ = 0;       // position in the current mention or definition
  size_t skip_ = 0;        // depth of the containers being skipped
  bool keep_ = false;      // whether the current mention passed the filter
  size_t kept_ = 0;        // mentions kept so far: out_->mentions[0, kept_)
  Mention* mention_ = nullptr;  // the mention being read: out_->mentions[kept_]
  Definition definition_;  // the definition being read
};

// nlohmann::json's SAX events, handed on.
class JsonEvents final : public nlohmann::json_sax<Json> {
 public:
  explicit JsonEvents(FactsHandler* handler) : h_(*handler) {}
  bool null() override { return h_.null(); }
  bool boolean(bool value) override { return h_.boolean(value); }
  bool number_integer(number_integer_t value) override { return h_.number_integer(value); }
  bool number_unsigned(number_unsigned_t value) override { return h_.number_unsigned(value); }
  bool number_float(number_float_t, const string_t&) override { return h_.number_float(); }
  bool string(string_t& value) override { return h_.string(value); }
  bool binary(binary_t&) override { return h_.binary(); }
  bool start_object(std::size_t) override { return h_.start_object(); }
  bool key(string_t& name) override { return h_.key(name); }
  bool end_object() override { return h_.end_object(); }
  bool start_array(std::size_t size) override {
    return h_.start_array(size == static_cast<std::size_t>(-1) ? 0 : size);
  }
  bool end_array() override { return h_.end_array(); }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
    fail(e.what());
  }

 private:
  FactsHandler& h_;
};

// msgpack-c's visitor events, handed on: a string is a key between start_map_key() and
// end_map_key().
class MsgpackEvents : public msgpack::null_visitor {
 public:
  explicit MsgpackEvents(FactsHandler* handler) : h_(*handler) {}
  bool visit_nil() { return h_.null(); }
  bool visit_boolean(bool value) { return h_.boolean(value); }
  bool visit_positive_integer(uint64_t value) { return h_.number_unsigned(value); }
  bool visit_negative_integer(int64_t value) { return h_.number_integer(value); }
  bool visit_float32(float) { return h_.number_float(); }
  bool visit_float64(double) { return h_.number_float(); }
  bool visit_str(const char* data, uint32_t size) {
    const std::string_view value(data, size);
    return in_key_ ? h_.key(value) : h_.string(value);
  }
  bool visit_bin(const char*, uint32_t) { return h_.binary(); }
  bool visit_ext(const char*, uint32_t) { return h_.binary(); }
  bool start_array(uint32_t size) { return h_.start_array(size); }
  bool end_array() { return h_.end_array(); }
  bool start_map(uint32_t) { return h_.start_object(); }
  bool start_map_key() {
    in_key_ = true;
    return true;
  }
  bool end_map_key() {
    in_key_ = false;
    return true;
  }
  bool end_map() { return h_.end_object(); }
  void parse_error(size_t, size_t offset) { fail("bad MessagePack at byte " + std::to_string(offset)); }
  void insufficient_bytes(size_t, size_t) { fail("record cut short"); }

 private:
  FactsHandler& h_;
  bool in_key_ = false;
};

}  // namespace

DocFacts read_facts(const std::string& value, const FactsFilter& filter,
                    const util::Dictionaries* dictionaries) {
  DocFacts facts;
  read_facts(value, filter, dictionaries, &facts);
  return facts;
}

void read_facts(const std::string& value, const FactsFilter& filter,
                const util::Dictionaries* dictionaries, DocFacts* into) {
  if (value.empty() || value[0] != kStoredFormatVersion)
    throw DamagedRecordError("stored record has an unknown format version");
  FactsHandler handler(filter, into);
  // A record of ordinary size is inflated whole into this thread's buffer and parsed from
  // memory (about twice as fast as through a stream); a larger one a buffer at a time as the
  // parser reads, so a record of a million mentions is never held whole. The handler throws
  // on damage, and so does inflating; `false` would mean the parser stopped without saying
  // why.
  constexpr uint64_t kWholeRecord = 4u << 20;
  bool parsed = false;
  try {
    const std::string_view packed = std::string_view(value).substr(1);
    if (util::decompressed_length(packed) <= kWholeRecord) {
      thread_local std::string buffer;
      util::decompress_into(packed, &buffer, dictionaries);
      MsgpackEvents events(&handler);
      size_t offset = 0;
      parsed = msgpack::parse(buffer.data(), buffer.size(), offset, events);
      if (parsed && offset != buffer.size()) fail("bytes after the record");
    } else {
      util::InflateStreambuf inflated(packed, dictionaries);
      std::istream in(&inflated);
      JsonEvents events(&handler);
      parsed = Json::sax_parse(in, &events, Json::input_format_t::msgpack);
    }
  } catch (const DamagedRecordError&) {
    throw;
  } catch (const std::runtime_error& e) {
    fail(e.what());
  }
  if (!parsed) fail("unreadable record");
}

}  // namespace concord
