// The inside of a Lexicon (facts.h): phrase sets compiled for word-by-word matching, and
// the tokenizer that both the lexicon and the text go through, so that a phrase and the
// text it should match are cut into words the same way.
//
// Every word of the lexicon has a number, and every spelling that can be it (the word and its
// plurals) an entry in one hash table: a token looks its spelling up once, phrases then
// compare numbers, and most tokens, which start no phrase, cost one hash and one probe.
#pragma once

#include <array>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "facts/facts.h"

namespace seam::facts {

// What the lexicon knows of one spelling: the words it matches ("gpus" matches "gpu" and
// "gpus" when both are words), which phrase sets have a phrase starting with one of them,
// and the grammar lists the spelling is in. Empty (count 0) for a word the lexicon lacks.
struct Spelling {
  static constexpr size_t kMaxWords = 4;  // itself, and the singulars of "-s", "-es", "-ies"
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
  const Spelling* spelling = nullptr;  // what the lexicon knows of the word (Lexicon::Impl::look_up)
  bool clause_start = false;  // a , ; . ! ? line break or clause word comes before it
  bool dash_before = false;   // a - or – joins it to the token before ("5-10", "log-odds")
  bool in_date = false;       // part of a date or period, already read
  bool digit = false;         // holds a digit
  uint16_t starts() const { return spelling ? spelling->starts : 0; }
  bool is(uint8_t flag) const { return spelling && (spelling->flags & flag); }
};

// Words of `text`: runs of letters, digits, '_' and inner ' . , between letters or digits;
// the symbols / % $ € £ ¥ ° < > = ≤ ≥ on their own. Hyphens join words without being words.
// `lowered` receives the text in ASCII lower case, at the same offsets; the tokens' `lower`
// point into it, and their `spelling` is left empty (Lexicon::Impl::look_up fills it).
void tokenize(std::string_view text, std::string& lowered, std::vector<Token>& out);

class Words;

// A list of phrases, each with a payload index, matched longest first at a token position.
// Flat arrays: the phrases in order of their first word, then longest first, and their words.
class PhraseSet {
 public:
  void add(std::string_view phrase, size_t payload, Words& words);
  // Orders the phrases by first word and length, once all are added; match() needs it.
  void finish();
  struct Match {
    size_t length = 0;  // tokens
    size_t payload = 0;
    std::vector<size_t> also;  // payloads of other phrases of the same length there
  };
  // The longest phrase that starts at tokens[i] of n; where several are as long ("cuda" is a
  // GPU and an NVIDIA make), all of them.
  // Inline: most tokens start no phrase of the set, which their starts bits tell at once.
  std::optional<Match> match(const Token* tokens, size_t n, size_t i) const {
    if (!(tokens[i].starts() & bit_)) return std::nullopt;
    return longest(tokens, n, i);
  }
  std::optional<Match> match(const std::vector<Token>& tokens, size_t i) const { return match(tokens.data(), tokens.size(), i); }
  // Gives this set its bit, and adds it to the starts of the first word of each phrase.
  void mark_first_words(Words& words, uint16_t bit);

 private:
  struct Word {
    uint32_t id = 0;
    int32_t exact = -1;  // index in exact_ of the word as written, for a phrase that must match case ("=M")
  };
  struct Phrase {
    uint32_t first = 0, size = 0;  // its words in words_
    size_t payload = 0;
  };
  bool word_matches(const Word& w, const Token& t) const;
  std::optional<Match> longest(const Token* tokens, size_t n, size_t i) const;
  std::vector<Phrase> phrases_;
  std::vector<Word> words_;
  std::vector<std::string> exact_;
  // Each first word with the range of its phrases in phrases_, sorted by word.
  struct First {
    uint32_t id, begin, end;
  };
  std::vector<First> firsts_;
  uint16_t bit_ = 0;  // this set's bit in Spelling::starts
};

// The words of the lexicon, numbered, and a hash table from each spelling (a word, and its
// plurals "-s", "-es" and "-ies" for "-y") to what it can be.
class Words {
 public:
  // The number of a word in lower case, given on first sight, when its spellings are added.
  uint32_t intern(std::string_view lower);
  // Sets `flag` on the spelling `lower`, and with `plurals` on its plurals too.
  void flag(std::string_view lower, uint8_t flag, bool plurals);
  // The spellings of the word numbered `id` get `bit` in their starts.
  void add_starts(uint32_t id, uint16_t bit);
  // What the lexicon knows of a spelling; an empty Spelling for one it lacks. Stable once
  // the lexicon is built.
  const Spelling& find(std::string_view lower) const;

 private:
  std::vector<std::string> words_;     // by number
  std::vector<std::array<int32_t, 4>> spellings_of_word_;  // by number: its spellings' indices, -1 for none
  std::vector<std::string> keys_;      // spellings, by index
  std::vector<Spelling> spellings_;    // by index
  // Open addressing over a power-of-two table, at most half full: each slot's spelling hash
  // (0: free) and index. A probe reads the small hash array and compares a key only on a hit.
  std::vector<uint64_t> hashes_;
  std::vector<uint32_t> slots_;
  int64_t index(std::string_view key, uint64_t hash) const;  // -1 when absent
  uint32_t spelling(std::string_view key);  // the index of a spelling, added when absent
  // The word's spellings (itself first), each as a key in `buffer`.
  template <class Visit>
  static void spellings_of(std::string_view word, bool plurals, const Visit& visit);
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
  // Fills in each token's spelling; false when no token has a digit or starts a phrase of the
  // lexicon, so that the text states nothing.
  bool look_up(std::vector<Token>& tokens) const;
  // One word as a token of its own, looked up: a unit glued to a number ("ms" of "200ms"),
  // the last word of a field name. `buffer` receives its lower case.
  Token word(std::string_view text, std::string& buffer) const;
};

}  // namespace seam::facts
