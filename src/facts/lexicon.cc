#include "facts/lexicon.h"

#include <algorithm>
#include <cctype>

#include "doc/parse.h"
#include "util/embedded.h"
#include "util/text.h"

namespace seam::facts {
namespace {

bool word_char(unsigned char c) { return text::ascii_alnum(static_cast<char>(c)) || c == '_' || c >= 0x80; }

// Multi-byte symbols that are tokens of their own; other non-ASCII letters belong to words.
constexpr std::string_view kSymbols[] = {"€", "£", "¥", "°", "≤", "≥"};
constexpr std::string_view kSingleSymbols = "/%$<>=";

size_t symbol_at(std::string_view s, size_t i) {
  if (kSingleSymbols.find(s[i]) != std::string_view::npos) return 1;
  for (const auto sym : kSymbols)
    if (s.substr(i, sym.size()) == sym) return sym.size();
  return 0;
}

bool is_dash(std::string_view s, size_t i, size_t& len) {
  if (s[i] == '-') return len = 1, true;
  if (s.substr(i, 3) == "–" || s.substr(i, 3) == "—") return len = 3, true;
  return false;
}

}  // namespace

std::vector<Token> tokenize(std::string_view s) {
  std::vector<Token> out;
  out.reserve(s.size() / 5 + 1);
  bool clause = true, dash = false;
  size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    size_t len = 0;
    if (const size_t sym = symbol_at(s, i)) {
      len = sym;
    } else if (is_dash(s, i, len)) {
      dash = true;
      i += len;
      continue;
    } else if (word_char(c)) {
      // Inner apostrophes ("doesn't") and points or commas between alphanumerics ("0.81",
      // "1,000", "v1.2") stay in the word; a symbol's bytes end it.
      while (i + len < s.size()) {
        const auto d = static_cast<unsigned char>(s[i + len]);
        if (d >= 0x80 && symbol_at(s, i + len)) break;
        if (word_char(d)) {
          ++len;
          continue;
        }
        const bool inner = (d == '\'' || d == '.' || d == ',') && i + len + 1 < s.size() &&
                           text::ascii_alnum(s[i + len + 1]) && text::ascii_alnum(s[i + len - 1]);
        if (!inner || (d == ',' && !text::ascii_digit(s[i + len + 1]))) break;
        ++len;
      }
    } else {
      if (c == ',' || c == ';' || c == '.' || c == '!' || c == '?' || c == '\n') clause = true;
      dash = false;
      ++i;
      continue;
    }
    Token t;
    t.text = s.substr(i, len);
    t.lower.reserve(len);
    for (const char ch : t.text) t.lower += text::ascii_lower(ch);
    // A possessive names the thing itself: "the phone's clock" is the phone clock.
    for (const std::string_view s_end : {"'s", "\u2019s"})
      if (t.lower.size() > s_end.size() + 1 && t.lower.compare(t.lower.size() - s_end.size(), s_end.size(), s_end) == 0)
        t.lower.resize(t.lower.size() - s_end.size());
    t.begin = static_cast<uint32_t>(i);
    t.end = static_cast<uint32_t>(i + len);
    t.clause_start = clause;
    t.dash_before = dash && !clause;
    out.push_back(std::move(t));
    clause = dash = false;
    i += len;
  }
  return out;
}

bool PhraseSet::word_matches(const Word& w, const Token& t) {
  const std::string_view have = w.exact ? std::string_view(t.text) : std::string_view(t.lower);
  if (have == w.text) return true;
  // Plurals: "gpus", "boxes", "probabilities".
  const std::string_view word = w.text;
  if (have.size() == word.size() + 1 && have.back() == 's' && have.substr(0, word.size()) == word) return true;
  if (have.size() == word.size() + 2 && have.substr(word.size()) == "es" && have.substr(0, word.size()) == word) return true;
  return word.size() > 1 && word.back() == 'y' && have.size() == word.size() + 2 &&
         have.substr(0, word.size() - 1) == word.substr(0, word.size() - 1) && have.substr(word.size() - 1) == "ies";
}

void PhraseSet::add(std::string_view phrase, size_t payload) {
  const bool exact = !phrase.empty() && phrase[0] == '=';
  if (exact) phrase.remove_prefix(1);
  Phrase p;
  p.payload = payload;
  for (const auto& t : tokenize(phrase)) p.words.push_back({exact ? std::string(t.text) : t.lower, exact});
  if (p.words.empty()) return;
  // Filed under the lower-case first word, which is what match() looks up.
  std::string lower_key;
  for (const char c : p.words[0].text) lower_key += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  phrases_.push_back(std::move(p));
  by_first_[lower_key].push_back(phrases_.size() - 1);
}

