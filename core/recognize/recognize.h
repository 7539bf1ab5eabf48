// Recognition stage: one page of text in, entity and symbol mentions (and the acronym
// definitions the text makes) out.
//
// Contract: recognize() is a pure function of (page text, page number, gazetteer); it never
// prints or throws on any input (malformed UTF-8 included), allocates per mention rather
// than per word, and is safe to call from many threads sharing one const Gazetteer.
// Offsets are byte offsets into `page_text`; lines are 1-based within the page.
//
// Rules:
//   * Acronyms (and acronym-like variants) match case-sensitively as whole words: "AIM" is
//     not "aims", "ILO" is not inside "ITCILO", "ICA" is not inside "practical". Acronyms
//     flagged caps-word (WHO, AIM, BIT) are skipped when a neighbouring word is an all-caps
//     word that is not itself known (headings such as "OUR AIM").
//   * Long forms match case- and accent-insensitively, across line breaks, runs of spaces,
//     hyphens and apostrophes. The longest form starting at a word wins; matches never
//     overlap. Words inside a document symbol are not matched again. An organization's name
//     in lower case after an indefinite article ("an international criminal court") is a
//     description, not a mention.
//   * Short names: a body named in full (an organization's or network's long form) is also
//     found, for the rest of the page and document, under short names made of its own
//     capitalized words: up to its head noun ("Extraordinary Chambers"), the head noun with
//     the "of/on X" after it when more of the name follows ("Commission of Inquiry [on the
//     Syrian Arab Republic]"), the name without a leading acronym ("Programme Coordinating
//     Board"); each holding a word that is neither a head noun nor generic ("United Nations
//     Office", "Working Group" are not short names), not a known name itself, and matched
//     only where no capitalized word touches it.
//   * Symbols (see symbols.h) become mentions whose entity_id is the canonical symbol.
//   * Committees named after the Security Council resolution that established them
//     ("Security Council Committee established pursuant to resolution 2206 (2015)", "Comité
//     créé par la résolution", "Comité establecido en virtud de la resolución"): the leading
//     words are a mention of the committee (gazetteer pursuant-to flag), the citation a
//     mention of its own.
//   * Definitions "Long Form (ACR)" and "ACR (Long Form)": when the long form is a known
//     long form, or close to one (same content words after folding and dropping "the", "of",
//     "de"..., or all but one of at least four), ACR names that entity even if it is not a
//     listed acronym or is misspelled (mention flagged variant). An unknown ACR whose long
//     form is not known but whose letters fit it (Schwartz-Hearst) becomes a discovered entity
//     "discovered:ACR". Either way ACR is learned for the rest of the page.
//   * Misspelled acronyms: an all-caps ASCII word within one edit (insertion, deletion,
//     substitution, swap of neighbours) of a known acronym of five letters or more, that is
//     not itself known, and not inside all-caps text, is a mention flagged variant. In
//     recognize_document() it is kept only when the document also names the entity correctly,
//     or never writes the word with a small letter ("UNITY" beside "unity", "NEPAL" beside
//     "Nepal" is an ordinary word); recognize() on one page keeps it.
//   * Each mention carries its sentence (valid UTF-8, whitespace collapsed, at most
//     kMaxSentenceBytes bytes, a window centred on the mention when the sentence is longer)
//     and the dates written in that sentence (ISO, see dates.h).
#pragma once

#include <atomic>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "recognize/gazetteer.h"
#include "recognize/mention.h"
#include "recognize/symbols.h"

namespace concord {

inline constexpr size_t kMaxSentenceBytes = 200;

// An acronym definition written in the text, for the `check` command (one acronym defined
// two ways) and for learning.
struct Definition {
  std::string acronym;         // as written
  std::string long_form;       // as written, whitespace collapsed
  std::string entity_id;       // resolved entity: gazetteer id or "discovered:ACR"
  bool acronym_first = false;  // "ACR (Long Form)" rather than "Long Form (ACR)"
  int page = 0;
  int line = 0;        // line of the acronym
  uint32_t start = 0;  // byte span of the whole definition, brackets included
  uint32_t end = 0;
  uint32_t acronym_start = 0;  // byte span of the acronym
  uint32_t acronym_end = 0;
};

struct RecognizeResult {
  std::vector<Mention> mentions;        // in text order, non-overlapping
  std::vector<Definition> definitions;  // in text order
  std::string document_symbol;          // recognize_document(): see document_symbol()
};

RecognizeResult recognize(std::string_view page_text, int page_number, const Gazetteer& gazetteer,
                          const SymbolContext& context = {});

// The document's own symbol: the written UN symbol found in the first or last lines of at
// least half of its pages (page headers and footers: "A/RES/78/133", "S/2025/257"), or "".
std::string document_symbol(const std::vector<std::string>& pages);

// A whole document: each page recognized in order, acronyms defined on one page recognized on
// the pages after it. Page numbers are 1-based when `paged`, else 0. The document's own symbol
// (document_symbol()) tells whose "its resolution" the text cites (SymbolContext::author).
// `cancel`, when given and set, stops it between pages (the result then holds the pages
// before).
RecognizeResult recognize_document(const std::vector<std::string>& pages, bool paged,
                                   const Gazetteer& gazetteer,
                                   const std::atomic<bool>* cancel = nullptr);

}  // namespace concord
