#include "rules/expr.h"

#include <gtest/gtest.h>

#include "doc/parse.h"
#include "doc/source.h"

namespace seam::rules {
namespace {

// Compiles `text` with the descriptors in scope and evaluates it over a trained model.
class ExprTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto src = doc::make_source("trained_model.json", R"({
      "version": "1.2", "ml_frameworks": ["PyTorch", " scikit-learn "],
      "computing_resource_reqs": {"gpu": 1, "cpu": 4, "memory": 16},
      "inference_time": {"time": 250, "unit": "Milliseconds"},
      "output_spec": [{"item_name": "score", "item_type": "Float"},
                      {"item_name": "label", "item_type": "String"}]})");
    ASSERT_TRUE(src.ok());
    auto root = doc::parse(src.value());
    ASSERT_TRUE(root.ok()) << root.error().message;
    model_ = std::move(root).value();
  }

  Value run(std::string_view text) {
    Scope scope = Scope::with_descriptors();
    auto e = compile(text, scope);
    EXPECT_TRUE(e.ok()) << text << ": " << (e.ok() ? "" : e.error().message);
    if (!e.ok()) return {};
    std::vector<Value> env(scope.slot_count());
    env[4] = Value::of(&model_, 4);  // trained_model is the fifth descriptor
    kept_.push_back(std::move(e).value());  // a result may borrow the expression's literals
    return evaluate(*kept_.back(), env);
  }

  // As rules run it: folded into its compact form, its tree released.
  Value run_folded(std::string_view text) {
    Scope scope = Scope::with_descriptors();
    auto e = compile(text, scope);
    EXPECT_TRUE(e.ok()) << text << ": " << (e.ok() ? "" : e.error().message);
    if (!e.ok()) return {};
    kept_.push_back(std::move(e).value());
    fold_paths(*kept_.back());
    release_tree(*kept_.back());
    std::vector<Value> env(scope.slot_count());
    env[4] = Value::of(&model_, 4);
    return evaluate(*kept_.back(), env);
  }

  std::string error(std::string_view text) {
    Scope scope = Scope::with_descriptors();
    auto e = compile(text, scope);
    if (e.ok()) return "compiled";
    return std::to_string(e.error().column) + ": " + e.error().message;
  }

  doc::Node model_;
  std::vector<ExprPtr> kept_;
};

TEST_F(ExprTest, ReadsPathsAndComparesNumbers) {
  EXPECT_TRUE(truthy(run("trained_model.computing_resource_reqs.gpu > 0")));
  EXPECT_TRUE(truthy(run("trained_model.computing_resource_reqs.memory * 2 == 32")));
  EXPECT_EQ(run("7 / 2").as_double(), 3.5);
  EXPECT_EQ(run("7 % 4").as_int(), 3);
}

TEST_F(ExprTest, FoldedCodeGivesWhatTheTreeGives) {
  std::string wide = "[";  // wider than a byte can count
  for (int i = 0; i < 300; ++i) wide += (i ? ", " : "") + std::to_string(i);
  wide += "]";
  const std::string texts[] = {
      "trained_model.inference_time.unit", "size(" + wide + ")", "299 in " + wide, "['a', 'b'][1]",
      "trained_model.output_spec.exists(o, same(o.item_name, 'LABEL'))",
      "first(trained_model.output_spec.filter(o, o.item_type == 'String')).item_name",
      "trained_model.ml_frameworks.map(f, trim(f))", "has(trained_model.computing_resource_reqs.storage) ? 1 : 2"};
  for (const auto& text : texts) EXPECT_TRUE(run(text).equals(run_folded(text))) << text;
  EXPECT_EQ(run_folded("size(" + wide + ")").as_int(), 300);
  EXPECT_TRUE(truthy(run_folded("299 in " + wide)));
  EXPECT_EQ(run_folded("trained_model.inference_time.unit").as_string(), "Milliseconds");
}

