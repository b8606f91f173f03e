#include "rules/finding.h"

namespace seam::rules {

std::string_view severity_name(Severity s) {
  switch (s) {
    case Severity::Error: return "error";
    case Severity::Warning: return "warning";
    case Severity::Info: return "info";
  }
  return "warning";  // unreachable for valid enumerators; keeps -Wreturn-type quiet
}

std::string_view kind_name(FindingKind k) {
  switch (k) {
    case FindingKind::Mismatch: return "mismatch";
    case FindingKind::Missing: return "missing";
  }
  return "mismatch";
}

Report::Summary Report::summary() const {
  Summary s;
  for (const auto& f : findings) {
    if (f.waived) { ++s.waived; continue; }
    switch (f.severity) {
      case Severity::Error: ++s.error; break;
      case Severity::Warning: ++s.warning; break;
      case Severity::Info: ++s.info; break;
    }
  }
  return s;
}

}  // namespace seam::rules
