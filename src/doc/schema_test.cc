#include "doc/schema.h"

#include <gtest/gtest.h>

#include "doc/parse.h"

namespace seam::doc {
namespace {

Node json(const std::string& text) {
  auto src = make_source("t.json", text);
  EXPECT_TRUE(src.ok());
  auto r = parse_json(src.value());
  EXPECT_TRUE(r.ok()) << r.error().message;
  return r.ok() ? r.value() : Node{};
}

std::vector<Violation> check(const std::string& schema, const std::string& doc, ValidateOptions opts = {}) {
  auto s = Schema::compile(json(schema));
  EXPECT_TRUE(s.ok()) << s.error().message;
  std::vector<Violation> out;
  if (s.ok()) s.value().validate(json(doc), out, opts);
  return out;
}

const char* kItemSchema = R"({"type": "object", "required": ["version"], "properties": {
  "version": {"type": "string"},
  "output_spec": {"type": "array", "minItems": 1, "items": {"type": "object", "properties": {
    "item_type": {"type": "string", "enum": ["Integer", "Float", "String", "Image", "Other"]},
    "max": {"type": "number", "minimum": 0, "maximum": 100},
    "n": {"type": "integer"}}}}}})";

TEST(Schema, EnumMessageSaysWhatWasExpectedAndFound) {
  auto v = check(kItemSchema, R"({"version": "1.2", "output_spec": [{"item_type": "Str"}]})");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].pointer, "/output_spec/0/item_type");
  EXPECT_EQ(v[0].message,
            "expected one of Integer, Float, String, Image, Other; found 'Str' (did you mean 'String'?)");
}

TEST(Schema, TypeMessageNamesBothTypes) {
  auto v = check(kItemSchema, R"({"version": "1.2", "output_spec": {"item_type": "Float"}})");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].pointer, "/output_spec");
  EXPECT_EQ(v[0].message, "expected an array; found an object");
  v = check(kItemSchema, R"({"version": "1.2", "output_spec": [{"n": 1.5}]})");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].message, "expected an integer; found number 1.5");
}

TEST(Schema, RangesAndCounts) {
  auto v = check(kItemSchema, R"({"version": "1.2", "output_spec": [{"max": 120}, {"max": -1}]})");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].message, "expected a number <= 100; found integer 120");
  EXPECT_EQ(v[1].pointer, "/output_spec/1/max");
  // An empty list is "not provided" in seam's reading, and checked in plain JSON Schema.
  EXPECT_TRUE(check(kItemSchema, R"({"version": "1.2", "output_spec": []})").empty());
  v = check(kItemSchema, R"({"version": "1.2", "output_spec": []})", {false});
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].message, "expected at least 1 item(s); found 0");
}

TEST(Schema, MissingRequiredFieldPointsAtTheField) {
  auto v = check(kItemSchema, R"({"output_spec": [{}]})");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].pointer, "/version");
  EXPECT_EQ(v[0].message, "missing required field 'version'");
}

TEST(Schema, NullAndEmptyStringMeanNotProvided) {
  // seam's reading: nothing to type-check, but a required field left empty is missing.
  auto v = check(kItemSchema, R"({"version": "", "output_spec": [{"item_type": "", "max": null}]})");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].message, "missing required field 'version'");
  // Plain JSON Schema semantics check them like any other value.
  v = check(kItemSchema, R"({"version": "1.2", "output_spec": [{"item_type": "", "max": null}]})", {false});
  EXPECT_EQ(v.size(), 2u);
}

TEST(Schema, ExtraFieldsAreAllowedUnlessForbidden) {
  EXPECT_TRUE(check(kItemSchema, R"({"version": "1.2", "x-team": {"owner": "ops"}})").empty());
  auto v = check(R"({"additionalProperties": false, "properties": {"a": {}}})", R"({"a": 1, "b": 2})");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].pointer, "/b");
}

std::vector<Violation> unknown(const std::string& schema, const std::string& doc) {
  auto s = Schema::compile(json(schema));
  EXPECT_TRUE(s.ok()) << s.error().message;
  std::vector<Violation> out;
  if (s.ok()) s.value().unknown_fields(json(doc), out);
  return out;
}