void PhraseSet::finish() {
  for (auto& [word, list] : by_first_)
    std::stable_sort(list.begin(), list.end(), [&](size_t a, size_t b) { return phrases_[a].words.size() > phrases_[b].words.size(); });
}

std::optional<PhraseSet::Match> PhraseSet::match(const std::vector<Token>& tokens, size_t i) const {
  if (by_first_.empty() || (tokens[i].starts_known && !(tokens[i].starts & bit_))) return std::nullopt;
  const std::string_view w = tokens[i].lower;
  // The keys a word can have been filed under: itself, or its singular.
  std::string_view keys[3] = {w, {}, {}};
  std::string y_form;
  if (w.size() > 1 && w.back() == 's') keys[1] = w.substr(0, w.size() - 1);
  if (w.size() > 2 && w.substr(w.size() - 2) == "es") keys[2] = w.substr(0, w.size() - 2);
  if (w.size() > 3 && w.substr(w.size() - 3) == "ies") y_form = std::string(w.substr(0, w.size() - 3)) + "y";
  std::optional<Match> best;
  for (int k = 0; k < 4; ++k) {
    const std::string_view key = k < 3 ? keys[k] : std::string_view(y_form);
    if (key.empty()) continue;
    auto it = by_first_.find(key);
    if (it == by_first_.end()) continue;
    for (const size_t p : it->second) {
      const auto& words = phrases_[p].words;
      if (best && best->length > words.size()) break;
      if (i + words.size() > tokens.size()) continue;
      bool ok = true;
      for (size_t k = 0; k < words.size() && ok; ++k)
        ok = word_matches(words[k], tokens[i + k]) && (k == 0 || !tokens[i + k].clause_start);
      if (!ok) continue;
      const size_t payload = phrases_[p].payload;
      if (!best || best->length < words.size()) best = Match{words.size(), payload, {}};
      else if (payload != best->payload && std::find(best->also.begin(), best->also.end(), payload) == best->also.end())
        best->also.push_back(payload);
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
Status phrases_of(const std::string& file, const doc::Source& src, const doc::Node* n, PhraseSet& set, size_t payload) {
  if (!n) return Ok{};
  if (n->kind != doc::Kind::Array) return lexicon_error(file, src, *n, "expected a list of phrases");
  for (const auto& item : n->items) {
    if (item.kind != doc::Kind::String) return lexicon_error(file, src, item, "a phrase must be a string");
    set.add(item.text, payload);
  }
  return Ok{};
}

Result<doc::Node> parse_file(const std::string& file, std::string_view text, std::unique_ptr<doc::Source>& src) {
  src = std::make_unique<doc::Source>(file, std::string(text));
  auto root = doc::parse_yaml(*src);
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
      if (auto s = phrases_of(file, *src, &value.value, lx.term_phrases, lx.terms.size() - 1); !s.ok()) return s;
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
      lx.unit_phrases.add(u.key, lx.units.size() - 1);
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
    if (auto s = phrases_of(file, *src, g.find(key), *set, 0); !s.ok()) return s;
  const std::pair<const char*, std::unordered_set<std::string>*> words[] = {
      {"clause_breaks", &lx.clause_breaks}, {"range_joins", &lx.range_joins}, {"count_nouns", &lx.count_nouns},
      {"negation_stops", &lx.negation_stops}};
  for (const auto& [key, set] : words) {
    const doc::Node* n = g.find(key);
    for (size_t i = 0; n && i < n->items.size(); ++i) set->insert(n->items[i].text);
  }
  if (const doc::Node* m = g.find("multipliers")) {
    for (const auto& w : m->members) {
      if (!w.value.is_number()) return lexicon_error(file, *src, w.value, "a multiplier must be a number");
      lx.multipliers.push_back(w.value.number);
      lx.multiplier_words.add(w.key, lx.multipliers.size() - 1);
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
    set->first_words(starters, std::exchange(bit, static_cast<uint16_t>(bit << 1)));
  }
  fact_starts = 1 | 2 | 4 | 8;  // terms, units, bounds: the first four sets above
}

void Lexicon::Impl::mark(std::vector<Token>& tokens) const {
  auto bits = [&](std::string_view w) -> uint16_t {
    auto it = starters.find(w);
    return it == starters.end() ? 0 : it->second;
  };
  for (auto& t : tokens) {
    const std::string_view w = t.lower;
    t.starts = bits(w);
    // The singular forms a plural can be filed under, as PhraseSet::match tries them.
    if (w.size() > 1 && w.back() == 's') t.starts |= bits(w.substr(0, w.size() - 1));
    if (w.size() > 2 && w.substr(w.size() - 2) == "es") t.starts |= bits(w.substr(0, w.size() - 2));
    if (w.size() > 3 && w.substr(w.size() - 3) == "ies") t.starts |= bits(std::string(w.substr(0, w.size() - 3)) + "y");
    t.starts_known = true;
  }
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
