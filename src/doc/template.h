// Commented YAML templates for new descriptors, rendered from the descriptor schemas so
// that a template always lists exactly the fields the schema defines.
#pragma once

#include <string>

#include "doc/descriptor.h"

namespace seam::doc {

// A YAML document for `d` with every field present but not provided ("" or null, and
// empty lists with a commented example item), each preceded by its description.
std::string descriptor_template(Descriptor d);

}  // namespace seam::doc
