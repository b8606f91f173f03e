// Data files compiled into the binary (scripts/embed-files.cmake writes the definitions).
#pragma once

#include <vector>

namespace seam {

struct EmbeddedFile {
  const char* name;  // file name without its suffix, e.g. "trained_model"
  const char* text;
};

namespace doc {
const std::vector<EmbeddedFile>& embedded_schemas();  // schemas/*.schema.json
}
namespace rules {
const std::vector<EmbeddedFile>& embedded_rules();     // rules/*.yaml as JSON (scripts/rules_to_json.cc)
const std::vector<EmbeddedFile>& embedded_taxonomy();  // rules/taxonomy.csv
}

namespace facts {
const std::vector<EmbeddedFile>& embedded_lexicon();   // rules/lexicon/*.yaml, as JSON
}

namespace trl {
const std::vector<EmbeddedFile>& embedded_trl();       // trl/*.yaml
}

}  // namespace seam
