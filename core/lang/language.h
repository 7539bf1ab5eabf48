// Languages: the stopword lists (built in from stopwords/*.txt) and language detection.
//
// Contract: supported languages are "en", "fr", "es". Stopwords are stored folded (lower
// case, no accents) so they compare against fold()ed tokens. Detection counts stopword hits
// among the first words of the text; ties and texts with too few hits give "en".
// Everything here is immutable after first use and thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace concord {

const std::vector<std::string>& supported_languages();

// True for "en", "fr", "es".
bool is_supported_language(std::string_view lang);

// Maps an HTML/BCP-47 tag ("fr-FR", "ES", "en_GB") to a supported code, or "" if none.
std::string normalize_language_tag(std::string_view tag);

// Snowball stemmer name for a supported code: "english", "french", "spanish".
const char* stemmer_name(std::string_view lang);

// True when the folded token is a stopword of `lang`.
bool is_stopword(std::string_view lang, std::string_view folded_word);

// Reads the stopword lists now (they are otherwise read on first use, see
// util/data_files.h); throws util::DataFileError when an installed list cannot be read.
// Programs call it on their main thread before starting threads that use the lists.
void load_stopwords();

// The folded stopword list of `lang`.
const std::vector<std::string>& stopwords(std::string_view lang);

// Detects the language of `text` (looks at no more than the first ~2000 words).
std::string detect_language(std::string_view text);

}  // namespace concord
