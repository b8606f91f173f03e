#include "doc/template.h"

#include <gtest/gtest.h>

#include "doc/load.h"
#include "doc/parse.h"

namespace seam::doc {
namespace {

// Every property path the schema defines, as "a.b[].c"; deprecated ones in `old`.
void paths(const SchemaNode& s, const std::string& prefix, std::vector<std::string>& out,
           std::vector<std::string>* old = nullptr) {
  for (const auto& [name, sub] : s.properties) {
    if (sub->deprecated) {
      if (old) old->push_back(prefix + name);
      continue;
    }
    out.push_back(prefix + name);
    paths(*sub, prefix + name + ".", out, old);
    if (sub->items) paths(*sub->items, prefix + name + "[].", out, old);
  }
}

TEST(Template, EveryTemplateValidatesAsItsDescriptor) {
  for (Descriptor d : kAllDescriptors) {
    const std::string id(descriptor_id(d));
    auto doc = load_document_text(id + ".yaml", descriptor_template(d), d);
    EXPECT_TRUE(doc.valid()) << id << ": " << (doc.errors.empty() ? "" : doc.errors[0].message);
    EXPECT_TRUE(doc.warnings.empty()) << id << ": " << (doc.warnings.empty() ? "" : doc.warnings[0].message);
    EXPECT_EQ(doc.version, "1.2");
  }
}

TEST(Template, NamesEveryFieldOfTheSchema) {
  for (Descriptor d : kAllDescriptors) {
    const std::string text = descriptor_template(d);
    std::vector<std::string> all;
    paths(descriptor_schema(d).root(), "", all);
    ASSERT_FALSE(all.empty());
    for (const auto& p : all) {
      const std::string leaf = p.substr(p.find_last_of(".]") == std::string::npos ? 0 : p.find_last_of(".") + 1);
      EXPECT_NE(text.find(leaf + ":"), std::string::npos) << descriptor_id(d) << " lacks " << p;
    }
  }
}

// Keys of older TEC formats are accepted when read, but a new document should not get them.
TEST(Template, LeavesOutDeprecatedFields) {
  std::vector<std::string> all, old;
  paths(descriptor_schema(Descriptor::TrainedModel).root(), "", all, &old);
  ASSERT_EQ(old, (std::vector<std::string>{"output_spec[].expected_values", "final_output_spec[].expected_values"}));
  EXPECT_EQ(descriptor_template(Descriptor::TrainedModel).find("expected_values"), std::string::npos);
}

TEST(Template, ListsEnumValuesAndDescriptions) {
  const std::string text = descriptor_template(Descriptor::TrainedModel);
  EXPECT_NE(text.find("item_type: \"\"  # one of: Integer | Float | String | Image | Other"), std::string::npos);
  EXPECT_EQ(text.rfind("# Trained Model descriptor, format 1.2", 0), 0u);
  EXPECT_NE(text.find("version: \"1.2\""), std::string::npos);
}

TEST(TrlCardTemplate, ValidatesAndNamesEveryFieldOfTheCardSchema) {
  const std::string text = trl_card_template("gearbox-model");
  auto src = make_source("trl/gearbox-model.yaml", text);
  ASSERT_TRUE(src.ok());
  auto root = parse_yaml(src.value());
  ASSERT_TRUE(root.ok()) << root.error().message;
  std::vector<Violation> violations;
  embedded_schema("trl_card").validate(root.value(), violations);
  EXPECT_TRUE(violations.empty()) << violations[0].pointer << ": " << violations[0].message;
  std::vector<std::string> all;
  paths(embedded_schema("trl_card").root(), "", all);
  for (const auto& p : all) {
    const std::string leaf = p.substr(p.find_last_of(".]") == std::string::npos ? 0 : p.find_last_of(".") + 1);
    EXPECT_NE(text.find(leaf + ":"), std::string::npos) << "lacks " << p;
  }
  // The fields a new card must have set, set; the rest empty, for the owner to fill in.
  for (const char* line : {"\nversion: \"1.0\"\n", "\ncomponent: \"gearbox-model\"\n", "\nlevel: 0\n"})
    EXPECT_NE(text.find(line), std::string::npos) << line;
  EXPECT_NE(text.find("  technology_name: \"\"\n"), std::string::npos);
  EXPECT_NE(text.find("# Short, stable identifier of the component"), std::string::npos);  // commented
  EXPECT_NE(text.find("\nreviews: []\n"), std::string::npos);
}

}  // namespace
}  // namespace seam::doc
