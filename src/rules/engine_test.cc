#include "rules/engine.h"

#include <gtest/gtest.h>

#include "doc/load.h"
#include "rules/waivers.h"

namespace seam::rules {
namespace {

// A project in memory: descriptor id -> JSON text.
struct Fixture {
  std::vector<doc::LoadedDocument> docs;
  Subject subject;

  Fixture(const Fixture&) = delete;  // roots point into docs
  explicit Fixture(std::initializer_list<std::pair<std::string, std::string>> files, const std::string& ext = ".json") {
    for (const auto& [id, text] : files) docs.push_back(doc::load_document_text(id + ext, text, *doc::descriptor_from_id(id)));
    for (const auto& d : docs) {
      const int i = static_cast<int>(d.descriptor);
      subject.roots[i] = &*d.root;
      subject.sources[i] = d.source.get();
      subject.files[i] = d.path;
    }
  }
};

Catalogue one_rule(const std::string& body) {
  Catalogue c;
  auto st = c.add_text("mine.yaml", "rules:\n  - id: r\n    category: Trained Model\n    subcategory: API/Specifications\n"
                                    "    message: m\n    rationale: r\n" + body);
  EXPECT_TRUE(st.ok()) << st.error().message;
  return c;
}

TEST(Analyse, ItemsCarryValuesAndExactLocations) {
  Fixture f({{"trained_model", R"({"version": "1.2",
  "output_spec": [{"item_name": "a", "item_type": "Float"},
                  {"item_name": "b/c", "item_type": "String"}]})"}});
  auto c = one_rule("    severity: error\n    for_each:\n      - o: trained_model.output_spec\n"
                    "    let:\n      - name: o.item_name\n    when: o.item_type == 'String'\n"
                    "    item: \"{o.item_name} is text\"\n    locate: [o.item_type]\n");
  auto findings = analyse(c, f.subject);
  ASSERT_EQ(findings.size(), 1u);
  ASSERT_EQ(findings[0].items.size(), 1u);
  const Item& item = findings[0].items[0];
  EXPECT_EQ(item.text, "b/c is text");
  ASSERT_EQ(item.values.size(), 1u);
  EXPECT_EQ(item.values[0].json, "\"b/c\"");
  ASSERT_EQ(item.locations.size(), 1u);
  EXPECT_EQ(item.locations[0].pointer, "/output_spec/1/item_type");
  EXPECT_EQ(item.locations[0].line, 3u);
  EXPECT_EQ(item.locations[0].column, 53u);
  EXPECT_EQ(item.locations[0].file, "trained_model.json");
}

// A YAML alias copies its anchor's nodes with their offsets, so offsets lead to the anchor,
// not to the copy: the copy's pointer comes from the walk that backs up the descent.
TEST(Analyse, LocationsInsideYamlAliasesNameTheCopy) {
  Fixture f({{"trained_model", "version: '1.2'\noutput_spec:\n  - &out {item_name: a, item_type: String}\n  - *out\n"}}, ".yaml");
  auto c = one_rule("    severity: error\n    for_each:\n      - o: trained_model.output_spec\n"
                    "    when: o.item_type == 'String'\n    item: \"{o.item_name}\"\n    locate: [o.item_type]\n");
  auto findings = analyse(c, f.subject);
  ASSERT_EQ(findings.size(), 1u);
  ASSERT_EQ(findings[0].items.size(), 2u);
  EXPECT_EQ(findings[0].items[0].locations.at(0).pointer, "/output_spec/0/item_type");
  EXPECT_EQ(findings[0].items[1].locations.at(0).pointer, "/output_spec/1/item_type");
}

// A rule that would loop for ever or fill memory stops at its budget and is named.
TEST(Analyse, RunawayRulesStopAtTheirBudget) {
  Fixture f({{"trained_model", R"({"version": "1.2", "model_name": "m"})"}});
  std::string hundred = "[0";
  for (int i = 1; i < 100; ++i) hundred.append(",").append(std::to_string(i));
  hundred += "]";
  std::string loops = "    for_each:\n";
  for (char v = 'a'; v <= 'f'; ++v) loops.append("      - ").append(1, v).append(": \"").append(hundred).append("\"\n");
  std::string doubling = "    let:\n      - s0: trained_model.model_name\n      - l0: '[trained_model]'\n";
  for (int i = 1; i <= 64; ++i) {
    const std::string n = std::to_string(i), p = std::to_string(i - 1);
    doubling.append("      - s").append(n).append(": s").append(p).append(" + s").append(p);
    doubling.append("\n      - l").append(n).append(": '[l").append(p).append(", l").append(p).append("]'\n");
  }
  for (const std::string& body : {loops + "    when: a + b + c + d + e + f < 0\n", doubling + "    when: l64 == l64\n"}) {
    auto c = one_rule("    severity: error\n" + body + "    item: x\n");
    std::vector<Error> errors;
    auto findings = analyse(c, f.subject, {}, &errors);
    EXPECT_TRUE(findings.empty());
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].message, "rule 'r' stopped after 50000000 evaluation steps: its loops or computed lists grow too large on this project");
    EXPECT_EQ(errors[0].file, "mine.yaml");
    EXPECT_EQ(errors[0].line, 2u);
  }
}

// Each missing field is checked against the fields reported before it; that lookup must
// not grow with the number of reports (16k unnamed outputs took 4.5 s when it did).
TEST(Analyse, ManyMissingFieldsAreReportedInLinearTime) {
  std::string outputs = "[{\"item_name\": \"o\"}";  // named, so not blank: each lacks the rest
  for (int i = 1; i < 20000; ++i) outputs += ",{\"item_name\": \"o\"}";
  Fixture f({{"trained_model", R"({"version": "1.2", "output_spec": )" + outputs + "]}"}});
  size_t about_outputs = 0;
  for (const auto& finding : analyse(Catalogue::builtin(), f.subject))
    for (const auto& item : finding.items)
      about_outputs += item.locations.size() == 1 && (item.locations[0].pointer + "/").rfind("/output_spec/19999/", 0) == 0;
  EXPECT_GE(about_outputs, 1u);
}

// What an untouched form stores is not information: a list whose one row is all blanks (or
// zeros and false), an object of blanks, [""]. The list is reported once, at its key, not
// each field of its blank row; a row with something in it is checked field by field, and a
// real 0 is a value.
TEST(Analyse, EffectivelyBlankFieldsAreNotProvided) {
  Fixture f({{"trained_model", R"({"version": "1.2",
  "output_spec": [{"item_name": " ", "item_type": "", "item_specification": {"empty": false, "units": ""}}],
  "ml_frameworks": [""], "computing_resource_reqs": {"gpu": 0, "cpu": 0, "memory": ""},
  "model_components": [{"component_name": "m", "programming_languages": ["Python"]}]})"}});
  auto c = one_rule("    kind: missing\n    severity: info\n    fields: [\"trained_model.output_spec[].item_type\", trained_model.ml_frameworks,"
                    " trained_model.computing_resource_reqs, \"trained_model.model_components[].programming_languages\"]\n");
  auto findings = analyse(c, f.subject);
  ASSERT_EQ(findings.size(), 1u);
  std::vector<std::string> pointers;
  for (const auto& i : findings[0].items) pointers.push_back(i.locations[0].pointer);
  EXPECT_EQ(pointers, (std::vector<std::string>{"/output_spec", "/ml_frameworks", "/computing_resource_reqs"}));

  Fixture real({{"trained_model", R"({"version": "1.2", "computing_resource_reqs": {"gpu": 0, "cpu": 4}, "ml_frameworks": ["", "torch"]})"}});
  auto some = one_rule("    kind: missing\n    severity: info\n    fields: [trained_model.computing_resource_reqs, trained_model.ml_frameworks]\n");
  EXPECT_TRUE(analyse(some, real.subject).empty());
}

TEST(Analyse, RulesNeedTheDescriptorsTheyRead) {
  Fixture f({{"trained_model", R"({"version": "1.2", "computing_resource_reqs": {"gpu": 2}})"}});
  auto c = one_rule("    severity: error\n    when: trained_model.computing_resource_reqs.gpu > production_environment.computing_resources.gpu\n"
                    "    item: x\n");
  EXPECT_TRUE(analyse(c, f.subject).empty());  // no production environment: missing information, not a mismatch
}

TEST(Analyse, MissingChecksNameEachAbsentFieldOnce) {
  Fixture f({{"trained_model", R"({"version": "1.2",
  "output_spec": [{"item_name": "score", "item_type": "  "}, {"item_name": "label", "item_type": "String"}]})"}});
  auto c = one_rule("    kind: missing\n    severity: info\n    fields: [\"trained_model.output_spec[].item_type\", trained_model.model_name,"
                    " production_data.data_rates, production_data.data_sources]\n");
  auto findings = analyse(c, f.subject);
  ASSERT_EQ(findings.size(), 1u);
  std::vector<std::string> texts;
  for (const auto& i : findings[0].items) texts.push_back(i.text);
  EXPECT_EQ(texts, (std::vector<std::string>{"output_spec[0].item_type is not provided (for 'score')", "model_name is not provided",
                                             "the production_data descriptor is not provided"}));
  EXPECT_EQ(findings[0].items[0].locations[0].pointer, "/output_spec/0/item_type");
  EXPECT_EQ(findings[0].items[1].locations[0].pointer, "/model_name");
}

// Two rules about the production GPU count: `main` subsumes `sub`.
constexpr const char* kGpuRules = R"(rules:
  - id: main
    severity: error
    category: Operational Environment
    subcategory: Computing Resources
    message: m
    rationale: r
    when: trained_model.computing_resource_reqs.gpu > production_environment.computing_resources.gpu
    item: the model needs a GPU
    locate: [trained_model.computing_resource_reqs.gpu, production_environment.computing_resources.gpu]
    subsumes: [sub]
  - id: sub
    severity: error
    category: Operational Environment
    subcategory: Computing Resources
    message: m
    rationale: r
    for_each:
      - d: trained_model.system_dependencies
    when: production_environment.computing_resources.gpu == 0
    item: "{d} needs a GPU"
    locate: [d, "production_environment.computing_resources[d == 'CUDA' ? 'gpu' : 'cpu']"]
)";

TEST(Subsumes, ItemsAboutTheSameFieldFoldIntoTheMainItem) {
  Fixture f({{"trained_model", R"({"version": "1.2", "computing_resource_reqs": {"gpu": 1}, "system_dependencies": ["CUDA", "libgomp1"]})"},
             {"production_environment", R"({"version": "1.2", "computing_resources": {"gpu": 0, "cpu": 4}})"}});
  Catalogue c;
  ASSERT_TRUE(c.add_text("mine.yaml", kGpuRules).ok());
  auto findings = analyse(c, f.subject);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_EQ(findings[0].rule, "main");
  ASSERT_EQ(findings[0].items.size(), 1u);
  const auto& related = findings[0].items[0].related;
  ASSERT_EQ(related.size(), 1u);  // CUDA shares the production GPU count with the main item
  EXPECT_EQ(related[0].rule, "sub");
  EXPECT_EQ(related[0].severity, Severity::Error);
  EXPECT_EQ(related[0].text, "CUDA needs a GPU");
  EXPECT_EQ(related[0].locations[0].pointer, "/system_dependencies/0");
  EXPECT_EQ(findings[1].rule, "sub");  // libgomp1 points at the CPU count: another matter
  ASSERT_EQ(findings[1].items.size(), 1u);
  EXPECT_EQ(findings[1].items[0].text, "libgomp1 needs a GPU");
}

TEST(Subsumes, NothingFoldsWhenTheMainRuleIsQuiet) {
  Fixture f({{"trained_model", R"({"version": "1.2", "computing_resource_reqs": {"gpu": 0}, "system_dependencies": ["CUDA"]})"},
             {"production_environment", R"({"version": "1.2", "computing_resources": {"gpu": 0}})"}});
  Catalogue c;
  ASSERT_TRUE(c.add_text("mine.yaml", kGpuRules).ok());
  auto findings = analyse(c, f.subject);
  ASSERT_EQ(findings.size(), 1u);
  EXPECT_EQ(findings[0].rule, "sub");
  EXPECT_TRUE(findings[0].items[0].related.empty());
}

std::string load_error(const std::string& subsumes, const std::string& main_severity = "error") {
  Catalogue c = Catalogue::builtin();
  auto st = c.add_text("mine.yaml", "rules:\n  - id: mine\n    severity: " + main_severity +
                                        "\n    category: Trained Model\n    subcategory: API/Specifications\n"
                                        "    message: m\n    rationale: r\n    when: true\n    item: x\n"
                                        "    subsumes: [" + subsumes + "]\n");
  if (st.ok()) return "ok";
  EXPECT_EQ(c.find("mine"), nullptr);  // a failed file adds nothing
  return std::to_string(st.error().line) + ":" + std::to_string(st.error().column) + " " + st.error().pointer + ": " +
         st.error().message;
}

TEST(Subsumes, IdsAreCheckedWhenTheCatalogueLoads) {
  EXPECT_EQ(load_error("missing-model-interface"), "ok");  // a built-in rule of lower severity
  EXPECT_EQ(load_error("missing-model-interfase"),
            "10:16 /rules/0/subsumes/0: no rule 'missing-model-interfase' to subsume (did you mean 'missing-model-interface'?)");
  EXPECT_EQ(load_error("mine"), "10:16 /rules/0/subsumes/0: a rule cannot subsume itself");
  EXPECT_EQ(load_error("missing-model-interface", "info"),
            "10:16 /rules/0/subsumes/0: 'missing-model-interface' is warning, more severe than this info rule; "
            "only a rule of the same or lower severity can be subsumed");
}

TEST(Subsumes, CyclesAreRejected) {
  Catalogue c = Catalogue::builtin();
  auto st = c.add_text("mine.yaml", "rules:\n  - id: a\n    severity: info\n    category: Trained Model\n    subcategory: API/Specifications\n"
                                    "    message: m\n    rationale: r\n    when: true\n    item: x\n    subsumes: [b]\n"
                                    "  - id: b\n    severity: info\n    category: Trained Model\n    subcategory: API/Specifications\n"
                                    "    message: m\n    rationale: r\n    when: true\n    item: x\n    subsumes: [a]\n");
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.error().message, "'b' already subsumes 'a', directly or through other rules");
  EXPECT_EQ(c.rules().size(), Catalogue::builtin().rules().size());
}

TEST(Waivers, WaiveSplitExpireAndReportUnused) {
  std::vector<Finding> findings(1);
  findings[0].rule = "r";
  findings[0].items = {{"output 'a' is wrong", {}, {}}, {"output 'b' is wrong", {}, {}}};
  WaiverFile file{"waivers.yaml", {{"r", "'b'", "known", "Dana", "", 3}, {"r", "'a'", "old", "Lee", "2020-01-01", 8},
                                   {"gone", "", "obsolete", "Kim", "", 12}}};
  std::vector<WaiverProblem> problems;
  apply_waivers(file, "2026-11-23", findings, problems);
  ASSERT_EQ(findings.size(), 2u);
  EXPECT_FALSE(findings[0].waived);
  ASSERT_EQ(findings[0].items.size(), 1u);
  EXPECT_EQ(findings[0].items[0].text, "output 'a' is wrong");
  EXPECT_TRUE(findings[1].waived);
  EXPECT_EQ(findings[1].waiver_reason, "known (accepted by Dana)");
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].problem, "expired");
  EXPECT_EQ(problems[0].line, 8u);
  EXPECT_EQ(problems[1].problem, "unused");
  EXPECT_EQ(problems[1].rule, "gone");
}

