// Encoding of the per-document record kept as Xapian document data.
#include "store/stored_doc.h"

#include <array>
#include <cstdint>
#include <cstdio>
#include <iterator>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string_view>

#include "store/record_compression.h"
#include "util/compress.h"

namespace concord {
namespace {

nlohmann::json mention_to_json(const Mention& m) {
  return nlohmann::json::array({m.entity_id, m.surface, m.variant, m.page, m.line, m.start, m.end,
                                m.sentence, m.dates, m.context_start, m.context_end});
}

Mention mention_from_json(const nlohmann::json& j) {
  Mention m;
  m.entity_id = j.at(0).get<std::string>();
  m.surface = j.at(1).get<std::string>();
  m.variant = j.at(2).get<bool>();
  m.page = j.at(3).get<int>();
  m.line = j.at(4).get<int>();
  m.start = j.at(5).get<uint32_t>();
  m.end = j.at(6).get<uint32_t>();
  m.sentence = j.at(7).get<std::string>();
  m.dates = j.at(8).get<std::vector<std::string>>();
  // Records written before the context offsets have 9 fields.
  if (j.size() > 9) m.context_start = j.at(9).get<uint32_t>();
  if (j.size() > 10) m.context_end = j.at(10).get<uint32_t>();
  return m;
}

nlohmann::json definition_to_json(const Definition& d) {
  return nlohmann::json::array({d.acronym, d.long_form, d.entity_id, d.acronym_first, d.page,
                                d.line, d.start, d.end, d.acronym_start, d.acronym_end});
}

Definition definition_from_json(const nlohmann::json& j) {
  Definition d;
  d.acronym = j.at(0).get<std::string>();
  d.long_form = j.at(1).get<std::string>();
  d.entity_id = j.at(2).get<std::string>();
  d.acronym_first = j.at(3).get<bool>();
  d.page = j.at(4).get<int>();
  d.line = j.at(5).get<int>();
  d.start = j.at(6).get<uint32_t>();
  d.end = j.at(7).get<uint32_t>();
  d.acronym_start = j.at(8).get<uint32_t>();
  d.acronym_end = j.at(9).get<uint32_t>();
  return d;
}

// A record's MessagePack: its version byte checked, then inflated.
std::string unpacked_bytes(const std::string& data, const util::Dictionaries* dictionaries) {
  if (data.empty() || data[0] != kStoredFormatVersion)
    throw DamagedRecordError("stored record has an unknown format version");
  try {
    return util::decompress(std::string_view(data).substr(1), dictionaries);
  } catch (const std::runtime_error& e) {
    throw DamagedRecordError(std::string("stored record is damaged: ") + e.what());
  }
}

nlohmann::json unpack(const std::string& data, const util::Dictionaries* dictionaries) {
  const std::string packed = unpacked_bytes(data, dictionaries);
  try {
    return nlohmann::json::from_msgpack(packed);
  } catch (const nlohmann::json::exception& e) {
    throw DamagedRecordError(std::string("stored record is damaged: ") + e.what());
  }
}

// A record (version byte + compressed MessagePack) built a piece at a time: a map whose first
// entries are `head`'s and whose last `arrays` entries are arrays written one element at a
// time, so a record of a million mentions or of 200 MB of pages is never held as a JSON tree
// nor as uncompressed MessagePack. unpack() reads it back as one object. Compressed as
// `compression` says (record_compression.h), alone when it is null.
class RecordWriter {
 public:
  RecordWriter(const nlohmann::json& head, size_t arrays, RecordCompression* compression)
      : compression_(compression),
        dictionary_(compression ? compression->dictionary() : nullptr),
        z_(dictionary_.get()),
        sampling_(compression && !dictionary_ && compression->wants_samples()) {
    nlohmann::json::to_msgpack(head, buffer_);
    // Fewer than 16 entries in all: a MessagePack fixmap, whose count is in its first byte.
    if (head.size() + arrays > 15 || buffer_.empty() || buffer_[0] != (0x80 | head.size()))
      throw std::logic_error("record header is not a fixmap");
    buffer_[0] = static_cast<uint8_t>(0x80 | (head.size() + arrays));
  }

