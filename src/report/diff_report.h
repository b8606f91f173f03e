// Renderings of a structural diff between two revisions of a document (doc/diff.h).
//
// Like every renderer, these write whole documents to the caller's Writer and print nothing.
//
// Thread safety: renderers are pure functions of their input; call them from any thread.
#pragma once

#include <string>

#include "doc/diff.h"
#include "report/format.h"

namespace seam::report {

// A JSON array (2-space indent), one object per change in the diff's order:
//   {"op": "added" | "removed" | "changed", "pointer", "before", "after"}
// where "before" is left out for an added value and "after" for a removed one.
std::string diff_json(const doc::Diff& d);

// For a terminal, one line per change, values as compact JSON cut to about 60 characters:
//   ~ /pointer: before -> after      + /pointer: value      - /pointer: value
// "(document)" stands for the whole document's pointer; "no changes" when there are none.
std::string diff_text(const doc::Diff& d);

// text and json.
const Formats<doc::Diff>& diff_formats();

}  // namespace seam::report
