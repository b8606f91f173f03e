#include "facts/lexicon.h"

#include <algorithm>
#include <cctype>

#include "doc/parse.h"
#include "util/embedded.h"

namespace seam::facts {
namespace {

bool word_char(unsigned char c) { return std::isalnum(c) || c == '_' || c >= 0x80; }

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
                           std::isalnum(static_cast<unsigned char>(s[i + len + 1])) &&
                           std::isalnum(static_cast<unsigned char>(s[i + len - 1]));
        if (!inner || (d == ',' && !std::isdigit(static_cast<unsigned char>(s[i + len + 1])))) break;
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
    for (const char ch : t.text) t.lower += static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
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
  auto& list = by_first_[lower_key];
  list.push_back(phrases_.size() - 1);
  std::stable_sort(list.begin(), list.end(), [&](size_t a, size_t b) { return phrases_[a].words.size() > phrases_[b].words.size(); });
}

std::optional<PhraseSet::Match> PhraseSet::match(const std::vector<Token>& tokens, size_t i) const {
  const std::string& w = tokens[i].lower;
  // The keys a word can have been filed under: itself, or its singular.
  std::string keys[4] = {w, "", "", ""};
  if (w.size() > 1 && w.back() == 's') keys[1] = w.substr(0, w.size() - 1);
  if (w.size() > 2 && w.compare(w.size() - 2, 2, "es") == 0) keys[2] = w.substr(0, w.size() - 2);
  if (w.size() > 3 && w.compare(w.size() - 3, 3, "ies") == 0) keys[3] = w.substr(0, w.size() - 3) + "y";
  std::optional<Match> best;
  for (const auto& key : keys) {
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

Lexicon::Lexicon(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Lexicon::~Lexicon() = default;

Result<std::shared_ptr<const Lexicon>> Lexicon::parse(std::string_view terms, std::string_view units,
                                                      std::string_view grammar) {
  auto impl = std::make_unique<Impl>();
  if (auto s = parse_terms(*impl, terms); !s.ok()) return s.error();
  if (auto s = parse_units(*impl, units); !s.ok()) return s.error();
  if (auto s = parse_grammar(*impl, grammar); !s.ok()) return s.error();
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