TEST_F(ExprTest, MissingFieldsAreNullAndNeverFire) {
  EXPECT_TRUE(run("trained_model.computing_resource_reqs.storage").is_null());
  EXPECT_TRUE(run("trained_model.computing_resource_reqs.storage > 1").is_null());
  EXPECT_TRUE(run("production_environment.computing_resources.gpu < 1").is_null());
  EXPECT_FALSE(truthy(run("!(trained_model.computing_resource_reqs.storage > 1)")));
  EXPECT_TRUE(truthy(run("false || !has(trained_model.computing_resource_reqs.storage)")));
  // Three-valued logic: false && unknown is false, true || unknown is true.
  EXPECT_FALSE(run("trained_model.model_name == 'x' && false").as_bool());
  EXPECT_TRUE(run("trained_model.computing_resource_reqs.storage > 1 || true").as_bool());
}

// has() judges effectively blank values as not provided (Node::is_blank); 0 is a value.
TEST_F(ExprTest, HasIsFalseForEffectivelyBlankValues) {
  EXPECT_FALSE(truthy(run("has([''])")));
  EXPECT_FALSE(truthy(run("has(['  ', ''])")));
  EXPECT_TRUE(truthy(run("has(['', 'torch'])")));
  EXPECT_TRUE(truthy(run("has(0)")));
  EXPECT_TRUE(truthy(run("has(trained_model.computing_resource_reqs)")));  // gpu > 0 in the fixture
  EXPECT_EQ(run("default([''], 'none')").as_string(), "none");
}

// Dates written in text become days since 1970-01-01, so rules compare and subtract them.
TEST_F(ExprTest, DatesAreDaysSinceTheEpoch) {
  EXPECT_EQ(run("date('2024-03-01')").as_double(), 19783);
  EXPECT_EQ(run("last_date('2023-01-01 to 2023-12-31') - date('2023-01-01 to 2023-12-31')").as_double(), 364);
  EXPECT_EQ(run("date('March 2024')").as_double(), 19783);
  EXPECT_EQ(run("last_date('March 2024')").as_double(), 19813);
  EXPECT_TRUE(run("date('some time last spring')").is_null());
  EXPECT_TRUE(run("date('2024-03-01') > date('2024-02-29')").as_bool());
}

TEST_F(ExprTest, MacrosIterateOverLists) {
  EXPECT_TRUE(truthy(run("trained_model.output_spec.exists(o, o.item_type == 'Float')")));
  EXPECT_FALSE(truthy(run("trained_model.output_spec.all(o, o.item_type == 'Float')")));
  EXPECT_EQ(run("trained_model.output_spec.filter(o, o.item_type == 'String').map(o, o.item_name)").to_json(), R"(["label"])");
  EXPECT_EQ(run("size(trained_model.output_spec)").as_int(), 2);
  EXPECT_TRUE(truthy(run("production_data.schema.all(f, f.field_type == 'x')")));  // vacuous on absent
}

TEST_F(ExprTest, StringFunctionsIgnoreCaseAndSpace) {
  EXPECT_TRUE(truthy(run("'scikit-learn' in trained_model.ml_frameworks.map(f, norm(f))")));
  EXPECT_TRUE(truthy(run("same('  Scikit-Learn', trained_model.ml_frameworks[1])")));
  EXPECT_EQ(run("norm('  Big   Model ')").as_string(), "big model");
  EXPECT_TRUE(truthy(run("contains('Gradient Boosting', 'boosting')")));
}

