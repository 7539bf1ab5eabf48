// The one table of term prefixes and value slots, shared by the indexer and the query side.
// The README reproduces it; change both together. Custom prefixes start with 'X' (Xapian
// convention); single letters follow Xapian's conventional meanings.
#pragma once

#include <string>

namespace concord::schema {

// Term prefixes.
inline constexpr const char* kUniqueId = "Q";      // Q + absolute path (hashed if too long)
inline constexpr const char* kStem = "Z";          // Z + stem, no positions (language stemmer)
inline constexpr const char* kTitle = "S";         // S + folded title word, positional
inline constexpr const char* kLanguage = "L";      // L + en/fr/es            (lang:)
inline constexpr const char* kFormat = "XT";       // XT + pdf/html/text      (type:)
inline constexpr const char* kFolder = "XP";       // XP + each folder above the file, NFC
                                                   // (+ the file, if NFC changes its path)
inline constexpr const char* kYear = "Y";          // Y + YYYY of the document date
inline constexpr const char* kMonth = "M";         // M + YYYYMM
inline constexpr const char* kDay = "D";           // D + YYYYMMDD
inline constexpr const char* kEntity = "XE";       // XE + entity or symbol id, at mention
                                                   // positions (org:, symbol:, entity:)
inline constexpr const char* kFamily = "XF";       // XF + symbol family, wdf = mentions
inline constexpr const char* kSurface = "XW";      // XW + id + '\t' + 'v'|'c' + surface as
                                                   // written (v: variant); wdf = mentions
inline constexpr const char* kUnrecognized = "XU";  // XU + id + '\t' + word: the document has the
                                                   // word of one of the entity's acronyms
                                                   // (terms.h acronym_word()) and no XE term
                                                   // of the entity; boolean
inline constexpr const char* kAllDocs = "XDOC";    // on every content document
inline constexpr const char* kDocSymbol = "XI";    // XI + the document's own symbol (its
                                                   // identity: recognize.h document_symbol())
// A file too large to build as one document (a huge text) is stored as its head document
// (the Q term, kAllDocs, the file's values, its first pages) and continuation documents, each
// of the next pages, with their text terms, mentions and the head's boolean terms (format,
// language, folders, date) but neither Q nor kAllDocs (store/stored_doc.h: DocPart).
inline constexpr const char* kPart = "XC";         // on every continuation document
inline constexpr const char* kPartOf = "XQ";       // XQ + the file's Q term without its Q
// On each file's document (not on continuations): what recognized it, as the indexer names it
// (the pipeline and gazetteer: IndexWriter::set_recognition()).
inline constexpr const char* kRecognizedBy = "XR";

// Value slots.
inline constexpr unsigned kSlotDate = 0;       // "YYYYMMDD" (partial dates padded 01), sortable
inline constexpr unsigned kSlotMtime = 1;      // mtime in ns, decimal (exact, for change checks)
inline constexpr unsigned kSlotSize = 2;       // size in bytes, decimal
inline constexpr unsigned kSlotHash = 3;       // content hash, 16 hex digits
inline constexpr unsigned kSlotFormat = 4;     // "pdf" / "html" / "text"
inline constexpr unsigned kSlotLanguage = 5;   // "en" / "fr" / "es"
inline constexpr unsigned kSlotPages = 7;      // page count, decimal
inline constexpr unsigned kSlotFacts = 8;      // DocFacts record (mentions, definitions)
inline constexpr unsigned kSlotEntities = 6;   // '\n'-joined entity ids mentioned (for xref)
inline constexpr unsigned kSlotPath = 9;       // absolute path, as in the facts record (for
                                               // ordering by path without decoding facts;
                                               // absent in databases of pipeline 9 or older)
inline constexpr unsigned kSlotOcrPages = 10;  // pages read by OCR, decimal (absent when none)
inline constexpr unsigned kSlotPart = 11;      // "TOKEN NUMBER FIRSTPAGE PARTS" on a file stored
                                               // in parts: its head (NUMBER 0, PARTS the
                                               // continuations) and each continuation (PARTS 0);
                                               // a continuation belongs to the head with its token

// Metadata keys.
inline constexpr const char* kMetaFailurePrefix = "fail:";  // fail:<path> -> JSON record
inline constexpr const char* kMetaSchemaVersion = "concord:schema";
inline constexpr const char* kSchemaVersion = "1";
// Bumped whenever extraction or recognition changes what is stored for the same file; a
// database built by another version has every file processed again on the next run.
inline constexpr const char* kMetaPipelineVersion = "concord:pipeline";
inline constexpr const char* kPipelineVersion = "23";  // 23: XU terms (kUnrecognized)
// What a database records as its pipeline (kMetaPipelineVersion), and what XR terms and the
// gazetteer's source digest are made from: "PIPELINE/SCHEMA".
inline std::string pipeline_tag() { return std::string(kPipelineVersion) + "/" + kSchemaVersion; }
inline constexpr const char* kMetaGazetteer = "concord:gazetteer";        // fingerprint
inline constexpr const char* kMetaGazetteerExtra = "concord:gazetteer-extra";  // user TSV text
inline constexpr const char* kMetaGazetteerFiles = "concord:gazetteer-files";  // their paths
// Digest of what the recorded fingerprint was computed from (the program's version, the
// pipeline, the shipped and the extra gazetteer text): when it matches, a run takes the
// fingerprint as recorded and builds the gazetteer only if a file needs recognizing.
inline constexpr const char* kMetaGazetteerSource = "concord:gazetteer-source";
// Set by a run that changed gazetteer or pipeline but could not read every file again: how
// many it left (kept as recognized before); cleared once none is left.
inline constexpr const char* kMetaRecognitionLeft = "concord:recognition-left";
// The gazetteer's acronym and long-form lookups (recognize/gazetteer_lookup.h), tagged with
// the same digest: a search reads them instead of building the gazetteer when the digest is
// its own. Written by a run that built the gazetteer; "" after --gazetteer (no digest).
inline constexpr const char* kMetaGazetteerLookup = "concord:gazetteer-lookup";  // version 1
// The same lookups as one entry each (Gazetteer::lookup_entries(), version 2): a search reads
// the two or three entries it needs, not the whole text (about 180 KB). Written instead of
// kMetaGazetteerLookup, which is then "", by a run that built the gazetteer; readers take
// either. Keys: "v" ("3\tTAG"), then "TAG:e:N", "TAG:a:ACRONYM", "TAG:f:FOLDED-NAME".
inline constexpr const char* kMetaLookupPrefix = "concord:lookup:";
// The folders given to concord-index over the database's life (a file: its folder), absolute,
// one per line; check's finding ids hash document paths relative to the outermost one.
inline constexpr const char* kMetaRoots = "concord:roots";
// Pages of every document, summed when the run commits: "PAGES DOCUMENTS LASTDOCID LENGTH",
// the last three the database's document count, last document id and total length then (a
// later commit that changes them, e.g. of a run killed midway, makes it stale). Read for
// remote shards, whose page counts would otherwise come document by document.
inline constexpr const char* kMetaPages = "concord:pages";
// Distinct terms, recorded alike ("TERMS DOCUMENTS LASTDOCID LENGTH"): a remote shard's term list is not
// streamed to count them.
inline constexpr const char* kMetaTerms = "concord:terms";
// Pages read by OCR, recorded alike ("PAGES DOCUMENTS LASTDOCID LENGTH").
inline constexpr const char* kMetaOcrPages = "concord:ocr-pages";
// The zstd dictionary of the stored records (store/record_compression.h): this prefix + its id
// in decimal -> the dictionary. Usually one; a database merged from several (xapian-compact)
// keeps each, as its records name theirs.
inline constexpr const char* kMetaDictionaryPrefix = "concord:dictionary:";
// Documents added, replaced or removed since the database was last compacted (decimal):
// concord-index compacts it when they reach a fifth of its documents (index/indexer.h).
inline constexpr const char* kMetaWrittenSinceCompaction = "concord:written-since-compaction";
// The last indexing run (store/run_record.h).
inline constexpr const char* kMetaLastRun = "concord:last-run";

// Gap between the last position of a page and the first of the next, so phrases and NEAR
// never match across a page break.
inline constexpr unsigned kPageGap = 100;

}  // namespace concord::schema
