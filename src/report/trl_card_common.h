// The content of a TRL Card document as a few neutral blocks, so that the Markdown and HTML
// renderers show the same things and only differ in markup. Internal to src/report.
#pragma once

#include <string>
#include <vector>

#include "trl/trl.h"

namespace seam::report::detail {

struct Span {
  enum class Style { plain, strong, code, link, missing };
  Style style = Style::plain;
  std::string text;  // for a link, the URL (shown as its own text)
};
using Inline = std::vector<Span>;

struct Block {
  enum class Kind { heading, paragraph, fields, table, list };
  Kind kind = Kind::paragraph;
  int level = 0;                          // heading: 1 to 3
  Inline text;                            // heading, paragraph
  std::vector<std::string> header;        // table
  std::vector<bool> numeric;              // table: right-aligned columns
  std::vector<std::vector<Inline>> rows;  // fields: label and value; table: one Inline per column; list: one
};

std::vector<Block> trl_card_blocks(const trl::Card& card, const trl::Catalogue& catalogue, const trl::Gate* next);

// The document title: "TRL Card: " and the technology name (the component id without one).
std::string trl_card_title(const trl::Card& card);

}  // namespace seam::report::detail
