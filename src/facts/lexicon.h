// The inside of a Lexicon (facts.h): phrase sets compiled for word-by-word matching, and
// the tokenizer that both the lexicon and the text go through, so that a phrase and the
// text it should match are cut into words the same way.
//
// Every word of the lexicon has a number, and every spelling that matches it (the word and
// its plurals) an entry in one hash table. A token looks its spelling up once; phrases then
// compare numbers, and most tokens, which are in no phrase, cost one probe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "facts/facts.h"

namespace seam::facts {

// What the lexicon knows of one spelling: the words it matches ("gpus" matches "gpu" and
// "gpus" when both are words), which phrase sets have a phrase starting with one of them,
// and the grammar lists the spelling is in.
struct Spelling {
  static constexpr size_t kMaxWords = 4;  // a spelling is the plural of at most three words
  uint32_t words[kMaxWords] = {};
  uint8_t count = 0;
  uint8_t flags = 0;
  uint16_t starts = 0;  // bits of the phrase sets (Lexicon::Impl::index_first_words)
  bool has(uint32_t word) const {
    for (uint8_t k = 0; k < count; ++k)
      if (words[k] == word) return true;
    return false;
  }
};

// Spelling::flags: the grammar's lists of single words.
enum : uint8_t { kClauseBreak = 1, kRangeJoin = 2, kCountNoun = 4, kNegationStop = 8 };

struct Token {
  std::string_view lower;  // the word in lower case, a possessive "'s" dropped
  std::string_view text;   // as written
  uint32_t begin = 0, end = 0;
  const Spelling* spelling = nullptr;  // null when the word is in no list of the lexicon
  bool clause_start = false;  // a , ; . ! ? line break or clause word comes before it
  bool dash_before = false;   // a - or – joins it to the token before ("5-10", "log-odds")
  bool in_date = false;       // part of a date or period, already read
  uint16_t starts() const { return spelling ? spelling->starts : 0; }
  bool is(uint8_t flag) const { return spelling && (spelling->flags & flag); }
};

// Words of `text`: runs of letters, digits, '_' and inner ' . , between letters or digits;
// the symbols / % $ € £ ¥ ° < > = ≤ ≥ on their own. Hyphens join words without being words.
// `lowered` receives the text in ASCII lower case, at the same offsets; the tokens' `lower`
// point into it, and their `spelling` is left null (Lexicon::Impl::look_up fills it).
void tokenize(std::string_view text, std::string& lowered, std::vector<Token>& out);

class Words;

// A list of phrases, each with a payload index, matched longest first at a token position.
class PhraseSet {
 public:
  void add(std::string_view phrase, size_t payload, Words& words);
  // Orders each word's phrases longest first, once all are added; match() needs it.
  void finish();
  struct Match {
    size_t length = 0;  // tokens
    size_t payload = 0;
    std::vector<size_t> also;  // payloads of other phrases of the same length there
  };
  // The longest phrase that starts at tokens[i] of n; where several are as long ("cuda" is a
  // GPU and an NVIDIA make), all of them.
  std::optional<Match> match(const Token* tokens, size_t n, size_t i) const;
  std::optional<Match> match(const std::vector<Token>& tokens, size_t i) const { return match(tokens.data(), tokens.size(), i); }
  // Gives this set its bit, and adds it to the starts of the spellings of each first word.
  void mark_first_words(Words& words, uint16_t bit);

 private:
  struct Word {
    uint32_t id = 0;
    std::string exact;  // as written, for a phrase that must match case ("=M"); empty otherwise
  };
  struct Phrase {
    std::vector<Word> words;
    size_t payload = 0;
  };
  static bool word_matches(const Word& w, const Token& t);
  std::vector<Phrase> phrases_;
  std::unordered_map<uint32_t, std::vector<uint32_t>> by_first_;  // longest first
  uint16_t bit_ = 0;  // this set's bit in Spelling::starts
};

// The words of the lexicon, numbered, and the table from a spelling to its Spelling.
class Words {
 public:
  // The number of a word in lower case, given on first sight, when its spellings (the word,
  // and its plurals "-s", "-es" and "-ies" for "-y") enter the table.
  uint32_t intern(std::string_view lower);
  // Sets `flag` on the spelling `lower` alone, or with `plurals` on its plural spellings too.
  void flag(std::string_view lower, uint8_t flag, bool plurals);
  // The spellings of the word numbered `id` get `bit` in their starts.
  void add_starts(uint32_t id, uint16_t bit);
  const Spelling* find(std::string_view lower) const;

 private:
  // Open addressing over a power-of-two table, at most half full: a token's look-up is one
  // hash and, mostly, one comparison.
  struct Slot {
    std::string key;  // empty: a free slot
    Spelling spelling;
  };
  std::vector<Slot> slots_;
  size_t used_ = 0;
  std::vector<std::string> by_id_;
  size_t index(std::string_view key) const;
  Spelling& insert(std::string key);
  template <class Visit>
  static void spellings(const std::string& word, bool plurals, const Visit& visit);
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
  Words words;
  std::vector<Term> terms;
  PhraseSet term_phrases;
  std::vector<Unit> units;
  PhraseSet unit_phrases;
  PhraseSet negation_before, negation_after, bound_min, bound_max, multiplier_words, per_words, filler_words,
      unit_of_words;
  std::vector<double> multipliers;
  size_t negation_reach = 3;
  uint16_t fact_starts = 0;      // the bits of the sets a fact can start with: terms, units, bounds
  uint16_t quantity_starts = 0;  // and of those a quantity can start with: units, bounds
  void index_first_words();
  void look_up(std::vector<Token>& tokens) const;
  // One word as a token of its own, looked up: a unit glued to a number ("ms" of "200ms"),
  // the last word of a field name. `buffer` receives its lower case.
  Token word(std::string_view text, std::string& buffer) const;
};

}  // namespace seam::facts
