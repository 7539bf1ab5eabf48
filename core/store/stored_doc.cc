// Encoding of the per-document record kept as Xapian document data.
#include "store/stored_doc.h"

#include <nlohmann/json.hpp>
#include <stdexcept>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "util/compress.h"

namespace concord {
namespace {

// `sentence`: the sentence's index in the record's sentence frame (layout 2).
nlohmann::json mention_to_json(const Mention& m, uint32_t sentence) {
  return nlohmann::json::array({m.entity_id, m.surface, m.variant, m.page, m.line, m.start, m.end,
                                sentence, m.dates, m.context_start, m.context_end});
}

// `sentences`: layout 2's sentence frame, where field 7 is an index; null for layout 1, where
// it is the sentence itself.
Mention mention_from_json(const nlohmann::json& j, const nlohmann::json* sentences) {
  Mention m;
  m.entity_id = j.at(0).get<std::string>();
  m.surface = j.at(1).get<std::string>();
  m.variant = j.at(2).get<bool>();
  m.page = j.at(3).get<int>();
  m.line = j.at(4).get<int>();
  m.start = j.at(5).get<uint32_t>();
  m.end = j.at(6).get<uint32_t>();
  if (sentences == nullptr)
    m.sentence = j.at(7).get<std::string>();
  else
    m.sentence = sentences->at(j.at(7).get<size_t>()).get<std::string>();
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

// One compressed MessagePack frame, read whole.
nlohmann::json unpack_frame(std::string_view frame) {
  std::string packed;
  try {
    packed = util::decompress(frame);
  } catch (const std::runtime_error& e) {
    throw DamagedRecordError(std::string("stored record is damaged: ") + e.what());
  }
  try {
    return nlohmann::json::from_msgpack(packed);
  } catch (const nlohmann::json::exception& e) {
    throw DamagedRecordError(std::string("stored record is damaged: ") + e.what());
  }
}

nlohmann::json unpack(const std::string& data) {
  if (data.empty() || data[0] != kStoredFormatVersion)
    throw DamagedRecordError("stored record has an unknown format version");
  return unpack_frame(std::string_view(data).substr(1));
}

void put_array_header(size_t n, std::vector<uint8_t>* buffer) {
  if (n < 16) {
    buffer->push_back(static_cast<uint8_t>(0x90 | n));
  } else if (n <= 0xFFFF) {
    buffer->push_back(0xdc);
    for (int shift : {8, 0}) buffer->push_back(static_cast<uint8_t>(n >> shift));
  } else {
    buffer->push_back(0xdd);
    for (int shift : {24, 16, 8, 0}) buffer->push_back(static_cast<uint8_t>(n >> shift));
  }
}

// A record (version byte + compressed MessagePack) built a piece at a time: a map whose first
// entries are `head`'s and whose last `arrays` entries are arrays written one element at a
// time, so a record of a million mentions or of 200 MB of pages is never held as a JSON tree
// nor as uncompressed MessagePack. unpack() reads it back as one object.
class RecordWriter {
 public:
  RecordWriter(const nlohmann::json& head, size_t arrays) {
    nlohmann::json::to_msgpack(head, buffer_);
    // Fewer than 16 entries in all: a MessagePack fixmap, whose count is in its first byte.
    if (head.size() + arrays > 15 || buffer_.empty() || buffer_[0] != (0x80 | head.size()))
      throw std::logic_error("record header is not a fixmap");
    buffer_[0] = static_cast<uint8_t>(0x80 | (head.size() + arrays));
  }

  // Starts the entry `key`: an array of `n` elements, to be given to element().
  void array(const char* key, size_t n) {
    nlohmann::json::to_msgpack(nlohmann::json(key), buffer_);
    put_array_header(n, &buffer_);
  }

  void element(const nlohmann::json& j) {
    nlohmann::json::to_msgpack(j, buffer_);
    if (buffer_.size() >= 65536) flush();
  }

  // Version byte + the compressed record.
  std::string finish() {
    std::string out(1, kStoredFormatVersion);
    out += finish_frame();
    return out;
  }

  // The compressed record alone.
  std::string finish_frame() {
    flush();
    return z_.finish();
  }

 private:
  void flush() {
    z_.append(std::string_view(reinterpret_cast<const char*>(buffer_.data()), buffer_.size()));
    buffer_.clear();
  }

  std::vector<uint8_t> buffer_;
  util::Compressor z_;
};

}  // namespace

struct StoredDocEncoder::Impl {
  explicit Impl(const nlohmann::json& head) : w(head, 2) {}
  RecordWriter w;
  size_t pages_left = 0;
};

StoredDocEncoder::StoredDocEncoder(const StoredDoc& doc) {
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
  impl_ = std::make_unique<Impl>(j);
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

std::string encode_stored_doc(const StoredDoc& doc) {
  // The pages one at a time: a 200 MB text is not copied twice more before compression.
  StoredDocEncoder e(doc);
  for (const std::string& page : doc.pages) e.page(page);
  return e.finish(doc.page_starts);
}

std::string encode_facts(const StoredDoc& doc) {
  nlohmann::json j;
  j["path"] = doc.path;
  j["title"] = doc.title;
  j["format"] = doc.format;
  j["lang"] = doc.language;
  j["date"] = doc.date;
  j["paged"] = doc.paged;
  j["pages"] = doc.pages.size();
  if (!doc.symbol.empty()) j["symbol"] = doc.symbol;
  if (!doc.ocr_pages.empty()) j["ocr"] = doc.ocr_pages;
  // Keys in the order an object would write them (the reader does not depend on it).
  RecordWriter w(j, 2);
  w.array("definitions", doc.definitions.size());
  for (const Definition& d : doc.definitions) w.element(definition_to_json(d));
  // Each distinct sentence once, numbered in the order mentions first cite it.
  std::unordered_map<std::string_view, uint32_t> number;
  std::vector<std::string_view> sentences;
  w.array("mentions", doc.mentions.size());
  for (const Mention& m : doc.mentions) {
    const auto [at, added] = number.try_emplace(m.sentence, static_cast<uint32_t>(sentences.size()));
    if (added) sentences.push_back(m.sentence);
    w.element(mention_to_json(m, at->second));
  }
  const std::string facts = w.finish_frame();
  util::Compressor z;
  std::vector<uint8_t> buffer;
  put_array_header(sentences.size(), &buffer);
  for (const std::string_view sentence : sentences) {
    nlohmann::json::to_msgpack(nlohmann::json(sentence), buffer);
    if (buffer.size() >= 65536) {
      z.append(std::string_view(reinterpret_cast<const char*>(buffer.data()), buffer.size()));
      buffer.clear();
    }
  }
  z.append(std::string_view(reinterpret_cast<const char*>(buffer.data()), buffer.size()));
  std::string out(1, kFactsFormatVersion);
  for (int shift = 0; shift < 64; shift += 8)
    out.push_back(static_cast<char>(static_cast<uint64_t>(facts.size()) >> shift));
  out += facts;
  out += z.finish();
  return out;
}

FactsFrames facts_frames(std::string_view value) {
  FactsFrames frames;
  if (!value.empty() && value[0] == kStoredFormatVersion) {
    frames.facts = value.substr(1);
    return frames;
  }
  if (value.empty() || value[0] != kFactsFormatVersion)
    throw DamagedRecordError("stored record has an unknown format version");
  if (value.size() < 9) throw DamagedRecordError("stored facts are damaged: record cut short");
  uint64_t length = 0;
  for (int i = 0; i < 8; ++i)
    length |= static_cast<uint64_t>(static_cast<unsigned char>(value[1 + i])) << (8 * i);
  if (length > value.size() - 9)
    throw DamagedRecordError("stored facts are damaged: frame longer than the record");
  frames.facts = value.substr(9, length);
  frames.sentences = value.substr(9 + length);
  frames.sentence_table = true;
  return frames;
}

DocFacts decode_facts(const std::string& value) {
  const FactsFrames frames = facts_frames(value);
  const nlohmann::json j = unpack_frame(frames.facts);
  const nlohmann::json sentences =
      frames.sentence_table ? unpack_frame(frames.sentences) : nlohmann::json();
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
    if (frames.sentence_table && !sentences.is_array())
      throw DamagedRecordError("stored facts are damaged: no sentence table");
    for (const auto& m : j.at("mentions"))
      f.mentions.push_back(mention_from_json(m, frames.sentence_table ? &sentences : nullptr));
    for (const auto& d : j.at("definitions")) f.definitions.push_back(definition_from_json(d));
  } catch (const nlohmann::json::exception& e) {
    throw DamagedRecordError(std::string("stored facts are damaged: ") + e.what());
  }
  return f;
}

StoredDoc decode_stored_doc(const std::string& data) {
  const nlohmann::json j = unpack(data);
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
