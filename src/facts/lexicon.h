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
  // Which phrase sets have a phrase that starts with this word (Lexicon::Impl::mark), so that
  // a set need not look up a word that starts none of its phrases. Unknown for tokens made
  // on the side, which every set looks up.
  uint16_t starts = 0;
  bool starts_known = false;
};

// Words of `text`: runs of letters, digits, '_' and inner ' . , between letters or digits;
// the symbols / % $ € £ ¥ ° < > = ≤ ≥ on their own. Hyphens join words without being words.
std::vector<Token> tokenize(std::string_view text);

// A list of phrases, each with a payload index, matched longest first at a token position.
class PhraseSet {
 public:
  void add(std::string_view phrase, size_t payload);
  // Orders each word's phrases longest first, once all are added; match() needs it.
  void finish();
  struct Match {
    size_t length = 0;  // tokens
    size_t payload = 0;
    std::vector<size_t> also;  // payloads of other phrases of the same length there
  };
  // The longest phrase that starts at tokens[i]; where several are as long ("cuda" is a GPU
  // and an NVIDIA make), all of them.
  std::optional<Match> match(const std::vector<Token>& tokens, size_t i) const;
  // Adds this set's bit to the entry of the first word of each of its phrases in `out`.
  template <class Map>
  void first_words(Map& out, uint16_t bit) {
    bit_ = bit;
    for (const auto& [word, list] : by_first_) out[word] |= bit;
  }

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
  // Looked up by string_view, so that matching a token allocates nothing.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  std::vector<Phrase> phrases_;
  std::unordered_map<std::string, std::vector<size_t>, Hash, std::equal_to<>> by_first_;  // longest first
  uint16_t bit_ = 0;  // this set's bit in Token::starts; 0 until first_words() assigns one
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
  // For each word that starts a phrase of some set, the bits of those sets. Most words start
  // none, and then no set needs to look them up.
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const { return std::hash<std::string_view>()(s); }
  };
  std::unordered_map<std::string, uint16_t, Hash, std::equal_to<>> starters;
  uint16_t fact_starts = 0;  // the bits of the sets a fact can start with: terms, units, bounds
  void index_first_words();
  void mark(std::vector<Token>& tokens) const;
};

}  // namespace seam::facts