  // Starts the entry `key`: an array of `n` elements, to be given to element().
  void array(const char* key, size_t n) {
    nlohmann::json::to_msgpack(nlohmann::json(key), buffer_);
    if (n < 16) {
      buffer_.push_back(static_cast<uint8_t>(0x90 | n));
    } else if (n <= 0xFFFF) {
      buffer_.push_back(0xdc);
      for (int shift : {8, 0}) buffer_.push_back(static_cast<uint8_t>(n >> shift));
    } else {
      buffer_.push_back(0xdd);
      for (int shift : {24, 16, 8, 0}) buffer_.push_back(static_cast<uint8_t>(n >> shift));
    }
  }

  void element(const nlohmann::json& j) {
    nlohmann::json::to_msgpack(j, buffer_);
    if (buffer_.size() >= 65536) flush();
  }

  // Version byte + the compressed record (a record under 64 KiB in one pass).
  std::string finish() {
    std::string out(1, kStoredFormatVersion);
    out += z_.finish(sampled());
    if (sampling_) compression_->offer(sample_);
    return out;
  }

 private:
  void flush() {
    z_.append(sampled());
    buffer_.clear();
  }
  // The bytes buffered, their start kept as the sample while sampling.
  std::string_view sampled() {
    const std::string_view bytes(reinterpret_cast<const char*>(buffer_.data()), buffer_.size());
    if (sampling_ && sample_.size() < RecordCompression::kSampleBytes)
      sample_.append(bytes.substr(0, RecordCompression::kSampleBytes - sample_.size()));
    return bytes;
  }

  std::vector<uint8_t> buffer_;
  RecordCompression* compression_;
  std::shared_ptr<const util::Dictionary> dictionary_;  // held while compressing
  util::Compressor z_;
  bool sampling_;
  std::string sample_;  // the record's first bytes, while sampling_
};

}  // namespace

struct StoredDocEncoder::Impl {
  Impl(const nlohmann::json& head, RecordCompression* compression) : w(head, 2, compression) {}
  RecordWriter w;
  size_t pages_left = 0;
};

StoredDocEncoder::StoredDocEncoder(const StoredDoc& doc, RecordCompression* compression) {
  nlohmann::json j;
  j["path"] = doc.path;
  j["title"] = doc.title;
  j["format"] = doc.format;
  j["lang"] = doc.language;
  j["date"] = doc.date;
  j["author"] = doc.author;
  j["desc"] = doc.description;
  j["enc"] = doc.encoding;
  j["hash"] = doc.hash;
  j["size"] = doc.size;
  j["mtime"] = doc.mtime_ns;
  j["paged"] = doc.paged;
  if (!doc.ocr_pages.empty()) j["ocr"] = doc.ocr_pages;
  impl_ = std::make_unique<Impl>(j, compression);
  impl_->pages_left = doc.pages.size();
  impl_->w.array("pages", doc.pages.size());
}

StoredDocEncoder::~StoredDocEncoder() = default;

void StoredDocEncoder::page(std::string_view text) {
  if (impl_->pages_left == 0) throw std::logic_error("StoredDocEncoder: more pages than announced");
  --impl_->pages_left;
  impl_->w.element(text);
}

std::string StoredDocEncoder::finish(const std::vector<uint32_t>& page_starts) {
  if (impl_->pages_left != 0) throw std::logic_error("StoredDocEncoder: pages missing");
  impl_->w.array("starts", page_starts.size());
  for (const uint32_t start : page_starts) impl_->w.element(start);
  return impl_->w.finish();
}

std::string encode_stored_doc(const StoredDoc& doc, RecordCompression* compression) {
  // The pages one at a time: a 200 MB text is not copied twice more before compression.
  StoredDocEncoder e(doc, compression);
  for (const std::string& page : doc.pages) e.page(page);
  return e.finish(doc.page_starts);
}

std::string encode_part(const DocPart& part) {
  if (!part.split()) return "";
  return part.token + " " + std::to_string(part.number) + " " + std::to_string(part.first_page) +
         " " + std::to_string(part.parts);
}

std::optional<DocPart> decode_part(std::string_view value) {
  DocPart part;
  const size_t space = value.find(' ');
  if (space == 0 || space == std::string_view::npos) return std::nullopt;
  part.token = std::string(value.substr(0, space));
  unsigned long number = 0, first = 0, parts = 0;
  char tail = 0;
  if (std::sscanf(std::string(value.substr(space + 1)).c_str(), "%lu %lu %lu%c", &number, &first,
                  &parts, &tail) != 3 || first == 0 || number > UINT32_MAX ||
      first > UINT32_MAX || parts > UINT32_MAX)
    return std::nullopt;
  part.number = static_cast<uint32_t>(number);
  part.first_page = static_cast<uint32_t>(first);
  part.parts = static_cast<uint32_t>(parts);
  return part;
}

std::string encode_facts(const StoredDoc& doc, RecordCompression* compression) {
  nlohmann::json j;
  j["path"] = doc.path;
  j["title"] = doc.title;
  j["format"] = doc.format;
  j["lang"] = doc.language;
  j["date"] = doc.date;
  j["paged"] = doc.paged;
  j["pages"] = doc.part.split() && doc.part.number == 0 ? doc.part.total_pages : doc.pages.size();
  if (!doc.symbol.empty()) j["symbol"] = doc.symbol;
  if (!doc.ocr_pages.empty()) j["ocr"] = doc.ocr_pages;
  // Keys in the order an object would write them (the reader does not depend on it).
  RecordWriter w(j, 2, compression);
  w.array("definitions", doc.definitions.size());
  for (const Definition& d : doc.definitions) w.element(definition_to_json(d));
  w.array("mentions", doc.mentions.size());
  for (const Mention& m : doc.mentions) w.element(mention_to_json(m));
  return w.finish();
}

DocFacts decode_facts(const std::string& value, const util::Dictionaries* dictionaries) {
  const nlohmann::json j = unpack(value, dictionaries);
  DocFacts f;
  try {
    f.path = j.at("path").get<std::string>();
    f.title = j.at("title").get<std::string>();
    f.format = j.at("format").get<std::string>();
    f.language = j.at("lang").get<std::string>();
    f.date = j.at("date").get<std::string>();
    f.paged = j.at("paged").get<bool>();
    f.pages = j.at("pages").get<uint32_t>();
    if (j.contains("symbol")) f.symbol = j.at("symbol").get<std::string>();
    if (j.contains("ocr")) f.ocr_pages = j.at("ocr").get<std::vector<uint32_t>>();
    for (const auto& m : j.at("mentions")) f.mentions.push_back(mention_from_json(m));
    for (const auto& d : j.at("definitions")) f.definitions.push_back(definition_from_json(d));
  } catch (const nlohmann::json::exception& e) {
    throw DamagedRecordError(std::string("stored facts are damaged: ") + e.what());
  }
  return f;
}

namespace {

// Fills a StoredDoc from its record's map as the MessagePack parser reads it: no JSON tree,
// each page's text moved into place once. A field missing, or of another type than the
// encoder writes (numbers of any kind for the numeric ones, as a tree's get<>() takes them),
// is damage; a key it does not know is skipped, whatever it holds.
class StoredDocSax : public nlohmann::json_sax<nlohmann::json> {
 public:
  explicit StoredDocSax(StoredDoc* doc) : d_(*doc) {}

