// libxml2's side of HTML reading, built as a module of its own (libconcord-html.so, from
// core/extract/html_engine/) that the library loads the first time an HTML file is read
// (extract/html_extractor.cc). So concord-index starts without libxml2 and the compression
// library it brings (liblzma), no query program loads them, and a run that reads no HTML loads
// them only through another module that needs them too (Poppler brings liblzma; Tesseract,
// for OCR, brings libxml2): a re-run with nothing changed loads neither.
//
// What crosses the boundary: the module parses (libxml2's forgiving HTML parser: bad markup is
// repaired, never refused) and lets the caller walk the tree node by node; everything Concord
// decides (which elements break lines, what is skipped, the title, the dates) stays in the
// library. Plain types only and no exception cross: every call returns a status or a value.
//
// Contract: the module exports one function, concord_html_engine(), giving this table. init()
// runs once, on one thread, before any other call; after it every call is thread-safe for
// distinct documents (a document and its nodes are used by one thread at a time). Nodes live
// as long as their document. libxml2 never prints: its messages are silenced on every thread
// that parses.
#pragma once

#include <cstddef>

inline constexpr int kHtmlEngineAbi = 1;  // bumped when the table changes

enum HtmlEngineStatus : int {
  kHtmlEngineOk = 0,
  // libxml2 built no tree: nothing it could read as HTML (or, libxml2 does not say which, no
  // memory left to build it)
  kHtmlEngineUnreadable = 1,
  kHtmlEngineTooLarge = 2,    // more bytes than libxml2 takes (its sizes are ints)
  kHtmlEngineNoMemory = 3,
};

enum HtmlEngineNodeKind : int {
  kHtmlNodeOther = 0,    // comment, processing instruction, document type...
  kHtmlNodeElement = 1,  // an element: name() and attribute() apply
  kHtmlNodeText = 2,     // text or CDATA: text() applies
};

struct HtmlEngineDocument;  // opaque
struct HtmlEngineNode;      // opaque

struct ConcordHtmlEngine {
  int abi;  // kHtmlEngineAbi
  // Sets libxml2 up (it must be, once, before threads use it).
  void (*init)();
  // Parses `size` bytes of UTF-8 at `utf8` (no other encoding is guessed: charset
  // declarations are the caller's business) into a tree, released with free_document().
  int (*parse)(const char* utf8, size_t size, HtmlEngineDocument** out);
  void (*free_document)(HtmlEngineDocument* document);
  // The first top-level node (null for an empty tree).
  const HtmlEngineNode* (*first)(const HtmlEngineDocument* document);
  // Navigation: null when there is none. parent() is null above a top-level element too.
  const HtmlEngineNode* (*first_child)(const HtmlEngineNode* node);
  const HtmlEngineNode* (*next)(const HtmlEngineNode* node);
  const HtmlEngineNode* (*parent)(const HtmlEngineNode* node);
  int (*kind)(const HtmlEngineNode* node);  // HtmlEngineNodeKind
  // An element's name in lower case ("" for other nodes); owned by the document.
  const char* (*name)(const HtmlEngineNode* node);
  // A text node's text (null for other nodes); owned by the document.
  const char* (*text)(const HtmlEngineNode* node);
  // The element's attribute `key` (null when it has none), or the text of the node and all
  // below it; both returned to the caller, who releases them with free_string().
  char* (*attribute)(const HtmlEngineNode* node, const char* key);
  char* (*content)(const HtmlEngineNode* node);
  void (*free_string)(char* text);
};

extern "C" const ConcordHtmlEngine* concord_html_engine();