TEST(Waivers, AWaiverForAMisspeltRuleSuggestsTheRule) {
  std::vector<Finding> findings;
  WaiverFile file{"waivers.yaml", {{"model-language-unsuported", "", "known", "Dana", "", 3}, {"gone", "", "old", "Kim", "", 7}}};
  std::vector<WaiverProblem> problems;
  apply_waivers(file, "2026-11-23", findings, problems, Catalogue::builtin().ids());
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].problem, "unused");
  EXPECT_EQ(problems[0].detail,
            "matches no finding: there is no rule 'model-language-unsuported' (did you mean 'model-language-unsupported'?)");
  EXPECT_EQ(problems[1].detail, "matches no finding: there is no rule 'gone'");
}

TEST(Waivers, AWaiverForASubsumedRuleNamesTheRuleToWaive) {
  std::vector<Finding> findings(1);
  findings[0].rule = "model-compute-exceeds-production";
  findings[0].items = {{"the model needs 1 GPU", {}, {}}};
  findings[0].items[0].related = {{"gpu-dependency-without-gpu", Severity::Error, "the model depends on 'CUDA'", {}}};
  WaiverFile file{"waivers.yaml", {{"gpu-dependency-without-gpu", "cuda", "known", "Dana", "", 3}}};
  std::vector<WaiverProblem> problems;
  apply_waivers(file, "2026-11-23", findings, problems);
  ASSERT_EQ(problems.size(), 1u);
  EXPECT_EQ(problems[0].detail, "matches only items shown as related under model-compute-exceeds-production; "
                                "waive model-compute-exceeds-production instead");
  EXPECT_FALSE(findings[0].waived);
}

}  // namespace
}  // namespace seam::rules