TEST(SchemaUnknownFields, NamesTheClosestKnownFieldAtThatLevel) {
  auto v = unknown(kItemSchema, R"({"version": "1.2",
    "output_spec": [{"item_type": "Float"}, {"item_typ": "Float", "mx": 3}]})");
  ASSERT_EQ(v.size(), 2u);
  EXPECT_EQ(v[0].pointer, "/output_spec/1/item_typ");
  EXPECT_EQ(v[0].message, "unknown field 'item_typ' (did you mean 'item_type'?)");
  EXPECT_EQ(v[1].pointer, "/output_spec/1/mx");
  EXPECT_EQ(v[1].message, "unknown field 'mx' (did you mean 'max'?)");
  // At the key, not the value: the key is what is misspelt.
  EXPECT_EQ(v[0].offset, std::string(R"({"version": "1.2",
    "output_spec": [{"item_type": "Float"}, {)").size());
}

TEST(SchemaUnknownFields, FarFromEveryFieldSaysHowToExtend) {
  auto v = unknown(kItemSchema, R"({"version": "1.2", "owner": null})");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].message, "unknown field 'owner': seam does not read it (name your own fields x-...)");
}

TEST(SchemaUnknownFields, ExtensionsAndOpenObjectsAreQuiet) {
  EXPECT_TRUE(unknown(kItemSchema, R"({"version": "1.2", "x-team": {"anything": 1}})").empty());
  // No property list, or additionalProperties, or a combinator: the schema does not close it.
  EXPECT_TRUE(unknown(R"({"properties": {"a": {"type": "object"}}})", R"({"a": {"b": 1}})").empty());
  EXPECT_TRUE(unknown(R"({"properties": {"a": {}}, "additionalProperties": {"type": "integer"}})", R"({"b": 1})").empty());
  EXPECT_TRUE(unknown(R"({"properties": {"a": {}}, "anyOf": [{"properties": {"b": {}}}]})", R"({"b": 1})").empty());
}

TEST(SchemaUnknownFields, DeprecatedFieldsAreKnownButNeverSuggested) {
  const char* s = R"({"properties": {"expected_value": {"type": "number"},
                                     "expected_values": {"type": "string", "deprecated": true}}})";
  EXPECT_TRUE(unknown(s, R"({"expected_values": "any"})").empty());
  auto v = unknown(s, R"({"expected_valuez": 1})");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].message, "unknown field 'expected_valuez' (did you mean 'expected_value'?)");
  // Still validated like any other field.
  EXPECT_EQ(check(s, R"({"expected_values": 3})").size(), 1u);
  EXPECT_FALSE(Schema::compile(json(R"({"deprecated": "yes"})")).ok());
}

TEST(Schema, DateFormatIsChecked) {
  const char* s = R"({"properties": {"d": {"type": "string", "format": "date"}}})";
  EXPECT_TRUE(check(s, R"({"d": "2024-02-29"})").empty());
  auto v = check(s, R"({"d": "2023-02-29"})");
  ASSERT_EQ(v.size(), 1u);
  EXPECT_EQ(v[0].message, "expected a date written YYYY-MM-DD; found '2023-02-29'");
  EXPECT_EQ(check(s, R"({"d": "Jan 2024"})").size(), 1u);
}

TEST(Schema, UnsupportedKeywordIsRefusedAtCompileTime) {
  auto s = Schema::compile(json(R"({"properties": {"a": {"pattern": "^x"}}})"));
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.error().pointer, "/properties/a/pattern");
  EXPECT_NE(s.error().message.find("'pattern' is not supported"), std::string::npos);
}

TEST(Schema, ExtensionKeywordsAreAnnotationsOnly) {
  const char* s = R"({"properties": {"a": {"type": "string", "x-seam-options-from": {"descriptor": "raw_data"}}}})";
  EXPECT_TRUE(check(s, R"({"a": "x"})").empty());
  EXPECT_EQ(check(s, R"({"a": 1})").size(), 1u);
}

}  // namespace
}  // namespace seam::doc
