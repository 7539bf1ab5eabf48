// Sentences around mentions, from the page text.
#include "recognize/sentence.h"

#include <algorithm>

#include "recognize/recognize.h"
#include "recognize/scan.h"

namespace concord {
namespace detail {

std::optional<std::string> whole_sentence(std::string_view page, size_t ss, size_t se) {
  if (se - ss > kMaxSentenceBytes) return std::nullopt;
  std::string text = scan::collapsed(page.substr(ss, se - ss));
  // Each malformed byte becomes U+FFFD (three bytes): the collapsed text can be longer.
  if (text.size() > kMaxSentenceBytes) return std::nullopt;
  return text;
}

// The mention starts and ends with a non-space, so the collapsed text up to `me` ends with its
// collapsed surface.
std::pair<uint32_t, uint32_t> span_in_whole(std::string_view page, size_t ss, size_t ms,
                                            size_t me) {
  const size_t end = scan::collapsed_size(page.substr(ss, me - ss));
  const size_t length = scan::collapsed_size(page.substr(ms, me - ms));
  return {static_cast<uint32_t>(end - std::min(end, length)), static_cast<uint32_t>(end)};
}

MentionContext cut_sentence(std::string_view page, size_t ss, size_t se, size_t ms, size_t me) {
  std::string before = scan::collapsed(page.substr(ss, ms - ss));
  std::string middle = scan::collapsed(page.substr(ms, me - ms));
  std::string after = scan::collapsed(page.substr(me, se - me));
  auto is_space = [](char c) { return c == ' ' || c == '\n' || c == '\t' || c == '\r'; };
  std::string out = before;
  if (!before.empty() && ms > 0 && is_space(page[ms - 1])) out.push_back(' ');
  const size_t mstart = out.size();
  out += middle;
  const size_t mend = out.size();
  if (!after.empty() && me < page.size() && is_space(page[me])) out.push_back(' ');
  out += after;
  if (out.size() <= kMaxSentenceBytes)
    return {std::move(out), static_cast<uint32_t>(mstart), static_cast<uint32_t>(mend)};
  const size_t centre = (mstart + mend) / 2;
  size_t from = centre > kMaxSentenceBytes / 2 ? centre - kMaxSentenceBytes / 2 : 0;
  if (from > mstart) from = mstart;
  if (from + kMaxSentenceBytes > out.size()) from = out.size() - kMaxSentenceBytes;
  size_t to = std::min(out.size(), from + kMaxSentenceBytes);
  // Prefer word boundaries when they are close, and never cut a UTF-8 sequence.
  if (from > 0) {
    const size_t sp = out.find(' ', from);
    if (sp != std::string::npos && sp < from + 16 && sp + 1 <= mstart) from = sp + 1;
  }
  if (to < out.size()) {
    const size_t sp = out.rfind(' ', to);
    if (sp != std::string::npos && sp > from && to - sp < 16 && sp >= mend) to = sp;
  }
  while (from < to && (static_cast<unsigned char>(out[from]) & 0xC0) == 0x80) ++from;
  while (to > from && to < out.size() && (static_cast<unsigned char>(out[to]) & 0xC0) == 0x80)
    --to;
  return {out.substr(from, to - from), static_cast<uint32_t>(std::min(mstart, to) - from),
          static_cast<uint32_t>(std::min(mend, to) - from)};
}

}  // namespace detail

MentionContext mention_context(std::string_view page, size_t ss, size_t se, size_t ms,
                               size_t me) {
  if (std::optional<std::string> whole = detail::whole_sentence(page, ss, se)) {
    const auto [start, end] = detail::span_in_whole(page, ss, ms, me);
    return {std::move(*whole), start, end};
  }
  return detail::cut_sentence(page, ss, se, ms, me);
}

}  // namespace concord
