#pragma once
#include "core/files/compose/YamlTree.h"

// Steps of loading a compose project shared by its source files; not for use outside core/files/compose.
namespace drydock::compose::detail {

// Turns the list forms of environment, labels, sysctls, annotations and networks into their map forms, so
// merges go by name.
void normalizeService(YamlNode& service);
// Merges a later -f file's document into the earlier ones' (services by name, sections as maps).
YamlNode mergeDocuments(const YamlNode& base, const YamlNode& over);

} // namespace drydock::compose::detail