TEST_F(ExprTest, NamesWithVersionsCompareAsNameAndVersion) {
  EXPECT_TRUE(truthy(run("same_name('Python', 'Python 3.11')")));
  EXPECT_TRUE(truthy(run("same_name('scikit-learn>=1.2', trained_model.ml_frameworks[1])")));
  EXPECT_FALSE(truthy(run("same_name('torch==2.1', 'PyTorch 2.1')")));
  EXPECT_FALSE(truthy(run("same_name('Python', trained_model.model_name)")));  // absent: never the same
  EXPECT_EQ(run("name_of('torch==2.1')").as_string(), "torch");
  EXPECT_EQ(run("version_of('Python 3.11')").as_string(), "3.11");
  EXPECT_TRUE(run("version_of('Python')").is_null());
  EXPECT_FALSE(truthy(run("versions_compatible('Python 3.8', 'Python 3.11')")));
  EXPECT_TRUE(truthy(run("versions_compatible('scikit-learn 1.3', 'scikit-learn>=1.2')")));
  // No version on one side: unknown, so `!= false` reads it as compatible.
  EXPECT_TRUE(run("versions_compatible('Python', 'Python 3.11')").is_null());
  EXPECT_TRUE(truthy(run("versions_compatible('Python', 'Python 3.11') != false")));
}

TEST_F(ExprTest, ConvertsUnits) {
  EXPECT_DOUBLE_EQ(run("to_seconds(trained_model.inference_time.time, trained_model.inference_time.unit)").as_double(), 0.25);
  EXPECT_TRUE(truthy(run("to_seconds(1, 'Seconds') > to_seconds(100, 'ms')")));
  EXPECT_DOUBLE_EQ(run("to_bytes(2, 'GiB') / to_bytes(2)").as_double(), 1.073741824);
  EXPECT_TRUE(run("to_seconds(3, 'fortnights')").is_null());
}

TEST_F(ExprTest, TypeCompatibilityTable) {
  EXPECT_TRUE(truthy(run("type_compatible('Integer', 'float')")));
  EXPECT_FALSE(truthy(run("type_compatible('Float', 'Integer')")));
  EXPECT_FALSE(truthy(run("type_compatible('String', 'int64')")));
  EXPECT_TRUE(truthy(run("type_compatible('Image', 'image')")));
}

TEST_F(ExprTest, ChiSquareMatchesScipy) {
  // scipy.stats.chisquare([12, 988], [4, 996]).pvalue == 6.122887849777907e-05
  EXPECT_NEAR(run("chi2_p([1.2, 98.8], [0.4, 99.6], 1000)").as_double(), 6.122887849777907e-05, 1e-15);
}

TEST_F(ExprTest, TypeErrorsAreCaughtAtLoad) {
  EXPECT_EQ(error("trained_model.computing_resource_reqs.gpus > 0"),
            "39: no field 'gpus' here (did you mean 'gpu'?)");
  EXPECT_EQ(error("trained_modle.model_name"), "1: unknown name 'trained_modle' (did you mean 'trained_model'?)");
  EXPECT_EQ(error("trained_model.model_name > 3"), "26: cannot order string against int");
  EXPECT_EQ(error("trained_model.output_spec.item_name"), "27: 'item_name' is read from a list; use exists(), all(), filter() or map() to look at its elements");
  EXPECT_EQ(error("sise(trained_model.output_spec)"), "1: unknown function 'sise' (did you mean 'size'?)");
  EXPECT_EQ(error("trained_model.output_spec.exists(o, o.item_nam == 'x')"), "39: no field 'item_nam' here (did you mean 'item_name'?)");
  EXPECT_EQ(error("norm(1)"), "1: argument 1 is a int in norm(string) -> string");
}

TEST_F(ExprTest, SyntaxErrorsPointAtTheToken) {
  EXPECT_EQ(error("1 +"), "4: expected a value; found the end of the expression");
  EXPECT_EQ(error("(1 + 2"), "7: expected ')'; found the end of the expression");
  EXPECT_EQ(error("'abc"), "1: string is not closed");
  EXPECT_EQ(error("1 # 2"), "3: unexpected character '#'");
  EXPECT_EQ(error("1 < 2 < 3"), "7: unexpected '<' after the end of the expression");
  EXPECT_EQ(error(std::string(10000, '(') + "1" + std::string(10000, ')')).substr(0, 30), "65: expression is nested more ");
  EXPECT_EQ(error(std::string(10000, '!') + "true").substr(0, 20), "65: expression is ne");
}