  bool null() override { return other(); }
  bool boolean(bool v) override {
    if (depth_ != 1 || field_ != Field::kPaged) return other();
    d_.paged = v;
    return seen();
  }
  bool number_integer(number_integer_t v) override { return number(v); }
  bool number_unsigned(number_unsigned_t v) override { return number(static_cast<int64_t>(v)); }
  bool number_float(number_float_t v, const string_t&) override {
    // Never written by the encoder; a float out of int64's range (or NaN) is damage, not a
    // conversion with undefined behaviour.
    if (!(v >= -9.2e18 && v <= 9.2e18)) return other(true);
    return number(static_cast<int64_t>(v));
  }
  bool string(string_t& v) override {
    if (depth_ == 2 && field_ == Field::kPages) {
      d_.pages.push_back(std::move(v));
      return true;
    }
    if (depth_ == 1 && field_ < Field::kSize) {
      *text_fields()[static_cast<size_t>(field_)] = std::move(v);
      return seen();
    }
    return other();
  }
  bool binary(binary_t&) override { return other(); }
  bool start_object(std::size_t) override {
    if (depth_ == 0) {
      depth_ = 1;
      return true;
    }
    if (depth_ <= 2 && field_ != Field::kUnknown) damaged("a field holds a map");
    ++depth_;
    return true;
  }
  bool key(string_t& k) override {
    if (depth_ == 1) field_ = field_of(k);
    return true;
  }
  bool end_object() override {
    --depth_;
    return true;
  }
  bool start_array(std::size_t) override {
    if (depth_ == 0) damaged("not a map");
    if (depth_ == 1) {
      if (field_ == Field::kPages) d_.pages.clear();
      else if (field_ == Field::kStarts) d_.page_starts.clear();
      else if (field_ == Field::kOcr) d_.ocr_pages.clear();
      else if (field_ != Field::kUnknown) damaged("a field holds an array");
      if (field_ != Field::kUnknown) seen();
    } else if (depth_ == 2 && field_ != Field::kUnknown) {
      damaged("an array in an array");
    }
    ++depth_;
    return true;
  }
  bool end_array() override {
    --depth_;
    return true;
  }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& e) override {
    throw DamagedRecordError(std::string("stored record is damaged: ") + e.what());
  }

