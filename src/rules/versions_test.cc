#include "rules/versions.h"

#include <gtest/gtest.h>

namespace seam::rules {
namespace {

std::string split(std::string_view text) {
  const Versioned v = split_versioned(text);
  return v.name + "|" + v.version;
}

TEST(Versions, SplitsTheNameFromTheVersionAsPeopleWriteIt) {
  EXPECT_EQ(split("Python 3.11"), "Python|3.11");
  EXPECT_EQ(split("  Python  "), "Python|");
  EXPECT_EQ(split("Python3"), "Python|3");
  EXPECT_EQ(split("C++17"), "C++|17");
  EXPECT_EQ(split("scikit-learn>=1.2"), "scikit-learn|>=1.2");
  EXPECT_EQ(split("scikit-learn >= 1.2, <2"), "scikit-learn|>= 1.2, <2");
  EXPECT_EQ(split("torch==2.1+cu118"), "torch|==2.1+cu118");
  EXPECT_EQ(split("numpy (1.26)"), "numpy|1.26");
  EXPECT_EQ(split("pandas@2.1"), "pandas|2.1");
  EXPECT_EQ(split("scikit-learn v1.3"), "scikit-learn|v1.3");
  EXPECT_EQ(split("Ubuntu 22.04 LTS"), "Ubuntu|22.04");
  EXPECT_EQ(split("Windows Server 2019"), "Windows Server|2019");
  EXPECT_EQ(split(">=1.2"), "|>=1.2");
  EXPECT_EQ(split("3.11"), "|3.11");
}

TEST(Versions, DigitsThatArePartOfTheNameStayInIt) {
  EXPECT_EQ(split("log4j"), "log4j|");
  EXPECT_EQ(split("log4j 2.17"), "log4j|2.17");
  EXPECT_EQ(split("t5-small"), "t5-small|");
  EXPECT_EQ(split("3D Slicer 5.2"), "3D Slicer|5.2");
  EXPECT_EQ(split("XGBoost"), "XGBoost|");
  EXPECT_EQ(split("word2vec"), "word2vec|");
}

TEST(Versions, NamesCompareLikePackageNames) {
  EXPECT_TRUE(same_package_name("scikit_learn", "Scikit-Learn"));
  EXPECT_TRUE(same_package_name(" Windows  Server ", "windows server"));
  EXPECT_FALSE(same_package_name("torch", "PyTorch"));
  EXPECT_FALSE(same_package_name("", ""));
}

TEST(Versions, APlainVersionCoversItsReleases) {
  EXPECT_EQ(versions_compatible("3.11", "3.11.4"), true);
  EXPECT_EQ(versions_compatible("Python 3", "Python 3.11"), true);
  EXPECT_EQ(versions_compatible("Python 3.8", "Python 3.11"), false);
  EXPECT_EQ(versions_compatible("torch==2.1", "PyTorch 2.1.2"), true);
  EXPECT_EQ(versions_compatible("2.x", "2.4"), true);
}

TEST(Versions, ConstraintsMeetWhenOneReleaseSatisfiesBoth) {
  EXPECT_EQ(versions_compatible("scikit-learn 1.3", "scikit-learn>=1.2"), true);
  EXPECT_EQ(versions_compatible("scikit-learn 1.1", "scikit-learn>=1.2"), false);
  EXPECT_EQ(versions_compatible(">=1.2,<2", "2.0"), false);
  EXPECT_EQ(versions_compatible(">=1.2, <2", "1.9.9"), true);
  EXPECT_EQ(versions_compatible(">1.2", "1.2"), true);  // 1.2.1 is both
  EXPECT_EQ(versions_compatible(">1.2", "1.1"), false);
  EXPECT_EQ(versions_compatible(">=1.2", "<1.5"), true);
  EXPECT_EQ(versions_compatible(">=2", "<=1.9"), false);
  EXPECT_EQ(versions_compatible("~=1.4.2", "1.5"), false);
  EXPECT_EQ(versions_compatible("~=1.4", "1.9"), true);
  EXPECT_EQ(versions_compatible("^1.2.3", "1.9"), true);
  EXPECT_EQ(versions_compatible("^1.2.3", "2.0"), false);
  EXPECT_EQ(versions_compatible("^0.2.3", "0.3"), false);
  EXPECT_EQ(versions_compatible("~1.2.3", "1.2.9"), true);
  EXPECT_EQ(versions_compatible("!=1.3", "1.3"), true);  // one excluded release tells nothing
}

TEST(Versions, WithoutAVersionOnEitherSideThereIsNoAnswer) {
  EXPECT_EQ(versions_compatible("Python", "Python 3.11"), std::nullopt);
  EXPECT_EQ(versions_compatible("", "3.11"), std::nullopt);
  EXPECT_EQ(versions_compatible("torch", "torch"), std::nullopt);
}

}  // namespace
}  // namespace seam::rules
