// libFuzzer harness: the facts record readers (store/stored_doc.h decode_facts(), store/
// facts_reader.h read_facts()). The first byte chooses what the rest is: 0, the stored value
// as is (damaged zlib, wrong version); otherwise the MessagePack inside, wrapped as
// encode_facts() wraps it, so the fuzzer reaches the record's layout. Both readers must
// either read the record or throw DamagedRecordError, and agree on what they read.
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "store/facts_reader.h"
#include "store/stored_doc.h"
#include "util/compress.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  const std::string_view rest(reinterpret_cast<const char*>(data) + 1, size - 1);
  std::string value;
  if (data[0] == 0) {
    value = rest;
  } else {
    value = std::string(1, concord::kStoredFormatVersion) + concord::util::compress(rest);
  }
  bool decoded = false;
  bool read = false;
  concord::DocFacts a;
  concord::DocFacts b;
  try {
    a = concord::decode_facts(value);
    decoded = true;
  } catch (const concord::DamagedRecordError&) {
  }
  try {
    b = concord::read_facts(value);
    read = true;
  } catch (const concord::DamagedRecordError&) {
  }
  concord::FactsFilter filter;
  filter.keep_mention = [](std::string_view id, bool variant) { return variant || id.size() % 2; };
  filter.sentences = false;
  filter.definitions = false;
  try {
    concord::read_facts(value, filter);
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