  // After the parse: every field there but "ocr".
  void finish() const {
    if (depth_ != 0) damaged("not a map");
    for (size_t f = 0; f < kRequired; ++f)
      if (!seen_[f]) damaged("no field " + std::string(kNames[f]));
  }

 private:
  // In the order of kNames; the text fields first, then size, mtime, paged, the arrays.
  enum class Field : uint8_t {
    kPath, kTitle, kFormat, kLang, kDate, kAuthor, kDesc, kEnc, kHash,
    kSize, kMtime, kPaged, kPages, kStarts, kOcr, kUnknown
  };
  static constexpr const char* kNames[] = {"path",  "title", "format", "lang",  "date",
                                           "author", "desc", "enc",    "hash",  "size",
                                           "mtime", "paged", "pages",  "starts", "ocr"};
  static constexpr size_t kRequired = 14;  // all but "ocr"

  static Field field_of(std::string_view k) {
    for (size_t f = 0; f < std::size(kNames); ++f)
      if (k == kNames[f]) return static_cast<Field>(f);
    return Field::kUnknown;
  }
  std::array<std::string*, 9> text_fields() {
    return {&d_.path, &d_.title,  &d_.format,      &d_.language, &d_.date,
            &d_.author, &d_.description, &d_.encoding, &d_.hash};
  }
  bool seen() {
    seen_[static_cast<size_t>(field_)] = true;
    return true;
  }
  // Any kind of number, as the encoder's (unsigned, or signed for mtime).
  bool number(int64_t v) {
    if (depth_ == 2 && field_ == Field::kStarts) {
      d_.page_starts.push_back(static_cast<uint32_t>(v));
    } else if (depth_ == 2 && field_ == Field::kOcr) {
      d_.ocr_pages.push_back(static_cast<uint32_t>(v));
    } else if (depth_ == 1 && field_ == Field::kSize) {
      d_.size = static_cast<uint64_t>(v);
      return seen();
    } else if (depth_ == 1 && field_ == Field::kMtime) {
      d_.mtime_ns = v;
      return seen();
    } else {
      return other();
    }
    return true;
  }
  // A value where the field wants another kind (or any value, `unreadable`): damage, unless
  // the field is unknown.
  bool other(bool unreadable = false) {
    if (depth_ == 0) damaged("not a map");
    if (field_ != Field::kUnknown && depth_ <= 2)
      damaged(std::string("field ") + kNames[static_cast<size_t>(field_)] +
              (unreadable ? " holds an unreadable number" : " is of another type"));
    return true;
  }
  [[noreturn]] static void damaged(const std::string& why) {
    throw DamagedRecordError("stored document is damaged: " + why);
  }

  StoredDoc& d_;
  int depth_ = 0;  // 1: in the record's map; 2: in an array of one of its fields
  Field field_ = Field::kUnknown;
  std::array<bool, 15> seen_{};
};

}  // namespace

StoredDoc decode_stored_doc(const std::string& data, const util::Dictionaries* dictionaries) {
  const std::string packed = unpacked_bytes(data, dictionaries);
  StoredDoc doc;
  StoredDocSax sax(&doc);
  try {
    if (!nlohmann::json::sax_parse(packed, &sax, nlohmann::json::input_format_t::msgpack))
      throw DamagedRecordError("stored record is damaged: unreadable");
  } catch (const nlohmann::json::exception& e) {
    throw DamagedRecordError(std::string("stored record is damaged: ") + e.what());
  }
  sax.finish();
  return doc;
}

}  // namespace concord
