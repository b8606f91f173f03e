// A profile rendered as a Training Data or Production Data descriptor (schema, statistics,
// label distribution), so that measured facts replace hand-typed ones in the project.
//
// Thread safety: pure functions of their input.
#pragma once

#include <string>

#include "doc/descriptor.h"
#include "stats/profile.h"

namespace seam::report {

// YAML for descriptor `d` (TrainingData or ProductionData), a valid descriptor on its own.
std::string profile_as_descriptor(const stats::Profile& p, doc::Descriptor d);

// A short table of the profile for a terminal: one line per column.
std::string profile_summary(const stats::Profile& p);

}  // namespace seam::report
