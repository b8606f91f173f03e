// The eight system elements that seam describes, and their schemas.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "doc/schema.h"

namespace seam::doc {

enum class Descriptor : uint8_t {
  SystemContext,
  RawData,
  DataPipeline,
  TrainingData,
  TrainedModel,
  DevelopmentEnvironment,
  ProductionEnvironment,
  ProductionData,
};

// The one place that says how many descriptors there are: arrays indexed by descriptor use it.
inline constexpr int kDescriptorCount = 8;
inline constexpr std::array<Descriptor, kDescriptorCount> kAllDescriptors = {
    Descriptor::SystemContext,  Descriptor::RawData,     Descriptor::DataPipeline,
    Descriptor::TrainingData,   Descriptor::TrainedModel, Descriptor::DevelopmentEnvironment,
    Descriptor::ProductionEnvironment, Descriptor::ProductionData};

// The format version seam writes, and every version it reads (older ones are upgraded).
inline constexpr std::string_view kCurrentVersion = "1.2";
inline constexpr std::array<std::string_view, 3> kKnownVersions = {"1.0", "1.1", "1.2"};

std::string_view descriptor_id(Descriptor d);     // "trained_model": also the file name
std::string_view descriptor_title(Descriptor d);  // "Trained Model"
std::optional<Descriptor> descriptor_from_id(std::string_view id);
std::vector<std::string> descriptor_ids();

// The descriptor's schema, compiled on first use. Thread-safe. The embedded schemas are
// checked by the test suite, so a failure to compile them is a build defect and aborts.
const Schema& descriptor_schema(Descriptor d);
// Any schema in schemas/ by name ("trl_card" for schemas/trl_card.schema.json), compiled on
// first use. Thread-safe; an unknown name is a build defect and aborts.
const Schema& embedded_schema(std::string_view name);

// The schema document itself, for tools that render it (templates, docs).
const Node& descriptor_schema_document(Descriptor d);

}  // namespace seam::doc
