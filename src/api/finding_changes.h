// Which finding items a change introduced and which it resolved, so that each revision can
// say "this change made 2 new errors".
//
// An item is the same before and after when its rule, text, values and locations
// (descriptor and JSON pointer) agree. Lines and columns are left out, so that lines added
// above a field do not make its old items look new, and nor does reordering keys.
//
// Thread safety: pure functions of their arguments; results own all their data.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "rules/finding.h"
#include "util/result.h"

namespace seam::api {

struct ItemPlace {
  std::string descriptor;  // "trained_model"
  std::string pointer;     // "/computing_resource_reqs/gpu"
};

// One item of one finding, with what identifies it and what a person needs to read it.
struct FindingItem {
  std::string rule;
  rules::FindingKind kind = rules::FindingKind::Mismatch;
  rules::Severity severity = rules::Severity::Warning;
  std::string message;                  // the finding's message
  std::string text;                     // the item's own text
  std::vector<rules::ItemValue> values;  // each as canonical compact JSON
  std::vector<ItemPlace> locations;
  bool waived = false;  // a waived item is listed, but is no new error
};

struct FindingChanges {
  std::vector<FindingItem> introduced;  // in the order of the newer report
  std::vector<FindingItem> resolved;    // in the order of the older report
  // Introduced items of severity error that are not waived.
  int new_errors() const;
};

// The items of a report's findings, in report order.
std::vector<FindingItem> finding_items(const rules::Report& report);
// The same from a report as `seam check --format json` writes it (what the store keeps).
// Fails (Invalid) when the text is not JSON or has no "findings" array.
Result<std::vector<FindingItem>> finding_items_from_json(std::string_view findings_json);

// Items in `after` and not in `before` (introduced) and the other way round (resolved),
// counted as multisets: two equal items before and three after make one introduced.
FindingChanges finding_changes(const std::vector<FindingItem>& before, const std::vector<FindingItem>& after);
FindingChanges finding_changes(const rules::Report& before, const rules::Report& after);

// A JSON array, one compact object per item: {"rule", "kind", "severity", "message", "text",
// "values": {NAME: value}, "locations": [{"descriptor", "pointer"}], "waived"}.
std::string finding_items_json(const std::vector<FindingItem>& items);

}  // namespace seam::api
