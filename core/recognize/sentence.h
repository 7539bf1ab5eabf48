// The sentence a mention is shown in, made from its page's text: recognition makes it when it
// finds the mention, and the index rebuilds it from the stored page instead of storing it
// again with each mention (store/reader.cc).
//
// Contract: pure functions of the page text and the offsets recognition chose, so the same
// page and offsets always give the same sentence and mention offsets in it. Offsets are byte
// offsets in `page`, with ss <= ms <= me <= se <= page.size().
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace concord {

struct MentionContext {
  std::string sentence;  // whitespace collapsed, at most kMaxSentenceBytes (recognize.h)
  uint32_t start = 0;    // the mention's byte offsets in `sentence`
  uint32_t end = 0;
};

// The sentence [ss, se) of `page` around the mention [ms, me), collapsed and cut around the
// mention when it is longer than kMaxSentenceBytes.
MentionContext mention_context(std::string_view page, size_t ss, size_t se, size_t ms, size_t me);

namespace detail {
// The pieces of mention_context(), for recognition's cache of a sentence shared by several
// mentions: the collapsed sentence when it fits whole, else nullopt...
std::optional<std::string> whole_sentence(std::string_view page, size_t ss, size_t se);
// ... the mention's offsets in that whole sentence...
std::pair<uint32_t, uint32_t> span_in_whole(std::string_view page, size_t ss, size_t ms,
                                            size_t me);
// ... or the sentence cut around the mention, with the mention's offsets in it.
MentionContext cut_sentence(std::string_view page, size_t ss, size_t se, size_t ms, size_t me);
}  // namespace detail

}  // namespace concord
