// Walks the MessagePack of a facts record without building a tree.
#include "xref/facts_brief.h"

#include <stdexcept>

#include "util/compress.h"

namespace concord {
namespace {

constexpr char kFactsVersion = '\x01';  // as in index/stored_doc.cc

class MsgpackReader {
 public:
  explicit MsgpackReader(std::string_view bytes) : bytes_(bytes) {}

  uint64_t map_size() {
    const uint8_t b = byte();
    if ((b & 0xf0) == 0x80) return b & 0x0f;
    if (b == 0xde) return be(2);
    if (b == 0xdf) return be(4);
    fail("map expected");
  }
  uint64_t array_size() {
    const uint8_t b = byte();
    if ((b & 0xf0) == 0x90) return b & 0x0f;
    if (b == 0xdc) return be(2);
    if (b == 0xdd) return be(4);
    fail("array expected");
  }
  std::string_view str() {
    const uint8_t b = byte();
    uint64_t n = 0;
    if ((b & 0xe0) == 0xa0)
      n = b & 0x1f;
    else if (b == 0xd9)
      n = be(1);
    else if (b == 0xda)
      n = be(2);
    else if (b == 0xdb)
      n = be(4);
    else
      fail("string expected");
    return take(n);
  }
  int64_t integer() {
    const uint8_t b = byte();
    if (b <= 0x7f) return b;
    if (b >= 0xe0) return static_cast<int8_t>(b);
    switch (b) {
      case 0xcc:
        return static_cast<int64_t>(be(1));
      case 0xcd:
        return static_cast<int64_t>(be(2));
      case 0xce:
        return static_cast<int64_t>(be(4));
      case 0xcf:
        return static_cast<int64_t>(be(8));
      case 0xd0:
        return static_cast<int8_t>(be(1));
      case 0xd1:
        return static_cast<int16_t>(be(2));
      case 0xd2:
        return static_cast<int32_t>(be(4));
      case 0xd3:
        return static_cast<int64_t>(be(8));
    }
    fail("integer expected");
  }
  bool boolean() {
    const uint8_t b = byte();
    if (b == 0xc2 || b == 0xc3) return b == 0xc3;
    fail("boolean expected");
  }
  // Skips one value of any type (nested ones included).
  void skip() {
    const uint8_t b = peek();
    if ((b & 0xf0) == 0x80 || b == 0xde || b == 0xdf) {
      for (uint64_t n = map_size() * 2; n > 0; --n) skip();
    } else if ((b & 0xf0) == 0x90 || b == 0xdc || b == 0xdd) {
      for (uint64_t n = array_size(); n > 0; --n) skip();
    } else if ((b & 0xe0) == 0xa0 || b == 0xd9 || b == 0xda || b == 0xdb) {
      str();
    } else if (b <= 0x7f || b >= 0xe0 || (b >= 0xcc && b <= 0xd3)) {
      integer();
    } else {
      byte();
      switch (b) {
        case 0xc0:
        case 0xc2:
        case 0xc3:
          return;
        case 0xca:
          take(4);
          return;
        case 0xcb:
          take(8);
          return;
        case 0xc4:
          take(be(1));
          return;
        case 0xc5:
          take(be(2));
          return;
        case 0xc6:
          take(be(4));
          return;
        case 0xc7: {
          const uint64_t n = be(1);
          take(n + 1);
          return;
        }
        case 0xc8: {
          const uint64_t n = be(2);
          take(n + 1);
          return;
        }
        case 0xc9: {
          const uint64_t n = be(4);
          take(n + 1);
          return;
        }
        case 0xd4:
          take(2);
          return;
        case 0xd5:
          take(3);
          return;
        case 0xd6:
          take(5);
          return;
        case 0xd7:
          take(9);
          return;
        case 0xd8:
          take(17);
          return;
      }
      fail("unknown type");
    }
  }

 private:
  [[noreturn]] static void fail(const char* what) {
    throw std::runtime_error(std::string("stored facts are damaged: ") + what);
  }
  uint8_t peek() const {
    if (pos_ >= bytes_.size()) fail("truncated");
    return static_cast<uint8_t>(bytes_[pos_]);
  }
  uint8_t byte() {
    const uint8_t b = peek();
    ++pos_;
    return b;
  }
  uint64_t be(int n) {
    uint64_t v = 0;
    for (int i = 0; i < n; ++i) v = (v << 8) | byte();
    return v;
  }
  std::string_view take(uint64_t n) {
    if (n > bytes_.size() - pos_) fail("truncated");
    const std::string_view s = bytes_.substr(pos_, n);
    pos_ += n;
    return s;
  }

  std::string_view bytes_;
  size_t pos_ = 0;
};

// One stored mention: [entity_id, surface, variant, page, line, start, end, sentence, dates].
void read_mention(MsgpackReader& in, std::string_view entity_id, BriefFacts* out) {
  const uint64_t n = in.array_size();
  if (n < 9) throw std::runtime_error("stored facts are damaged: short mention");
  if (in.str() != entity_id) {
    for (uint64_t i = 1; i < n; ++i) in.skip();
    return;
  }
  BriefMention m;
  in.skip();  // surface
  in.skip();  // variant
  m.page = static_cast<int>(in.integer());
  for (int i = 0; i < 4; ++i) in.skip();  // line, start, end, sentence
  for (uint64_t d = in.array_size(); d > 0; --d) m.dates.emplace_back(in.str());
  for (uint64_t i = 9; i < n; ++i) in.skip();
  out->mentions.push_back(std::move(m));
}

}  // namespace

BriefFacts read_brief_facts(const std::string& value, std::string_view entity_id) {
  if (value.empty() || value[0] != kFactsVersion)
    throw std::runtime_error("stored record has an unknown format version");
  const std::string packed = util::decompress(std::string_view(value).substr(1));
  MsgpackReader in(packed);
  BriefFacts f;
  for (uint64_t n = in.map_size(); n > 0; --n) {
    const std::string_view key = in.str();
    if (key == "path")
      f.path = in.str();
    else if (key == "title")
      f.title = in.str();
    else if (key == "format")
      f.format = in.str();
    else if (key == "date")
      f.date = in.str();
    else if (key == "paged")
      f.paged = in.boolean();
    else if (key == "pages")
      f.pages = static_cast<uint32_t>(in.integer());
    else if (key == "mentions")
      for (uint64_t m = in.array_size(); m > 0; --m) read_mention(in, entity_id, &f);
    else
      in.skip();
  }
  return f;
}

}  // namespace concord
