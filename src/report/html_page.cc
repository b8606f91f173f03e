#include "report/html_page.h"

namespace seam::report::detail {
namespace {

// What more than one page uses: the page's typography, code, secondary text and badges.
constexpr std::string_view kBaseStyle = R"(
body { font: 15px/1.45 system-ui, sans-serif; margin: 2em auto; max-width: 70em; padding: 0 1em; color: #1f2328; }
h1 { font-size: 1.6em; }
code, pre { font-family: ui-monospace, monospace; font-size: .9em; }
.meta { color: #59636e; font-size: .9em; }
.badge { display: inline-block; border-radius: 1em; padding: 0 .6em; font-size: .85em; font-weight: 600; color: #fff; }
)";

}  // namespace

std::string html_page_begin(std::string_view title, std::string_view style) {
  std::string out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
                    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n<title>";
  out.append(title).append("</title>\n<style>").append(kBaseStyle).append(style);
  return out + "</style>\n</head>\n<body>\n";
}

std::string_view html_page_end() { return "</body>\n</html>\n"; }

}  // namespace seam::report::detail
