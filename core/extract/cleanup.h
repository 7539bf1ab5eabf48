// Text repair shared by the extractors: what PDF extraction and legacy files break.
//
// Contract: pure functions on UTF-8, thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace concord {

// Repairs PDF-extracted text: joins words hyphenated across line ends ("develop-\nment" ->
// "development\n" keeping the line break after the joined word so line counts stay true),
// expands ligatures (U+FB00..U+FB06), removes soft hyphens (U+00AD) and zero-width chars.
// A hyphen before a line starting with an upper-case letter or digit is kept ("Franco-\nGerman"
// -> "Franco-German").
std::string repair_pdf_text(std::string_view text);

// Puts the two columns of a page's two-column blocks one after the other. Input: a page as
// poppler's physical layout writes it (columns aligned with runs of spaces, before they are
// collapsed). UN document cover pages set the organ's name in a left column beside the
// distribution, date and language in a right one, so the lines read across interleave them
// ("Executive Board of the  Distr.: General / United Nations Entity  23 April 2025 / ...") and
// the name is never written whole. A block is a run of lines (empty lines inside it allowed,
// not two in a row) in which a right column starts at the same place (within two columns):
// lines holding a left part and a right part set apart by at least 8 spaces, lines holding
// only a right part starting there, and lines holding only a left part that starts where the
// left column does and ends before the right one; it needs a line with both parts and at
// least two lines with a right part. Each block becomes its left column's lines, an empty
// line, then its right column's lines (the empty lines inside it are dropped, so line numbers
// after a block can move by a few). A line with three or more parts (a table row) is never in
// a block; a left part without a word of two letters ("1.", "(a)") is not a column. Other
// lines are returned as they are.
std::string separate_layout_columns(std::string_view text);

// Joins a word hyphenated across a page break: when the last text line of a page (looking
// past up to two short footer lines such as "Page 1 of 3") ends in "lower-" and the next
// page's first line starts with a lower-case letter, the fragment moves up to the end of the
// first page ("recommen-" + "dations to..." -> "recommendations" + "to..."), so the word is
// indexed whole on the page where it starts.
void join_hyphens_across_pages(std::vector<std::string>* pages);

// Joins words broken by OCR's line-end hyphen '¬' (U+00AC) or by a soft hyphen (U+00AD):
// "reso¬lutions" and "reso¬\nlutions" -> "resolutions" (a line break moves after the joined
// word, so line counts stay true). A '¬' not between a letter and a lower-case letter stays.
std::string repair_ocr_hyphens(std::string_view text);

// Repairs OCR's usual confusions inside UN document symbols: in a token that starts like a
// symbol ("A/", "S/", "E/", "A/RES/"...), a '/'-separated part made of digits and the
// characters OCR mistakes for them (l, I, | for 1; O, o for 0) and holding at least one
// digit becomes digits: "A/31/l97" -> "A/31/197", "S/2O25/254" -> "S/2025/254". Parts with
// other letters ("RES", "PV.45", "L.12", "Add.1") are left as they are. For OCR'd text only.
std::string repair_ocr_symbols(std::string_view text);

// Normalizes line ends ("\r\n", "\r" -> "\n"), NFC-normalizes, drops NUL and other C0
// controls except '\t', '\n' and '\f', trims trailing spaces on each line, and repairs OCR
// hyphens (repair_ocr_hyphens()).
std::string normalize_text(std::string_view text);

}  // namespace concord
