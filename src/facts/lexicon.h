// The inside of a Lexicon (facts.h): phrase sets compiled for word-by-word matching, and
// the tokenizer that both the lexicon and the text go through, so that a phrase and the
// text it should match are cut into words the same way.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "facts/facts.h"

namespace seam::facts {

struct Token {
  std::string lower;       // the word in lower case
  std::string_view text;   // as written
  uint32_t begin = 0, end = 0;
  bool clause_start = false;  // a , ; . ! ? line break or clause word comes before it
  bool dash_before = false;   // a - or – joins it to the token before ("5-10", "log-odds")
  bool in_date = false;       // part of a date or period, already read
};

// Words of `text`: runs of letters, digits, '_' and inner ' . , between letters or digits;
// the symbols / % $ € £ ¥ ° < > = ≤ ≥ on their own. Hyphens join words without being words.
std::vector<Token> tokenize(std::string_view text);

// A list of phrases, each with a payload index, matched longest first at a token position.
class PhraseSet {
 public:
  void add(std::string_view phrase, size_t payload);
  struct Match {
    size_t length = 0;  // tokens
    size_t payload = 0;
    std::vector<size_t> also;  // payloads of other phrases of the same length there
  };
  // The longest phrase that starts at tokens[i]; where several are as long ("cuda" is a GPU
  // and an NVIDIA make), all of them.
  std::optional<Match> match(const std::vector<Token>& tokens, size_t i) const;
  bool empty() const { return phrases_.empty(); }

 private:
  struct Word {
    std::string text;  // lower case, or as written when exact
    bool exact = false;
  };
  struct Phrase {
    std::vector<Word> words;
    size_t payload = 0;
  };
  static bool word_matches(const Word& w, const Token& t);
  std::vector<Phrase> phrases_;
  std::unordered_map<std::string, std::vector<size_t>> by_first_;  // longest first
};

struct Lexicon::Impl {
  struct Term {
    std::string kind, value;
    bool negated = false, ignore = false;
  };
  struct Unit {
    std::string dimension;
    double factor = 1;  // to the canonical unit; 0 when it cannot be converted
    std::string unit;   // the canonical unit, or the code of a unit that cannot be converted
    std::string name;   // the first spelling listed for this unit: "km/h", "cm", "USD"
  };
  std::vector<Term> terms;
  PhraseSet term_phrases;
  std::vector<Unit> units;
  PhraseSet unit_phrases;
  PhraseSet negation_before, negation_after, bound_min, bound_max, multiplier_words, per_words, filler_words,
      unit_of_words;
  std::vector<double> multipliers;
  std::unordered_set<std::string> clause_breaks, range_joins, count_nouns, negation_stops;
  size_t negation_reach = 3;
};

}  // namespace seam::facts
