// Encoding of the per-document record kept as Xapian document data.
#include "store/stored_doc.h"

#include <cstdio>
#include <cstdint>

#include <nlohmann/json.hpp>
#include <stdexcept>

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

nlohmann::json unpack(const std::string& data, const util::Dictionaries* dictionaries) {
  if (data.empty() || data[0] != kStoredFormatVersion)
    throw DamagedRecordError("stored record has an unknown format version");
  std::string packed;
  try {
    packed = util::decompress(std::string_view(data).substr(1), dictionaries);
  } catch (const std::runtime_error& e) {
    throw DamagedRecordError(std::string("stored record is damaged: ") + e.what());
  }
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

StoredDoc decode_stored_doc(const std::string& data, const util::Dictionaries* dictionaries) {
  const nlohmann::json j = unpack(data, dictionaries);
  StoredDoc doc;
  try {
    doc.path = j.at("path").get<std::string>();
    doc.title = j.at("title").get<std::string>();
    doc.format = j.at("format").get<std::string>();
    doc.language = j.at("lang").get<std::string>();
    doc.date = j.at("date").get<std::string>();
    doc.author = j.at("author").get<std::string>();
    doc.description = j.at("desc").get<std::string>();
    doc.encoding = j.at("enc").get<std::string>();
    doc.hash = j.at("hash").get<std::string>();
    doc.size = j.at("size").get<uint64_t>();
    doc.mtime_ns = j.at("mtime").get<int64_t>();
    doc.paged = j.at("paged").get<bool>();
    doc.pages = j.at("pages").get<std::vector<std::string>>();
    doc.page_starts = j.at("starts").get<std::vector<uint32_t>>();
    if (j.contains("ocr")) doc.ocr_pages = j.at("ocr").get<std::vector<uint32_t>>();
  } catch (const nlohmann::json::exception& e) {
    throw DamagedRecordError(std::string("stored document is damaged: ") + e.what());
  }
  return doc;
}

}  // namespace concord
