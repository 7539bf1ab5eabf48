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
// -> "Franco-German"). Drops the blank that justified lines put before a hyphen inside a word
// ("UN -Women", "capacity -building" -> "UN-Women", "capacity-building"; a letter or digit
// before the blank, a letter after the hyphen).
std::string repair_pdf_text(std::string_view text);

// Reads a cover page's two-column header a column at a time. Input: a page as poppler's
// physical layout writes it (columns aligned with runs of spaces, before they are collapsed);
// the PDF extractor gives it the first page only. UN document cover pages set the organ's
// name in a left column beside the distribution, date and language in a right one, so the
// lines read across interleave them ("Executive Board of the  Distr.: General / United Nations
// Entity  23 April 2025 / ...") and the name is never written whole.
// A header block starts at a line, among the page's first 12 lines of text, made of
// a left part and a right part set apart by at least 8 blanks, the left part holding an ASCII
// word that is not a roman numeral ("1.", "(a)", "IV.", "•" are not columns). It goes on over
// lines whose right part starts at the same column (within two columns), lines holding only
// such a right part, and lines holding only a left part that starts where the left column does
// and ends at least three columns before the right one; an empty line is allowed, not two in a
// row; a line with three parts or more (a table row) or any other line ends it. When the line
// that ends it follows a left-only line directly (a paragraph going on), the block ends with
// its last right part instead. It needs at least two lines with a right part. Each block
// becomes its left column's lines, an empty line, then its right column's lines (the empty
// lines inside it are dropped, so the line numbers after it can move by a few); a second
// block may follow within the header (a joint document's two organs side by side). The rest
// of the page, and a page without such a block, are returned as they are. '\r' counts as a
// blank.
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
