// The frame of every HTML page seam writes: one self-contained document (inline CSS, no
// scripts, nothing fetched) whose base stylesheet all pages share. Internal to src/report.
#pragma once

#include <string>
#include <string_view>

namespace seam::report::detail {

// The page from <!DOCTYPE html> up to and including <body>. `title` is markup, already
// escaped; `style` holds the renderer's own CSS rules, which follow the base stylesheet so
// that they can refine it. Like the base, `style` must stay free of '>' and '&': the page
// then also reads as well-formed XML, which lets tests check it with a plain tag matcher.
std::string html_page_begin(std::string_view title, std::string_view style);

// Closes what html_page_begin opened.
std::string_view html_page_end();

}  // namespace seam::report::detail
