#include "doc/load.h"

#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <map>
#include <fstream>

namespace seam::doc {
namespace {

namespace fs = std::filesystem;
const std::string kExamples = std::string(SEAM_SHARED_DIR) + "/examples/tec/";

std::string errors_of(const LoadedDocument& d) {
  std::string out;
  for (const auto& e : d.warnings) out += "warning: " + e.file + ":" + std::to_string(e.line) + ": " + e.pointer + ": " + e.message + "\n";
  for (const auto& e : d.errors) out += e.file + ":" + std::to_string(e.line) + ": " + e.pointer + ": " + e.message + "\n";
  return out;
}

fs::path fresh_dir(const std::string& name) {
  const fs::path dir = fs::temp_directory_path() / ("seam_load_test_" + name);
  fs::remove_all(dir);
  fs::create_directories(dir);
  return dir;
}

void write(const fs::path& p, const std::string& text) { std::ofstream(p, std::ios::binary) << text; }

// The TEC examples live in ../shared, which a clone on its own does not have.
#define SKIP_WITHOUT_SHARED_EXAMPLES() \
  if (!fs::is_directory(kExamples)) GTEST_SKIP() << "shared examples not present: " << kExamples

TEST(LoadProject, EveryBundledTecExampleLoadsAndValidates) {
  SKIP_WITHOUT_SHARED_EXAMPLES();
  for (const char* name : {"fraud-clean", "fraud-mismatch", "legacy-1.1", "tm-only"}) {
    auto project = load_project(kExamples + name);
    ASSERT_TRUE(project.ok()) << name;
    EXPECT_FALSE(project.value().documents.empty()) << name;
    // Valid, and without unknown-field noise: keys of older formats are known too.
    for (const auto& d : project.value().documents) EXPECT_TRUE(d.valid() && d.warnings.empty()) << errors_of(d);
    EXPECT_TRUE(project.value().errors.empty());
  }
}

TEST(LoadProject, LegacyDocumentsAreUpgradedInMemory) {
  SKIP_WITHOUT_SHARED_EXAMPLES();
  auto project = load_project(kExamples + "legacy-1.1");
  ASSERT_TRUE(project.ok());
  const LoadedDocument* tm = project.value().find(Descriptor::TrainedModel);
  ASSERT_NE(tm, nullptr);
  EXPECT_EQ(tm->version, "1.1");
  EXPECT_EQ(tm->root->find("version")->text, "1.2");
  // The 1.1 error_handling list has no place at the top level of 1.2 but is kept.
  EXPECT_NE(tm->root->find("error_handling"), nullptr);
}

TEST(LoadProject, TwoFilesForOneDescriptorIsAnError) {
  const fs::path dir = fresh_dir("dup");
  write(dir / "trained_model.json", R"({"version": "1.2"})");
  write(dir / "trained_model.yaml", "version: '1.2'\n");
  write(dir / "raw_data.yml", "version: '1.2'\n");
  write(dir / "notes.txt", "not a descriptor");
  auto project = load_project(dir.string());
  ASSERT_TRUE(project.ok());
  ASSERT_EQ(project.value().errors.size(), 1u);
  EXPECT_EQ(project.value().errors[0].message,
            "two files describe the Trained Model (trained_model.json, trained_model.yaml); keep one of them");
  ASSERT_EQ(project.value().documents.size(), 1u);  // raw_data only
  EXPECT_EQ(project.value().documents[0].descriptor, Descriptor::RawData);
  ASSERT_EQ(project.value().ignored.size(), 1u);
  EXPECT_FALSE(project.value().valid());
}

// A descriptor's name on something that cannot be read is an error with its real reason,
// never a file quietly "ignored".
TEST(LoadProject, UnusableDescriptorFilesAreErrorsWithTheirReason) {
  const fs::path dir = fresh_dir("unusable");
  write(dir / "system_context.yaml", "version: '1.2'\n");
  fs::create_symlink(dir / "gone.yaml", dir / "trained_model.yaml");
  fs::create_symlink(dir / "raw_data.yaml", dir / "raw_data.yaml");
  fs::create_directory(dir / "training_data.yaml");
  ASSERT_EQ(::mkfifo((dir / "production_data.yaml").c_str(), 0600), 0);
  auto project = load_project(dir.string());
  ASSERT_TRUE(project.ok());
  EXPECT_TRUE(project.value().ignored.empty());
  std::map<std::string, std::string> why;
  for (const auto& d : project.value().documents)
    if (d.unreadable()) why[fs::path(d.path).filename().string()] = d.errors.front().message;
  EXPECT_EQ(why["trained_model.yaml"], "is a symbolic link to a file that does not exist");
  EXPECT_EQ(why["raw_data.yaml"], "is a symbolic link that loops back on itself");
  EXPECT_EQ(why["training_data.yaml"], "is a directory, not a descriptor file");
  EXPECT_EQ(why["production_data.yaml"], "is a named pipe (FIFO), not a regular descriptor file");
  EXPECT_FALSE(project.value().valid());
}

TEST(LoadProject, MissingDirectoryIsAnIoError) {
  auto project = load_project("/nonexistent/seam-project");
  ASSERT_FALSE(project.ok());
  EXPECT_EQ(project.error().kind, ErrorKind::Io);
}

TEST(LoadProject, DirectoryWithoutDescriptorsIsAUsageErrorSayingWhatIsExpected) {
  const fs::path dir = fresh_dir("empty");
  auto project = load_project(dir.string());
  ASSERT_FALSE(project.ok());
  EXPECT_EQ(project.error().kind, ErrorKind::Usage);
  EXPECT_EQ(project.error().message,
            "no descriptors found in " + dir.string() +
                "; expected files named system_context.yaml, raw_data.yaml, data_pipeline.yaml, training_data.yaml, "
                "trained_model.yaml, development_environment.yaml, production_environment.yaml, "
                "production_data.yaml (or .yml, .json)");
  write(dir / "notes.txt", "x");
  write(dir / "trained-model.json", "{}");
  project = load_project(dir.string());
  ASSERT_FALSE(project.ok());
  EXPECT_TRUE(project.error().message.ends_with("; found trained-model.json (did you mean trained_model.json?)"))
      << project.error().message;
  project = load_project(dir.string(), disk(), {.allow_no_descriptors = true});
  ASSERT_TRUE(project.ok());
  EXPECT_TRUE(project.value().documents.empty());
}

TEST(LoadDocument, MisspeltFieldIsAWarningNamingTheField) {
  const std::string text = "version: '1.2'\nmodel_name: m\ncomputing_resource_req: {gpu: 1}\n";
  auto d = load_document_text("trained_model.yaml", text, Descriptor::TrainedModel);
  EXPECT_TRUE(d.valid()) << errors_of(d);
  ASSERT_EQ(d.warnings.size(), 1u) << errors_of(d);
  const Error& w = d.warnings[0];
  EXPECT_EQ(w.message, "unknown field 'computing_resource_req' (did you mean 'computing_resource_reqs'?)");
  EXPECT_EQ(w.pointer, "/computing_resource_req");
  EXPECT_EQ(w.file, "trained_model.yaml");
  EXPECT_EQ(std::pair(w.line, w.column), std::pair(3u, 1u));
  EXPECT_EQ(w.snippet, "computing_resource_req: {gpu: 1}");
  // Nested levels are checked against their own fields.
  d = load_document_text("trained_model.yaml", "version: '1.2'\ncomputing_resource_reqs: {gpus: 1}\n",
                         Descriptor::TrainedModel);
  ASSERT_EQ(d.warnings.size(), 1u) << errors_of(d);
  EXPECT_EQ(d.warnings[0].pointer, "/computing_resource_reqs/gpus");
  EXPECT_EQ(d.warnings[0].message, "unknown field 'gpus' (did you mean 'gpu'?)");
}

TEST(LoadDocument, StrictMakesUnknownFieldsErrors) {
  auto d = load_document_text("trained_model.yaml", "version: '1.2'\ncomputing_resource_req: {gpu: 1}\n",
                              Descriptor::TrainedModel, {.strict = true});
  EXPECT_FALSE(d.valid());
  EXPECT_TRUE(d.warnings.empty());
  ASSERT_EQ(d.errors.size(), 1u);
  EXPECT_EQ(d.errors[0].pointer, "/computing_resource_req");
  EXPECT_EQ(d.errors[0].kind, ErrorKind::Invalid);
}

TEST(LoadDocument, KeysOfOlderFormatsAndExtensionsAreNotUnknown) {
  const std::string v10 =
      "version: '1.0'\n"
      "business_goals: [{id: g1, goal: fewer outages}]\n"
      "success_criteria: [recall above 0.8]\n"
      "x-owner: ops\n";
  auto d = load_document_text("system_context.yaml", v10, Descriptor::SystemContext);
  EXPECT_TRUE(d.valid() && d.warnings.empty()) << errors_of(d);
  const std::string v11 = "version: '1.1'\noutput_spec: [{item_name: s, item_type: float, expected_values: 0 to 1}]\n";
  d = load_document_text("trained_model.yaml", v11, Descriptor::TrainedModel);
  EXPECT_TRUE(d.valid() && d.warnings.empty()) << errors_of(d);
}

TEST(LoadDocument, UnknownVersionGivesNoUnknownFieldNoise) {
  auto d = load_document_text("trained_model.yaml", "version: '3.0'\nneural_stuff: 1\n", Descriptor::TrainedModel);
  EXPECT_EQ(d.errors.size(), 1u) << errors_of(d);
  EXPECT_TRUE(d.warnings.empty());
}

TEST(LoadDocument, NothingButVersionIsRequired) {
  EXPECT_TRUE(load_document_text("trained_model.yaml", "version: '1.2'\n", Descriptor::TrainedModel).valid());
  auto d = load_document_text("trained_model.yaml", "model_name: x\n", Descriptor::TrainedModel);
  ASSERT_EQ(d.errors.size(), 1u);
  EXPECT_EQ(d.errors[0].message, "missing required field 'version'");
}

TEST(LoadDocument, UnknownVersionIsReportedOnce) {
  auto d = load_document_text("trained_model.yaml", "version: '2.0'\n", Descriptor::TrainedModel);
  ASSERT_EQ(d.errors.size(), 1u) << errors_of(d);
  EXPECT_EQ(d.errors[0].message, "unknown format version '2.0'; seam reads 1.0, 1.1 and 1.2");
  EXPECT_EQ(d.errors[0].pointer, "/version");
  EXPECT_EQ(d.errors[0].line, 1u);
  EXPECT_EQ(d.errors[0].column, 10u);
}

TEST(LoadDocument, NumericVersionGetsAHint) {
  auto d = load_document_text("trained_model.yaml", "version: 1.2\n", Descriptor::TrainedModel);
  ASSERT_EQ(d.errors.size(), 1u) << errors_of(d);
  EXPECT_EQ(d.errors[0].message, "expected the version as a string, e.g. \"1.2\"; found number 1.2");
}

TEST(LoadDocument, WrongTypeAndEnumAreLocated) {
  const std::string text =
      "version: '1.2'\n"
      "ensemble: yes please\n"
      "output_spec:\n"
      "  - item_name: score\n"
      "    item_type: Str\n";
  auto d = load_document_text("trained_model.yaml", text, Descriptor::TrainedModel);
  ASSERT_EQ(d.errors.size(), 2u) << errors_of(d);
  EXPECT_EQ(d.errors[0].pointer, "/ensemble");
  EXPECT_EQ(d.errors[0].message, "expected a boolean (true or false); found string 'yes please'");
  EXPECT_EQ(d.errors[0].line, 2u);
  EXPECT_EQ(d.errors[1].pointer, "/output_spec/0/item_type");
  EXPECT_EQ(d.errors[1].line, 5u);
  EXPECT_EQ(d.errors[1].column, 16u);
  EXPECT_EQ(d.errors[1].snippet, "    item_type: Str");
}

TEST(LoadDocument, TopLevelListIsRefused) {
  auto d = load_document_text("raw_data.yaml", "- a\n- b\n", Descriptor::RawData);
  ASSERT_EQ(d.errors.size(), 1u);
  EXPECT_EQ(d.errors[0].message, "expected the descriptor to be an object of fields; found an array of 2 items");
}

TEST(DescriptorForFile, UsesTheFileName) {
  EXPECT_EQ(descriptor_for_file("a/b/trained_model.yml"), Descriptor::TrainedModel);
  EXPECT_EQ(descriptor_for_file("production_data.json"), Descriptor::ProductionData);
  EXPECT_EQ(descriptor_for_file("trained_model.txt"), std::nullopt);
  EXPECT_EQ(descriptor_for_file("model.yaml"), std::nullopt);
}

}  // namespace
}  // namespace seam::doc
