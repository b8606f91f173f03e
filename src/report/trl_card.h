// The TRL Card as a document: project information, implicit knowledge, linked descriptors,
// requirements with their risk, the gate to the next level, monitoring and the review
// history, as MLTRL's card template lays them out.
//
// Both formats render the same content (built once in trl_card_common.cc). `next` is the
// gate into the card's next level, evaluated by the caller with the project's findings;
// nullptr at level 9. Neither function prints.
//
// Thread safety: renderers are pure functions of their input; call them from any thread.
#pragma once

#include <string>

#include "trl/trl.h"

namespace seam::report {

// GitHub-flavoured Markdown, for wikis and pull requests.
std::string trl_card_markdown(const trl::Card& card, const trl::Catalogue& catalogue, const trl::Gate* next);

// One self-contained printable page: inline CSS with print rules (A4 margins, no breaks
// inside tables and subsections), no scripts, every value escaped; a browser exports it to PDF.
std::string trl_card_html(const trl::Card& card, const trl::Catalogue& catalogue, const trl::Gate* next);

}  // namespace seam::report
