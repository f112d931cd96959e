#pragma once
#include <string>

namespace drydock {

// Qt's rich-text importer (the PDF renderer) matches every style rule against every element, which is slow
// for documents of tens of thousands of elements, and it pads cells by CSS pixels of a 144 dpi page. The
// print variants of the HTML reports therefore carry no <style>: this says with HTML attributes what the
// browser stylesheet says — bordered tables with shaded headers, grey meta lines, red unreachable notes,
// coloured section headings. An inline style costs Qt one parse per element, a stylesheet rule a match
// against every element of the document: both are kept to the few elements that need them.
// Daemon text is escaped before this runs ('<' and '"' are entities), so none of it can match a pattern.
std::string withPrintAttributes(std::string html);

} // namespace drydock
