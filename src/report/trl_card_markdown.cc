#include "report/trl_card.h"
#include "report/trl_card_common.h"
#include "util/escape.h"

namespace seam::report {
namespace {

using detail::Block;
using detail::Inline;
using Style = detail::Span::Style;

// Links are autolinks: their URL has no spaces or angle brackets (see is_url), and inside
// <...> Markdown takes every character literally.
std::string render(const Inline& spans, bool in_table) {
  std::string out;
  for (const auto& s : spans) switch (s.style) {
      case Style::plain: out += escape::markdown(s.text); break;
      case Style::strong: out.append("**").append(escape::markdown(s.text)).append("**"); break;
      case Style::code: out += escape::markdown_code(s.text, in_table); break;
      case Style::link: out.append("<").append(s.text).append(">"); break;
      case Style::missing: out.append("_").append(escape::markdown(s.text)).append("_"); break;
    }
  return out;
}

std::string row(const std::vector<Inline>& cells) {
  std::string out = "|";
  for (const auto& c : cells) out.append(" ").append(render(c, true)).append(" |");
  return out + "\n";
}

}  // namespace

std::string trl_card_markdown(const trl::Card& card, const trl::Catalogue& catalogue, const trl::Gate* next) {
  std::string out;
  for (const Block& b : detail::trl_card_blocks(card, catalogue, next)) {
    switch (b.kind) {
      case Block::Kind::heading: out += std::string(static_cast<size_t>(b.level), '#') + " " + render(b.text, false); break;
      case Block::Kind::paragraph: out += render(b.text, false); break;
      case Block::Kind::list:
        for (size_t i = 0; i < b.rows.size(); ++i) out += (i ? "\n- " : "- ") + render(b.rows[i][0], false);
        break;
      case Block::Kind::fields:
        out += "| Field | Value |\n|---|---|\n";
        for (const auto& r : b.rows) out += row(r);
        out.pop_back();
        break;
      case Block::Kind::table:
        out += row([&] { std::vector<Inline> h; for (const auto& t : b.header) h.push_back({{Style::plain, t}}); return h; }()) + "|";
        for (size_t i = 0; i < b.header.size(); ++i) out += i < b.numeric.size() && b.numeric[i] ? "---:|" : "---|";
        out += "\n";
        for (const auto& r : b.rows) out += row(r);
        out.pop_back();
        break;
    }
    out += "\n\n";
  }
  out.pop_back();
  return out;
}

}  // namespace seam::report
