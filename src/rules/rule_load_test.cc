#include <gtest/gtest.h>

#include <fstream>
#include <string>
#include <vector>

#include "rules/rule.h"

namespace seam::rules {
namespace {

std::string load_error(const std::string& yaml) {
  Catalogue c;
  auto st = c.add_text("mine.yaml", yaml);
  if (st.ok()) return "loaded";
  const Error& e = st.error();
  return std::to_string(e.line) + ":" + std::to_string(e.column) + ": " + e.message;
}

const char* kHeader =
    "rules:\n"
    "  - id: r1\n"
    "    severity: warning\n"
    "    category: Trained Model\n"
    "    subcategory: API/Specifications\n"
    "    message: m\n"
    "    rationale: r\n";

TEST(RuleLoad, BuiltinCatalogueCoversEverySubcategory) {
  const Catalogue& c = Catalogue::builtin();
  for (const auto& s : Taxonomy::builtin().all()) {
    const bool covered = std::any_of(c.rules().begin(), c.rules().end(), [&](const auto& r) {
      return r->info.category == s.category && r->info.subcategory == s.name;
    });
    EXPECT_TRUE(covered) << s.category << " / " << s.name;
  }
  EXPECT_EQ(Taxonomy::builtin().all().size(), 34u);
}

// The built-in files are embedded as JSON converted at build time (scripts/rules_to_json.cc);
// each rule must still be located at its line in the YAML that people edit.
TEST(RuleLoad, BuiltinRulesAreLocatedAtTheirLinesInTheYaml) {
  size_t checked = 0;
  for (const auto& r : Catalogue::builtin().rules()) {
    std::ifstream in(std::string(SEAM_SOURCE_DIR) + "/" + r->file);
    ASSERT_TRUE(in) << r->file;
    std::vector<std::string> lines;
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    ASSERT_GE(r->line, 1u);
    ASSERT_LE(r->line, lines.size()) << r->file;
    EXPECT_NE(lines[r->line - 1].find("id: " + r->info.id), std::string::npos) << r->file << ":" << r->line;
    ++checked;
  }
  EXPECT_GT(checked, 60u);
}

TEST(RuleLoad, ExpressionErrorsPointIntoTheFile) {
  EXPECT_EQ(load_error(std::string(kHeader) + "    when: trained_model.ensembel == true\n    item: x\n"),
            "8:25: no field 'ensembel' here (did you mean 'ensemble'?)");
  EXPECT_EQ(load_error(std::string(kHeader) + "    when: >-\n      has(trained_model.model_name)\n      && trained_model.model_nme == 'x'\n    item: x\n"),
            "10:24: no field 'model_nme' here (did you mean 'model_name'?)");
  EXPECT_EQ(load_error(std::string(kHeader) + "    when: 'true'\n    item: \"bad {trained_model.nope}\"\n"),
            "9:31: no field 'nope' here; known fields: version, model_name, model_version, model_description, training_date, ensemble, model_components, model_composition_details, ml_frameworks, data_pipeline_identifier, training_data_identifier, output_spec, post_processing, post_processing_process, final_output_spec, error_handling, evaluation_dataset, evaluation_metrics, test_dataset, integration_test_dataset, test_metrics, model_output_interpretation, default_model_output, algorithm_metrics, business_metrics, user_system_feedback, log_data, data_buffering_reqs, decisions_assumptions, computing_resource_reqs, inference_time, system_dependencies, model_training_code, trained_model_code, documentation");
}

TEST(RuleLoad, StructureErrorsNameTheKey) {
  EXPECT_EQ(load_error(std::string(kHeader) + "    wehn: 'true'\n    item: x\n"), "8:5: unknown rule key 'wehn'");
  EXPECT_EQ(load_error(std::string(kHeader) + "    item: x\n"), "2:5: a mismatch rule needs a 'when' condition");
  EXPECT_EQ(load_error(std::string(kHeader) + "    when: trained_model.model_name\n    item: x\n"),
            "8:11: 'when' must be a condition (bool); this is a string");
  EXPECT_EQ(load_error("rules:\n  - id: r\n    severity: fatal\n"), "3:15: expected one of error, warning, info; found 'fatal'");
  EXPECT_EQ(load_error("rules:\n  - {id: r, severity: info, category: Trained Model, subcategory: Speed, message: m, rationale: r}\n").substr(0, 60),
            "2:67: 'Speed' is not a subcategory of Trained Model; expecte");
}

TEST(RuleLoad, MisspeltNamesGetASuggestion) {
  EXPECT_EQ(load_error("rules:\n  - id: r\n    severity: warn\n"),
            "3:15: expected one of error, warning, info; found 'warn' (did you mean 'warning'?)");
  EXPECT_EQ(load_error("rules:\n  - {id: r, kind: mising, severity: info}\n"),
            "2:19: expected one of mismatch, missing; found 'mising' (did you mean 'missing'?)");
  EXPECT_EQ(load_error("rules:\n  - {id: r, severity: info, category: Trained Modle, subcategory: Versioning, message: m, rationale: r}\n").substr(0, 80),
            "2:39: unknown taxonomy category 'Trained Modle' (did you mean 'Trained Model'?);");
  EXPECT_EQ(load_error("rules:\n  - {id: r, severity: info, category: Trained Model, subcategory: Versoning, message: m, rationale: r}\n").substr(0, 94),
            "2:67: 'Versoning' is not a subcategory of Trained Model (did you mean 'Versioning'?); expected");
  EXPECT_EQ(load_error("rules:\n  - {id: r, kind: missing, severity: info, category: Trained Model, subcategory: Versioning,\n"
                       "     message: m, rationale: r, fields: [trained_modl.model_name]}\n").substr(0, 84),
            "3:41: 'trained_modl' is not a descriptor (did you mean 'trained_model'?); expected o");
  EXPECT_EQ(load_error("rules:\n  - {id: r, kind: missing, severity: info, category: Trained Model, subcategory: Versioning,\n"
                       "     message: m, rationale: r, fields: [trained_model.model_nme]}\n"),
            "3:41: no field 'model_nme' in trained_model (did you mean 'model_name'?)");
}

TEST(RuleLoad, ParametersCanBeOverridden) {
  Catalogue c;
  ASSERT_TRUE(c.add_text("mine.yaml", std::string(kHeader) + "    params:\n      - limit: 2\n    when: size(trained_model.output_spec) > limit\n    item: x\n").ok());
  auto p = c.params({"r1.limit=5"});
  ASSERT_TRUE(p.ok());
  const Rule& r = *c.rules()[0];
  EXPECT_EQ(p.value().find(r, r.params[0].slot)->as_double(), 5);
  EXPECT_EQ(r.params[0].expr->literal.as_double(), 2);  // the rule itself is unchanged
  EXPECT_EQ(c.params({"r1.limt=5"}).error().message, "rule 'r1' has no parameter 'limt' (did you mean 'limit'?)");
  EXPECT_EQ(c.params({"r2.limit=5"}).error().message, "no rule 'r2' to set a parameter of (did you mean 'r1'?)");
  EXPECT_EQ(c.params({"r1.limit=many"}).error().message, "r1.limit expects a number; found 'many'");
  EXPECT_FALSE(c.params({"nosuch.limit=1"}).ok());
}

TEST(RuleLoad, ReadsAreTheMostSpecificPaths) {
  Catalogue c;
  ASSERT_TRUE(c.add_text("mine.yaml", std::string(kHeader) +
                                          "    for_each:\n      - o: trained_model.output_spec\n"
                                          "    when: o.item_type == 'Float'\n    item: \"{o.item_name}\"\n").ok());
  EXPECT_EQ(c.rules()[0]->reads, (std::vector<std::string>{"trained_model.output_spec[].item_name", "trained_model.output_spec[].item_type"}));
  EXPECT_EQ(c.rules()[0]->requires_docs, std::vector<int>{4});
}

}  // namespace
}  // namespace seam::rules
