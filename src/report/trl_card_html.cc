#include "report/html_page.h"
#include "report/trl_card.h"
#include "report/trl_card_common.h"
#include "util/escape.h"

namespace seam::report {
namespace {

using detail::Block;
using detail::Inline;
using Style = detail::Span::Style;

// The card's own rules; report/html_page.cc holds the rest. Print: A4 with its margins,
// black on white without background fills, headings kept with what follows, and no page
// break inside a subsection, a field table, a list item or a table row. The long tables
// (requirements, gate, history) may break between rows, repeating their header: asking them
// to stay whole would only push them onto a new page and leave the rest of the previous one
// blank.
constexpr std::string_view kStyle = R"(h1 { margin-bottom: .3em; }
h2 { font-size: 1.25em; border-bottom: 1px solid #d0d7de; padding-bottom: .2em; margin-top: 1.8em; }
h3 { font-size: 1.05em; margin: 1.2em 0 .4em; }
table { border-collapse: collapse; width: 100%; margin: .5em 0; }
th, td { border: 1px solid #d0d7de; padding: .25em .5em; text-align: left; vertical-align: top; }
th { background: #f6f8fa; font-weight: 600; }
table.fields th { width: 11em; }
p, li, td { white-space: pre-line; }
.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
.missing { color: #6e7781; font-style: italic; }
a { color: #0969da; overflow-wrap: anywhere; }
@page { size: A4; margin: 16mm 14mm 18mm; }
@media print {
  body { font-size: 9.5pt; margin: 0; max-width: none; padding: 0; color: #000; }
  th { background: none; }
  a { color: inherit; text-decoration: none; }
  h1, h2, h3 { break-after: avoid; page-break-after: avoid; }
  section.sub, table.fields, tr, li { break-inside: avoid; page-break-inside: avoid; }
  thead { display: table-header-group; }
}
)";

std::string render(const Inline& spans) {
  std::string out;
  for (const auto& s : spans) switch (s.style) {
      case Style::plain: out += escape::xml(s.text); break;
      case Style::strong: out += "<strong>" + escape::xml(s.text) + "</strong>"; break;
      case Style::code: out += "<code>" + escape::xml(s.text) + "</code>"; break;
      case Style::link: out += "<a href=\"" + escape::xml(s.text, true) + "\">" + escape::xml(s.text) + "</a>"; break;
      case Style::missing: out += "<span class=\"missing\">" + escape::xml(s.text) + "</span>"; break;
    }
  return out;
}

std::string cell(std::string_view tag, bool numeric, const Inline& content) {
  std::string out(1, '<');
  out.append(tag).append(numeric ? " class=\"num\">" : ">").append(render(content)).append("</").append(tag).append(">");
  return out;
}

}  // namespace

std::string trl_card_html(const trl::Card& card, const trl::Catalogue& catalogue, const trl::Gate* next) {
  std::string out = detail::html_page_begin(escape::xml(detail::trl_card_title(card)), kStyle);
  std::vector<int> open;  // heading levels of the sections open, outermost first
  for (const Block& b : detail::trl_card_blocks(card, catalogue, next)) {
    switch (b.kind) {
      case Block::Kind::heading: {
        const std::string h = std::string(1, 'h').append(std::to_string(b.level));
        for (; !open.empty() && open.back() >= b.level; open.pop_back()) out += "</section>\n";
        if (b.level >= 2) {
          out += b.level == 2 ? "<section>\n" : "<section class=\"sub\">\n";
          open.push_back(b.level);
        }
        out += "<" + h + ">" + render(b.text) + "</" + h + ">\n";
        break;
      }
      case Block::Kind::paragraph: out += "<p>" + render(b.text) + "</p>\n"; break;
      case Block::Kind::list:
        out += "<ul>\n";
        for (const auto& r : b.rows) out += "<li>" + render(r[0]) + "</li>\n";
        out += "</ul>\n";
        break;
      case Block::Kind::fields:
        out += "<table class=\"fields\">\n";
        for (const auto& r : b.rows) out += "<tr>" + cell("th", false, r[0]) + cell("td", false, r[1]) + "</tr>\n";
        out += "</table>\n";
        break;
      case Block::Kind::table: {
        const auto numeric = [&](size_t i) { return i < b.numeric.size() && b.numeric[i]; };
        out += "<table class=\"grid\">\n<thead><tr>";
        for (size_t i = 0; i < b.header.size(); ++i) out += cell("th", numeric(i), {{Style::plain, b.header[i]}});
        out += "</tr></thead>\n<tbody>\n";
        for (const auto& r : b.rows) {
          out += "<tr>";
          for (size_t i = 0; i < r.size(); ++i) out += cell("td", numeric(i), r[i]);
          out += "</tr>\n";
        }
        out += "</tbody>\n</table>\n";
        break;
      }
    }
  }
  for (; !open.empty(); open.pop_back()) out += "</section>\n";
  return out.append(detail::html_page_end());
}

}  // namespace seam::report