// Chains deepen the tree without any bracket; the checker and evaluator recurse over it,
// so each chain below used to overflow the stack.
TEST_F(ExprTest, LongChainsAreRefusedNotOverflowed) {
  std::string sel = "has(trained_model", plus = "1", map = "[1]";
  for (int i = 0; i < 1000; ++i) sel += ".x";
  for (int i = 0; i < 10000; ++i) plus += "+1";
  for (int i = 0; i < 1000; ++i) map += ".map(x, x)";
  for (const std::string& text : {sel + ")", plus, map}) {
    const std::string msg = error(text);
    EXPECT_NE(msg.find("expression is more than 256 levels deep"), std::string::npos) << msg.substr(0, 80);
  }
  // A long but realistic chain still compiles.
  std::string ok = "1";
  for (int i = 0; i < 200; ++i) ok += " + 1";
  EXPECT_EQ(run(ok).as_int(), 201);
}

}  // namespace
}  // namespace seam::rules

namespace seam::rules {
namespace {

TEST_F(ExprTest, ReadsNumbersAndRatesFromText) {
  EXPECT_DOUBLE_EQ(run("first_number('current recall 0.62 (2025)')").as_double(), 0.62);
  EXPECT_DOUBLE_EQ(run("first_number('1,200 rows')").as_double(), 1200);
  EXPECT_TRUE(run("first_number('none yet')").is_null());
  EXPECT_DOUBLE_EQ(run("amount('about 300 transactions per minute', 'rate')").as_double(), 5);
  EXPECT_DOUBLE_EQ(run("peak('9,000 tickets per day; peaks of 40 requests per minute', 'rate')").as_double(), 40.0 / 60);
  EXPECT_DOUBLE_EQ(run("peak('2k/s at peak', 'rate')").as_double(), 2000);
  EXPECT_TRUE(run("peak('bursty', 'rate')").is_null());
  EXPECT_TRUE(run("says('No GPU in the plant', 'hardware:gpu') == false && denies('No GPU in the plant', 'hardware:gpu')").as_bool());
  EXPECT_EQ(run("facts('recall and F1, not precision', 'metric')").to_json(), R"(["recall","f1"])");
  EXPECT_EQ(run("conflicts('time from the device clock', 'server time (UTC)', ['clock', 'timezone'])").to_json(),
            R"(["clock: device vs server"])");
  EXPECT_EQ(run("conflicts('speed in km/h', 'speed in metres per second', ['unit'])").to_json(), R"(["unit: speed:km/h vs speed:m/s"])");
  EXPECT_DOUBLE_EQ(run("amount_near('trained on 3 years; kept for 24 months', 'retention', 'duration')").as_double(), 24 * 2629746.0);
  EXPECT_EQ(run("latest('from 2023-01-01 to March 2024') - earliest('from 2023-01-01 to March 2024')").as_double(), 455);
  EXPECT_EQ(run("abs(-3)").as_int(), 3);
  EXPECT_EQ(run("enum_values('P1, P2, P3 or P4')").to_json(), R"(["p1","p2","p3","p4"])");
  EXPECT_EQ(run("enum_values('HL7 priority codes S (stat), A (ASAP), R (routine)')").to_json(),
            R"(["s","stat","a","asap","r","routine"])");
  EXPECT_EQ(run("enum_values('0 (routine) or 1 (urgent)')").to_json(), R"(["0","routine","1","urgent"])");
  EXPECT_TRUE(run("enum_values('0 to 130')").is_null());
  EXPECT_TRUE(run("enum_values('ISO 8601, ten-minute boundaries')").is_null());
}

}  // namespace
}  // namespace seam::rules
