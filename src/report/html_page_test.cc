#include "report/html_page.h"

#include <gtest/gtest.h>

#include "report/markup_check.h"

namespace seam::report::detail {
namespace {

TEST(HtmlPage, FramesTheBodyAsOneWellFormedPage) {
  const std::string page = html_page_begin("a &amp; b", "p { color: red; }\n") + "<p>x</p>\n" + std::string(html_page_end());
  EXPECT_EQ(markup_problem(page), "") << page;
  EXPECT_EQ(page.rfind("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n", 0), 0u);
  EXPECT_NE(page.find("<title>a &amp; b</title>"), std::string::npos);
  EXPECT_EQ(page.substr(page.size() - 16), "</body>\n</html>\n");
}

TEST(HtmlPage, RendererStyleFollowsTheBase) {
  const std::string page = html_page_begin("t", "h1 { color: red; }\n");
  const size_t base = page.find("h1 { font-size"), extra = page.find("h1 { color: red; }\n</style>");
  ASSERT_NE(base, std::string::npos);
  ASSERT_NE(extra, std::string::npos);
  EXPECT_LT(base, extra);  // later rules win, so a renderer can refine the base
}

}  // namespace
}  // namespace seam::report::detail
