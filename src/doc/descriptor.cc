#include "doc/descriptor.h"

#include <cstdio>
#include <map>
#include <mutex>
#include <cstdlib>

#include "util/embedded.h"
#include "doc/parse.h"

namespace seam::doc {
namespace {

struct Info {
  std::string_view id, title;
};

constexpr Info kInfo[] = {
    {"system_context", "System Context"},
    {"raw_data", "Raw Data"},
    {"data_pipeline", "Data Pipeline"},
    {"training_data", "Training Data"},
    {"trained_model", "Trained Model"},
    {"development_environment", "Development Environment"},
    {"production_environment", "Production Environment"},
    {"production_data", "Production Data"},
};

struct Compiled {
  Node document;
  Schema schema;
};

[[noreturn]] void die(const std::string& what) {
  std::fprintf(stderr, "seam: internal error: embedded schema %s\n", what.c_str());
  std::abort();
}

const std::array<Compiled, kDescriptorCount>& compiled() {
  static const std::array<Compiled, kDescriptorCount> all = [] {
    std::array<Compiled, kDescriptorCount> out;
    for (Descriptor d : kAllDescriptors) {
      const EmbeddedFile* found = nullptr;
      for (const auto& e : embedded_schemas())
        if (descriptor_id(d) == e.name) found = &e;
      if (!found) die(std::string(descriptor_id(d)) + " is missing");
      auto src = make_source(std::string("schemas/") + found->name + ".schema.json", found->text);
      if (!src.ok()) die(src.error().message);
      auto node = parse_json(src.value());
      if (!node.ok()) die(node.error().message);
      auto schema = Schema::compile(node.value());
      if (!schema.ok()) die(schema.error().message);
      out[static_cast<size_t>(d)] = {std::move(node).value(), std::move(schema).value()};
    }
    return out;
  }();
  return all;
}

}  // namespace

std::string_view descriptor_id(Descriptor d) { return kInfo[static_cast<size_t>(d)].id; }
std::string_view descriptor_title(Descriptor d) { return kInfo[static_cast<size_t>(d)].title; }

std::optional<Descriptor> descriptor_from_id(std::string_view id) {
  for (Descriptor d : kAllDescriptors)
    if (descriptor_id(d) == id) return d;
  return std::nullopt;
}

std::vector<std::string> descriptor_ids() {
  std::vector<std::string> out;
  for (Descriptor d : kAllDescriptors) out.emplace_back(descriptor_id(d));
  return out;
}

const Schema& descriptor_schema(Descriptor d) { return compiled()[static_cast<size_t>(d)].schema; }

const Schema& embedded_schema(std::string_view name) {
  static std::mutex mutex;
  static std::map<std::string, Compiled, std::less<>> cache;
  std::lock_guard<std::mutex> lock(mutex);
  if (auto it = cache.find(name); it != cache.end()) return it->second.schema;
  for (const auto& e : embedded_schemas()) {
    if (name != e.name) continue;
    auto src = make_source(std::string("schemas/") + e.name + ".schema.json", e.text);
    if (!src.ok()) die(src.error().message);
    auto node = parse_json(src.value());
    if (!node.ok()) die(node.error().message);
    auto schema = Schema::compile(node.value());
    if (!schema.ok()) die(std::string(name) + ": " + schema.error().message);
    return cache.emplace(std::string(name), Compiled{std::move(node).value(), std::move(schema).value()}).first->second.schema;
  }
  die(std::string(name) + " is missing");
}
const Node& descriptor_schema_document(Descriptor d) { return compiled()[static_cast<size_t>(d)].document; }

}  // namespace seam::doc
