#ifndef EVENTGRAPH_CLIBXML2_SHIM_H
#define EVENTGRAPH_CLIBXML2_SHIM_H
// The libxml2 headers EventGraph uses: the HTML parser (corpus reader) and the text writer (GraphML
// and GEXF exporters). Nothing else in the project includes C.
#include <libxml/xmlversion.h>
// Debian builds libxml2 with ICU, whose headers clash with the ICU copy inside Swift's Foundation.
// Nothing here touches libxml2's ICU converters (the only declarations that need them), so the
// headers are read as if ICU were off; the library itself is unchanged.
#undef LIBXML_ICU_ENABLED
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlmemory.h>
#include <libxml/xmlwriter.h>

/// libxml2 sets up its global tables (character encodings, the parser's dictionaries) on first use,
/// which is not safe when two threads get there at once (two exports written in parallel crashed in
/// `xmlTextWriterStartDocument`); `xmlInitParser` does it up front. Swift calls this through a
/// `static let`, so it runs once, before any other libxml2 call, whichever thread comes first.
static inline int eventgraph_xmlInitialize(void) { xmlInitParser(); return 1; }

/// `xmlFree` is a global function pointer, which Swift 6 cannot read safely from concurrent code;
/// this wrapper is a plain function.
static inline void eventgraph_xmlFree(void *pointer) { xmlFree(pointer); }
#endif
