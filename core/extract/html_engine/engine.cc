// libxml2 behind the table of extract/html_engine/engine.h (libconcord-html.so).
#include "extract/html_engine/engine.h"

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>

#include <climits>
#include <new>

struct HtmlEngineDocument {
  xmlDoc* tree = nullptr;
};

namespace {

void ignore_error(void*, const char*, ...) {}
void ignore_structured_error(void*, xmlErrorPtr) {}

// libxml2 keeps its error handlers per thread; make sure this thread's never print.
void silence_this_thread() {
  thread_local bool silenced = false;
  if (silenced) return;
  xmlSetGenericErrorFunc(nullptr, ignore_error);
  xmlSetStructuredErrorFunc(nullptr, ignore_structured_error);
  silenced = true;
}

const xmlNode* as_xml(const HtmlEngineNode* node) { return reinterpret_cast<const xmlNode*>(node); }
const HtmlEngineNode* as_engine(const xmlNode* node) {
  return reinterpret_cast<const HtmlEngineNode*>(node);
}

void init() {
  xmlInitParser();
  silence_this_thread();
}

int parse(const char* utf8, size_t size, HtmlEngineDocument** out) {
  *out = nullptr;
  if (size > static_cast<size_t>(INT_MAX)) return kHtmlEngineTooLarge;
  silence_this_thread();
  constexpr int kOptions = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                           HTML_PARSE_NONET | HTML_PARSE_COMPACT;
  xmlDoc* tree = htmlReadMemory(utf8, static_cast<int>(size), nullptr, "UTF-8", kOptions);
  if (tree == nullptr) return kHtmlEngineUnreadable;
  *out = new (std::nothrow) HtmlEngineDocument{tree};
  if (*out == nullptr) {
    xmlFreeDoc(tree);
    return kHtmlEngineNoMemory;
  }
  return kHtmlEngineOk;
}

void free_document(HtmlEngineDocument* document) {
  if (document == nullptr) return;
  xmlFreeDoc(document->tree);
  delete document;
}

const HtmlEngineNode* first(const HtmlEngineDocument* document) {
  return as_engine(document->tree->children);
}
const HtmlEngineNode* first_child(const HtmlEngineNode* node) {
  return as_engine(as_xml(node)->children);
}
const HtmlEngineNode* next(const HtmlEngineNode* node) { return as_engine(as_xml(node)->next); }
const HtmlEngineNode* parent(const HtmlEngineNode* node) {
  const xmlNode* up = as_xml(node)->parent;
  return up != nullptr && up->type == XML_ELEMENT_NODE ? as_engine(up) : nullptr;
}

int kind(const HtmlEngineNode* node) {
  switch (as_xml(node)->type) {
    case XML_ELEMENT_NODE:
      return kHtmlNodeElement;
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
      return kHtmlNodeText;
    default:
      return kHtmlNodeOther;
  }
}

const char* name(const HtmlEngineNode* node) {
  const xmlNode* n = as_xml(node);
  return n->type == XML_ELEMENT_NODE && n->name != nullptr
             ? reinterpret_cast<const char*>(n->name)
             : "";
}

const char* text(const HtmlEngineNode* node) {
  const xmlNode* n = as_xml(node);
  return kind(node) == kHtmlNodeText ? reinterpret_cast<const char*>(n->content) : nullptr;
}

char* attribute(const HtmlEngineNode* node, const char* key) {
  const xmlNode* n = as_xml(node);
  if (n->type != XML_ELEMENT_NODE) return nullptr;
  return reinterpret_cast<char*>(xmlGetProp(n, reinterpret_cast<const xmlChar*>(key)));
}

char* content(const HtmlEngineNode* node) {
  return reinterpret_cast<char*>(xmlNodeGetContent(as_xml(node)));
}

void free_string(char* text) {
  if (text != nullptr) xmlFree(text);
}

const ConcordHtmlEngine kEngine = {
    kHtmlEngineAbi, init, parse, free_document, first, first_child, next, parent,
    kind,           name, text,  attribute,     content, free_string,
};

}  // namespace

extern "C" __attribute__((visibility("default"))) const ConcordHtmlEngine* concord_html_engine() {
  return &kEngine;
}
