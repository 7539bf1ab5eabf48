// libFuzzer harness: the facts record readers (store/stored_doc.h decode_facts(), store/
// facts_reader.h read_facts()). The first byte chooses what the rest is: 0 (mod 3), the
// stored value as is (damaged zlib or zstd frames, a frame naming a dictionary, wrong
// version); 1, the MessagePack inside, wrapped as encode_facts() wraps it, so the fuzzer
// reaches the record's layout; 2, the same compressed with a database dictionary
// (util/compress.h). The readers are given that dictionary every time. Both must either read
// the record or throw DamagedRecordError, and agree on what they read.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

#include "store/facts_reader.h"
#include "store/stored_doc.h"
#include "util/compress.h"

namespace {

// A dictionary trained once on records alike, as the indexer trains one per database.
const concord::util::Dictionary& dictionary() {
  static const concord::util::Dictionary d = [] {
    std::vector<std::string> samples;
    for (int i = 0; i < 400; ++i)
      samples.push_back("\x89\xa4path\xb5/archive/note-" + std::to_string(i) +
                        ".txt\xa5title\xa4Note\xa8mentions\x91\x9b\xa3ILO\xa3ILO\xc2" +
                        std::to_string(i % 7) + " The ILO and resolution 77/281.");
    std::optional<std::string> bytes = concord::util::train_dictionary(samples, 8 << 10);
    if (!bytes) std::abort();  // the harness would fuzz less than it says
    return concord::util::Dictionary(std::move(*bytes));
  }();
  return d;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  static const concord::util::Dictionaries* dictionaries = [] {
    auto* d = new concord::util::Dictionaries;
    d->add(dictionary());
    return d;
  }();
  std::string value;
  switch (data[0] % 3) {
    case 0:
      value = rest;
      break;
    case 1:
      value = std::string(1, concord::kStoredFormatVersion) + concord::util::compress(rest);
      break;
    default:
      value = std::string(1, concord::kStoredFormatVersion) +
              concord::util::compress(rest, &dictionary());
  }
  bool decoded = false;
  bool read = false;
  concord::DocFacts a;
  concord::DocFacts b;
  try {
    a = concord::decode_facts(value, dictionaries);
    decoded = true;
  } catch (const concord::DamagedRecordError&) {
  }
  try {
    b = concord::read_facts(value, {}, dictionaries);
    read = true;
  } catch (const concord::DamagedRecordError&) {
  }
  concord::FactsFilter filter;
  filter.keep_mention = [](std::string_view id, bool variant) { return variant || id.size() % 2; };
  filter.sentences = false;
  filter.definitions = false;
  try {
    concord::read_facts(value, filter, dictionaries);
  } catch (const concord::DamagedRecordError&) {
  }
  if (decoded && read) {
    if (a.path != b.path || a.title != b.title || a.pages != b.pages || a.symbol != b.symbol ||
        a.mentions.size() != b.mentions.size() || a.definitions.size() != b.definitions.size())
      __builtin_trap();
    for (size_t i = 0; i < a.mentions.size(); ++i)
      if (a.mentions[i].entity_id != b.mentions[i].entity_id ||
          a.mentions[i].sentence != b.mentions[i].sentence ||
          a.mentions[i].start != b.mentions[i].start || a.mentions[i].end != b.mentions[i].end)
        __builtin_trap();
  }
  return 0;
}
