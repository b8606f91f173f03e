// Commented YAML templates for new descriptors, rendered from the descriptor schemas so
// that a template always lists exactly the fields the schema defines.
#pragma once

#include <string>

#include "doc/descriptor.h"

namespace seam::doc {

// A YAML document for `d` with every field present but not provided ("" or null, and
// empty lists with a commented example item), each preceded by its description.
std::string descriptor_template(Descriptor d);

// A TRL Card for `component` at level 0 (schemas/trl_card.schema.json), laid out the same
// way. `component` is written as given; it must be a valid card id (see trl::valid_component_id).
std::string trl_card_template(std::string_view component);

}  // namespace seam::doc
