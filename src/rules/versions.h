// Names with versions, as people write them in descriptors: "Python 3.11", "Python3",
// "scikit-learn>=1.2", "torch==2.1", "PyTorch 2.2", "numpy (1.26)", "pandas@2.1".
//
// The rule functions name_of, version_of, same_name and versions_compatible are built on
// these, so that "Python" in one descriptor matches "Python 3.11" in another, and two
// versions of one name are compared as versions. docs/rules.md describes what is read.
//
// Thread safety: pure functions.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace seam::rules {

struct Versioned {
  std::string name;     // "scikit-learn"; empty when the text is only a version (">=1.2")
  std::string version;  // the version as written, ">=1.2,<2" or "3.11"; empty when none
};

// Splits a name from the version written after it. Text without a recognisable version is
// all name ("XGBoost", "log4j", "3D Slicer").
Versioned split_versioned(std::string_view text);

// Names equal after trimming, without case, with runs of white space as one space and with
// '-', '_' and '.' as one character (as PyPI compares names: scikit_learn is scikit-learn).
bool same_package_name(std::string_view a, std::string_view b);

// Whether one version can satisfy both version specifications (each a version such as "3.11",
// which stands for every 3.11.x, or a constraint such as ">=1.2,<2", "~=1.4", "^2.1").
// nullopt when either is empty or not readable as a version.
std::optional<bool> versions_compatible(std::string_view a, std::string_view b);

}  // namespace seam::rules
