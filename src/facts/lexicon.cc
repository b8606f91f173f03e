#include "facts/lexicon.h"

#include <algorithm>
#include <array>

#include "doc/parse.h"
#include "util/embedded.h"
#include "util/text.h"

namespace seam::facts {
namespace {

// What a byte is to the tokenizer. Bytes from 0x80 start letters of other scripts, which
// belong to words, unless they start one of the symbols or dashes below.
enum ByteClass : uint8_t { kSpace, kWord, kSymbol, kClause, kDash, kInner, kHigh };

constexpr std::array<uint8_t, 256> byte_classes() {
  std::array<uint8_t, 256> t{};
  for (int c = 0; c < 256; ++c) {
    if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_') t[c] = kWord;
    else if (c >= 0x80) t[c] = kHigh;
  }
  for (const char c : std::string_view("/%$<>=")) t[static_cast<unsigned char>(c)] = kSymbol;
  for (const char c : std::string_view(";!?\n")) t[static_cast<unsigned char>(c)] = kClause;
  // Inside a word between alphanumerics ("doesn't", "0.81", "1,000"), else as , and . end clauses.
  for (const char c : std::string_view("'.,")) t[static_cast<unsigned char>(c)] = kInner;
  t['-'] = kDash;
  return t;
}
constexpr std::array<uint8_t, 256> kClasses = byte_classes();

uint8_t class_of(char c) { return kClasses[static_cast<unsigned char>(c)]; }

// Multi-byte symbols that are tokens of their own, and dashes; all start with 0xC2 or 0xE2.
constexpr std::string_view kSymbols[] = {"€", "£", "¥", "°", "≤", "≥"};
constexpr std::string_view kDashes[] = {"–", "—"};

size_t high_symbol_at(std::string_view s, size_t i) {
  for (const auto sym : kSymbols)
    if (s.substr(i, sym.size()) == sym) return sym.size();
  return 0;
}

size_t high_dash_at(std::string_view s, size_t i) {
  for (const auto dash : kDashes)
    if (s.substr(i, dash.size()) == dash) return dash.size();
  return 0;
}

// The length of the word at i: word bytes, letters of other scripts, and ' . , between
// alphanumerics (a comma only before a digit: "1,000" but not "a,b").
size_t word_length(std::string_view s, size_t i) {
  const char* const first = s.data() + i;
  const char* const end = s.data() + s.size();
  const char* p = first;
  while (true) {
    while (p < end && class_of(*p) == kWord) ++p;  // most of a word: one table look-up a byte
    if (p >= end) break;
    const uint8_t c = class_of(*p);
    if (c == kHigh) {
      const auto at = static_cast<size_t>(p - s.data());
      if (high_symbol_at(s, at) || high_dash_at(s, at)) break;
      ++p;
    } else if (c == kInner && p > first && p + 1 < end && text::ascii_alnum(p[1]) && text::ascii_alnum(p[-1]) &&
               (*p != ',' || text::ascii_digit(p[1]))) {
      ++p;
    } else {
      break;
    }
  }
  return static_cast<size_t>(p - first);
}

}  // namespace

void tokenize(std::string_view s, std::string& lowered, std::vector<Token>& out) {
  out.clear();
  lowered.assign(s);
  for (char& c : lowered) c = text::ascii_lower(c);
  const std::string_view low = lowered;
  bool clause = true, dash = false;
  size_t i = 0;
  while (i < s.size()) {
    const uint8_t c = class_of(s[i]);
    size_t len = 0;
    if (c == kWord) {
      len = word_length(s, i);
    } else if (c == kSymbol) {
      len = 1;
    } else if (c == kHigh) {
      if (const size_t d = high_dash_at(s, i)) {
        dash = true;
        i += d;
        continue;
      }
      len = high_symbol_at(s, i);
      if (!len) len = word_length(s, i);
    } else {
      if (c == kDash) {
        dash = true;
      } else {
        if (c == kClause || (c == kInner && s[i] != '\'')) clause = true;
        dash = false;
      }
      ++i;
      continue;
    }
    Token& t = out.emplace_back();
    t.text = s.substr(i, len);
    t.lower = low.substr(i, len);
    // A possessive names the thing itself: "the phone's clock" is the phone clock.
    if (len > 3 && s[i + len - 1] == 's')
      for (const std::string_view s_end : {"'s", "\u2019s"})
        if (t.lower.size() > s_end.size() + 1 && t.lower.substr(t.lower.size() - s_end.size()) == s_end)
          t.lower.remove_suffix(s_end.size());
    t.digit = std::any_of(t.text.begin(), t.text.end(), text::ascii_digit);
    t.begin = static_cast<uint32_t>(i);
    t.end = static_cast<uint32_t>(i + len);
    t.clause_start = clause;
    t.dash_before = dash && !clause;
    clause = dash = false;
    i += len;
  }
}

namespace {

// Whether `have` is `word` or one of its plurals: "gpus", "boxes", "probabilities".
bool spelled_as(std::string_view have, std::string_view word) {
  if (have == word) return true;
  if (have.size() == word.size() + 1 && have.back() == 's' && have.substr(0, word.size()) == word) return true;
  if (have.size() == word.size() + 2 && have.substr(word.size()) == "es" && have.substr(0, word.size()) == word) return true;
  return word.size() > 1 && word.back() == 'y' && have.size() == word.size() + 2 &&
         have.substr(0, word.size() - 1) == word.substr(0, word.size() - 1) && have.substr(word.size() - 1) == "ies";
}

// FNV-1a: words are short, and it needs no set-up. Never 0, which marks a free slot.
uint64_t fnv(std::string_view s) {
  uint64_t h = 1469598103934665603ull;
  for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  return h;
}
uint64_t slot_hash(uint64_t h) { return h | 1; }

}  // namespace

template <class Visit>
void Words::spellings_of(std::string_view word, bool plurals, const Visit& visit) {
  thread_local std::string key;
  key.assign(word);
  visit(key);
  if (!plurals) return;
  visit(key.append("s"));
  key.back() = 'e';
  visit(key.append("s"));
  if (word.size() > 1 && word.back() == 'y') visit(key.assign(word.substr(0, word.size() - 1)).append("ies"));
}

int64_t Words::index(std::string_view key, uint64_t hash) const {
  if (hashes_.empty()) return -1;
  const size_t mask = hashes_.size() - 1;
  for (size_t i = hash & mask; hashes_[i]; i = (i + 1) & mask)
    if (hashes_[i] == hash && keys_[slots_[i]] == key) return slots_[i];
  return -1;
}

uint32_t Words::spelling(std::string_view key) {
  const uint64_t h = slot_hash(fnv(key));
  if (const int64_t i = index(key, h); i >= 0) return static_cast<uint32_t>(i);
  const auto i = static_cast<uint32_t>(keys_.size());
  keys_.emplace_back(key);
  spellings_.emplace_back();
  // The built-in lexicon has a few thousand spellings: start large enough for them.
  if (2 * keys_.size() > hashes_.size()) {
    const size_t size = std::max<size_t>(8192, 2 * hashes_.size());
    hashes_.assign(size, 0);
    slots_.assign(size, 0);
    for (uint32_t k = 0; k < keys_.size(); ++k) {
      const uint64_t hk = slot_hash(fnv(keys_[k]));
      size_t at = hk & (size - 1);
      while (hashes_[at]) at = (at + 1) & (size - 1);
      hashes_[at] = hk;
      slots_[at] = k;
    }
  } else {
    size_t at = h & (hashes_.size() - 1);
    while (hashes_[at]) at = (at + 1) & (hashes_.size() - 1);
    hashes_[at] = h;
    slots_[at] = i;
  }
  return i;
}

uint32_t Words::intern(std::string_view lower) {
  // A word known already is among the words of its own spelling.
  const Spelling& known = find(lower);
  for (uint8_t k = 0; k < known.count; ++k)
    if (words_[known.words[k]] == lower) return known.words[k];
  const auto id = static_cast<uint32_t>(words_.size());
  words_.emplace_back(lower);
  std::array<int32_t, 4> indices{-1, -1, -1, -1};
  size_t n = 0;
  spellings_of(lower, true, [&](std::string_view key) {
    const uint32_t i = spelling(key);
    indices[n++] = static_cast<int32_t>(i);
    Spelling& sp = spellings_[i];
    if (sp.count < Spelling::kMaxWords) sp.words[sp.count++] = id;
  });
  spellings_of_word_.push_back(indices);
  return id;
}

void Words::flag(std::string_view lower, uint8_t flag, bool plurals) {
  const auto& indices = spellings_of_word_[intern(lower)];
  for (size_t k = 0; k < (plurals ? indices.size() : 1); ++k)  // the word itself comes first
    if (indices[k] >= 0) spellings_[static_cast<size_t>(indices[k])].flags |= flag;
}

void Words::add_starts(uint32_t id, uint16_t bit) {
  for (const int32_t i : spellings_of_word_[id])
    if (i >= 0) spellings_[static_cast<size_t>(i)].starts |= bit;
}

const Spelling& Words::find(std::string_view lower) const {
  static const Spelling kNone;
  const int64_t i = lower.empty() ? -1 : index(lower, slot_hash(fnv(lower)));
  return i < 0 ? kNone : spellings_[static_cast<size_t>(i)];
}

bool PhraseSet::word_matches(const Word& w, const Token& t) const {
  return t.spelling && t.spelling->has(w.id) && (w.exact < 0 || spelled_as(t.text, exact_[static_cast<size_t>(w.exact)]));
}

void PhraseSet::add(std::string_view phrase, size_t payload, Words& words) {
  const bool exact = !phrase.empty() && phrase[0] == '=';
  if (exact) phrase.remove_prefix(1);
  thread_local std::string lowered;
  thread_local std::vector<Token> tokens;
  tokenize(phrase, lowered, tokens);
  if (tokens.empty()) return;
  phrases_.push_back({static_cast<uint32_t>(words_.size()), static_cast<uint32_t>(tokens.size()), payload});
  for (const auto& t : tokens) {
    Word w{words.intern(t.lower)};
    if (exact) w.exact = static_cast<int32_t>(exact_.size()), exact_.emplace_back(t.text);
    words_.push_back(w);
  }
}

void PhraseSet::finish() {
  std::stable_sort(phrases_.begin(), phrases_.end(), [&](const Phrase& a, const Phrase& b) {
    const uint32_t x = words_[a.first].id, y = words_[b.first].id;
    return x != y ? x < y : a.size > b.size;
  });
  firsts_.clear();
  for (uint32_t p = 0; p < phrases_.size(); ++p) {
    const uint32_t id = words_[phrases_[p].first].id;
    if (firsts_.empty() || firsts_.back().id != id) firsts_.push_back({id, p, p});
    firsts_.back().end = p + 1;
  }
}

void PhraseSet::mark_first_words(Words& words, uint16_t bit) {
  bit_ = bit;
  for (const auto& f : firsts_) words.add_starts(f.id, bit);
}

std::optional<PhraseSet::Match> PhraseSet::longest(const Token* tokens, size_t n, size_t i) const {
  std::optional<Match> best;
  // The words the token's spelling can be: itself, or the singulars of a plural.
  const Spelling& sp = *tokens[i].spelling;
  for (uint8_t k = 0; k < sp.count; ++k) {
    auto f = std::lower_bound(firsts_.begin(), firsts_.end(), sp.words[k], [](const First& x, uint32_t id) { return x.id < id; });
    if (f == firsts_.end() || f->id != sp.words[k]) continue;
    for (uint32_t p = f->begin; p < f->end; ++p) {
      const Phrase& phrase = phrases_[p];
      if (best && best->length > phrase.size) break;
      if (i + phrase.size > n) continue;
      bool ok = true;
      for (uint32_t w = 0; w < phrase.size && ok; ++w)
        ok = word_matches(words_[phrase.first + w], tokens[i + w]) && (w == 0 || !tokens[i + w].clause_start);
      if (!ok) continue;
      if (!best || best->length < phrase.size) best = Match{phrase.size, phrase.payload, {}};
      else if (phrase.payload != best->payload && std::find(best->also.begin(), best->also.end(), phrase.payload) == best->also.end())
        best->also.push_back(phrase.payload);
    }
  }
  return best;
}

namespace {

Error lexicon_error(const std::string& file, const doc::Source& src, const doc::Node& n, std::string msg) {
  Error e = src.error_at(n.offset, std::move(msg));
  e.file = file;
  return e;
}

// Each string of a list, or each key of an object with its value.
Status phrases_of(const std::string& file, const doc::Source& src, const doc::Node* n, PhraseSet& set, size_t payload,
                  Words& words) {
  if (!n) return Ok{};
  if (n->kind != doc::Kind::Array) return lexicon_error(file, src, *n, "expected a list of phrases");
  for (const auto& item : n->items) {
    if (item.kind != doc::Kind::String) return lexicon_error(file, src, item, "a phrase must be a string");
    set.add(item.text, payload, words);
  }
  return Ok{};
}

Result<doc::Node> parse_file(const std::string& file, std::string_view text, std::unique_ptr<doc::Source>& src) {
  src = std::make_unique<doc::Source>(file, std::string(text));
  // The built-in lexicon comes as JSON on the YAML's lines (CMakeLists.txt), which simdjson
  // reads far faster; errors still name the YAML file and line.
  const size_t first = text.find_first_not_of(" \t\r\n");
  auto root = first != std::string_view::npos && text[first] == '{' ? doc::parse_json(*src) : doc::parse_yaml(*src);
  if (!root.ok()) return root;
  if (root.value().kind != doc::Kind::Object) return lexicon_error(file, *src, root.value(), "expected a mapping");
  return root;
}

Status parse_terms(Lexicon::Impl& lx, std::string_view text) {
  const std::string file = "rules/lexicon/terms.yaml";
  std::unique_ptr<doc::Source> src;
  auto root = parse_file(file, text, src);
  if (!root.ok()) return root.error();
  for (const auto& kind : root.value().members) {
    if (kind.value.kind != doc::Kind::Object) return lexicon_error(file, *src, kind.value, "'" + kind.key + "' must map values to phrases");
    for (const auto& value : kind.value.members) {
      Lexicon::Impl::Term t{kind.key, value.key, false, value.key == "_ignore"};
      if (!t.value.empty() && t.value[0] == '!') t.value.erase(0, 1), t.negated = true;
      lx.terms.push_back(t);
      if (auto s = phrases_of(file, *src, &value.value, lx.term_phrases, lx.terms.size() - 1, lx.words); !s.ok()) return s;
    }
  }
  return Ok{};
}

Status parse_units(Lexicon::Impl& lx, std::string_view text) {
  const std::string file = "rules/lexicon/units.yaml";
  std::unique_ptr<doc::Source> src;
  auto root = parse_file(file, text, src);
  if (!root.ok()) return root.error();
  for (const auto& dim : root.value().members) {
    const doc::Node* canonical = dim.value.find("canonical");
    const doc::Node* units = dim.value.find("units");
    if (!canonical || canonical->kind != doc::Kind::String || !units || units->kind != doc::Kind::Object)
      return lexicon_error(file, *src, dim.value, "'" + dim.key + "' needs 'canonical' and 'units'");
    for (const auto& u : units->members) {
      Lexicon::Impl::Unit unit{dim.key, 0, canonical->text, {}};
      if (u.value.is_number() && u.value.number > 0) unit.factor = u.value.number;
      else if (u.value.kind == doc::Kind::String && !u.value.text.empty()) unit.unit = u.value.text;
      else return lexicon_error(file, *src, u.value, "unit '" + u.key + "' needs a positive factor or a code");
      unit.name = u.key[0] == '=' ? u.key.substr(1) : u.key;
      for (const auto& known : lx.units)
        if (known.dimension == unit.dimension && known.factor == unit.factor && known.unit == unit.unit) unit.name = known.name;
      lx.units.push_back(unit);
      lx.unit_phrases.add(u.key, lx.units.size() - 1, lx.words);
    }
  }
  return Ok{};
}

Status parse_grammar(Lexicon::Impl& lx, std::string_view text) {
  const std::string file = "rules/lexicon/grammar.yaml";
  std::unique_ptr<doc::Source> src;
  auto root = parse_file(file, text, src);
  if (!root.ok()) return root.error();
  const doc::Node& g = root.value();
  const std::pair<const char*, PhraseSet*> sets[] = {
      {"negation_before", &lx.negation_before}, {"negation_after", &lx.negation_after}, {"bound_min", &lx.bound_min},
      {"bound_max", &lx.bound_max}, {"per", &lx.per_words}, {"filler", &lx.filler_words},
      {"unit_of_words", &lx.unit_of_words}};
  for (const auto& [key, set] : sets)
    if (auto s = phrases_of(file, *src, g.find(key), *set, 0, lx.words); !s.ok()) return s;
  // Lists of single words, matched as spelled; a count noun in its plurals too ("records").
  const std::pair<const char*, uint8_t> lists[] = {
      {"clause_breaks", kClauseBreak}, {"range_joins", kRangeJoin}, {"count_nouns", kCountNoun}, {"negation_stops", kNegationStop}};
  for (const auto& [key, flag] : lists) {
    const doc::Node* n = g.find(key);
    for (size_t i = 0; n && i < n->items.size(); ++i) lx.words.flag(text::lower(n->items[i].text), flag, flag == kCountNoun);
  }
  if (const doc::Node* m = g.find("multipliers")) {
    for (const auto& w : m->members) {
      if (!w.value.is_number()) return lexicon_error(file, *src, w.value, "a multiplier must be a number");
      lx.multipliers.push_back(w.value.number);
      lx.multiplier_words.add(w.key, lx.multipliers.size() - 1, lx.words);
    }
  }
  if (const doc::Node* r = g.find("negation_reach"); r && r->kind == doc::Kind::Int && r->integer > 0)
    lx.negation_reach = static_cast<size_t>(r->integer);
  return Ok{};
}

}  // namespace

void Lexicon::Impl::index_first_words() {
  PhraseSet* sets[] = {&term_phrases, &unit_phrases, &bound_min, &bound_max, &negation_before, &negation_after,
                       &multiplier_words, &per_words, &filler_words, &unit_of_words};
  uint16_t bit = 1;
  for (PhraseSet* set : sets) {
    set->finish();
    set->mark_first_words(words, std::exchange(bit, static_cast<uint16_t>(bit << 1)));
  }
  fact_starts = 1 | 2 | 4 | 8;  // terms, units, bounds: the first four sets above
  quantity_starts = 2 | 4 | 8;
}

bool Lexicon::Impl::look_up(std::vector<Token>& tokens) const {
  uint16_t starts = 0;
  bool digit = false;
  for (auto& t : tokens) {
    t.spelling = &words.find(t.lower);
    starts |= t.spelling->starts;
    digit = digit || t.digit;
  }
  return digit || starts;
}

Token Lexicon::Impl::word(std::string_view text, std::string& buffer) const {
  buffer.assign(text);
  for (char& c : buffer) c = text::ascii_lower(c);
  Token t;
  t.text = text;
  t.lower = buffer;
  t.end = static_cast<uint32_t>(text.size());
  t.spelling = &words.find(buffer);
  return t;
}

Lexicon::Lexicon(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Lexicon::~Lexicon() = default;

Result<std::shared_ptr<const Lexicon>> Lexicon::parse(std::string_view terms, std::string_view units,
                                                      std::string_view grammar) {
  auto impl = std::make_unique<Impl>();
  if (auto s = parse_terms(*impl, terms); !s.ok()) return s.error();
  if (auto s = parse_units(*impl, units); !s.ok()) return s.error();
  if (auto s = parse_grammar(*impl, grammar); !s.ok()) return s.error();
  impl->index_first_words();
  return std::shared_ptr<const Lexicon>(std::make_shared<Lexicon>(std::move(impl)));
}

const Lexicon& Lexicon::builtin() {
  static const std::shared_ptr<const Lexicon> lexicon = [] {
    std::string_view texts[3];
    for (const auto& f : embedded_lexicon()) {
      const std::string_view name = f.name;
      if (name == "terms") texts[0] = f.text;
      if (name == "units") texts[1] = f.text;
      if (name == "grammar") texts[2] = f.text;
    }
    auto parsed = parse(texts[0], texts[1], texts[2]);
    return parsed.ok() ? parsed.value() : std::make_shared<Lexicon>(std::make_unique<Impl>());
  }();
  return *lexicon;
}

}  // namespace seam::facts
