// The fact extractor: lexicon phrases with their negation, and numbers with their units.
#include <algorithm>
#include <charconv>

#include "facts/dates.h"
#include "facts/lexicon.h"
#include "util/text.h"

namespace seam::facts {
namespace {

using Impl = Lexicon::Impl;

// The number a token starts with ("1,200", "0.81", "12k"), and what follows it in the token.
std::optional<double> leading_number(const Token& t, std::string& suffix) {
  const std::string_view w = t.lower;
  if (w.empty() || !text::ascii_digit(w[0])) return std::nullopt;
  std::string digits;
  size_t i = 0;
  bool point = false;
  for (; i < w.size(); ++i) {
    if (text::ascii_digit(w[i])) digits += w[i];
    else if (w[i] == ',') continue;
    else if (w[i] == '.' && !point) point = true, digits += '.';
    else break;
  }
  suffix = std::string(t.text.substr(i));
  // "1.2.3" is a version and "o'clock" is not a unit.
  if (suffix.find_first_of(".,'") != std::string::npos || (!suffix.empty() && text::ascii_digit(suffix[0])))
    return std::nullopt;
  double v = 0;
  std::from_chars(digits.data(), digits.data() + digits.size(), v);
  return v;
}

class Reader {
 public:
  Reader(const Impl& lx, std::string_view text, std::vector<Token>& tokens) : lx_(lx), text_(text), t_(tokens) {}

  std::vector<Fact> read() {
    std::vector<Fact> out;
    size_t i = 0;
    while (i < t_.size()) {
      const Token& t = t_[i];
      const bool number = !t.lower.empty() && text::ascii_digit(t.lower[0] == 'v' && t.lower.size() > 1 ? t.lower[1] : t.lower[0]);
      const bool between = t.lower == "between";
      // Only a number, "between", a bound or a currency can start a quantity.
      const bool quantity = number || between || (t.starts() & lx_.quantity_starts);
      if (t.in_date || (!quantity && !(t.starts() & lx_.fact_starts))) {
        ++i;
      } else if (auto v = number ? version(i) : std::nullopt) {
        out.push_back(std::move(*v));
      } else if (auto q = quantity ? quantity_unless_phrase(i) : std::nullopt) {
        out.push_back(std::move(*q));
      } else if (auto u = named_unit(i)) {
        out.push_back(std::move(*u));
      } else if (auto m = lx_.term_phrases.match(t_, i)) {
        const bool negation = negated(i, i + m->length);
        for (size_t k = 0; k <= m->also.size(); ++k) {
          const auto& term = lx_.terms[k == 0 ? m->payload : m->also[k - 1]];
          if (term.ignore) break;  // a phrase listed to be ignored says nothing in any kind
          Fact f;
          f.kind = term.kind;
          f.value = term.value;
          f.negated = term.negated != negation;
          f.begin = t_[i].begin;
          f.end = t_[i + m->length - 1].end;
          out.push_back(std::move(f));
        }
        i += m->length;
      } else {
        ++i;
      }
    }
    return out;
  }

 private:
  // A quantity at i, unless a lexicon phrase there is at least as long: "8-bit" is an image
  // depth and "between 0 and 1" a probability, not numbers.
  std::optional<Fact> quantity_unless_phrase(size_t& i) {
    size_t end = i;
    auto q = quantity(end);
    if (!q) return std::nullopt;
    if (auto m = lx_.term_phrases.match(t_, i); m && i + m->length >= end) return std::nullopt;
    i = end;
    return q;
  }

  bool usable(size_t i) const { return i < t_.size() && !t_[i].in_date; }
  bool same_clause(size_t i) const { return usable(i) && !t_[i].clause_start; }

  std::optional<double> number(size_t i, std::string& suffix) const {
    return usable(i) ? leading_number(t_[i], suffix) : std::nullopt;
  }

  // Whether a negating word governs tokens [begin, end): one before it within reach in the
  // same clause ("no dedicated GPU"), or one just after it ("GPU: none"). "no more than" is a
  // bound, not a negation.
  bool negated(size_t begin, size_t end) const {
    for (size_t j = begin; j-- > 0;) {
      if (t_[j + 1].clause_start || begin - j > lx_.negation_reach + 2) break;
      if (j + 1 < begin && t_[j + 1].is(kNegationStop)) break;
      auto m = lx_.negation_before.match(t_, j);
      if (!m || j + m->length > begin || begin - (j + m->length) >= lx_.negation_reach) continue;
      auto bound = lx_.bound_max.match(t_, j);
      if (bound && bound->length > m->length) continue;
      if (auto bmin = lx_.bound_min.match(t_, j); bmin && bmin->length > m->length) continue;
      return true;
    }
    for (size_t j = end; j < t_.size() && j < end + lx_.negation_reach; ++j) {
      if (t_[j].clause_start) break;
      if (lx_.negation_after.match(t_, j)) return true;
    }
    return false;
  }

  // A version of the model or of a release, after the word that says so: "model 2.4.0",
  // "version 3.1", "release v2". Other version numbers belong to libraries and tools.
  std::optional<Fact> version(size_t& i) const {
    const std::string_view w = t_[i].lower;
    const size_t digits_at = w.size() > 1 && w[0] == 'v' && text::ascii_digit(w[1]) ? 1 : 0;
    if (!text::ascii_digit(w[digits_at]) || i == 0 || t_[i].clause_start) return std::nullopt;
    const std::string_view before = t_[i - 1].lower;
    if (before != "model" && before != "version" && before != "release" && before != "build") return std::nullopt;
    for (size_t k = digits_at; k < w.size(); ++k)
      if (!text::ascii_digit(w[k]) && w[k] != '.' && w[k] != 'x') return std::nullopt;
    Fact f;
    f.kind = "version";
    f.value = std::string(w.substr(digits_at));
    f.begin = t_[i].begin;
    f.end = t_[i].end;
    ++i;
    return f;
  }

  // A unit named without a number where it can only be the unit of a value: after a word
  // like "in" ("speed in km/h"), in parentheses ("speed (km/h)"), as the last words of a
  // clause after a comma ("mean speed, km/h"), or as the whole text. One-letter units ("in
  // s") are too ambiguous, except as the whole text.
  std::optional<Fact> named_unit(size_t& i) const {
    auto m = lx_.unit_phrases.match(t_, i);
    if (!m) return std::nullopt;
    // A text that is nothing but a unit names one, one letter or not: a `unit` field, "km/h".
    const bool whole = i == 0 && m->length == t_.size();
    if (!whole && (i == 0 || (m->length == 1 && t_[i].text.size() < 2))) return std::nullopt;
    auto before = whole || t_[i].clause_start ? std::nullopt : lx_.unit_of_words.match(t_, i - 1);
    const bool after_word = before && before->length == 1;
    const Token& last = t_[i + m->length - 1];
    const bool closes = i + m->length == t_.size() || t_[i + m->length].clause_start;
    const bool bracketed = t_[i].begin > 0 && text_[t_[i].begin - 1] == '(' && last.end < text_.size() && text_[last.end] == ')';
    const bool trailing = t_[i].clause_start && closes && text_.substr(0, t_[i].begin).find_last_not_of(' ') != std::string_view::npos &&
                          text_[text_.substr(0, t_[i].begin).find_last_not_of(' ')] == ',';
    if (!whole && !after_word && !bracketed && !trailing) return std::nullopt;
    // A longer phrase of the lexicon says more: "in milliseconds since the epoch" is a format.
    if (auto term = lx_.term_phrases.match(t_, i); term && term->length > m->length) return std::nullopt;
    const auto& u = lx_.units[m->payload];
    Fact f;
    f.kind = "unit";
    f.value = u.dimension;
    f.unit = u.unit;
    f.unit_name = u.name;
    f.begin = t_[i].begin;
    f.end = t_[i + m->length - 1].end;
    i += m->length;
    return f;
  }

  // A word that multiplies the number before it, glued ("12k") or not ("2 million").
  std::optional<double> multiplier(std::string_view word) const {
    std::string buffer;
    const Token one = lx_.word(word, buffer);
    auto m = lx_.multiplier_words.match(&one, 1, 0);
    return m ? std::optional<double>(lx_.multipliers[m->payload]) : std::nullopt;
  }

  // A unit written right after the digits: "200ms", "16GB".
  std::optional<size_t> glued_unit(std::string_view word) const {
    std::string buffer;
    const Token one = lx_.word(word, buffer);
    auto m = lx_.unit_phrases.match(&one, 1, 0);
    return m && m->length == 1 ? std::optional<size_t>(m->payload) : std::nullopt;
  }

  // A number at i with what it needs: its multiplier, or a unit glued to it.
  std::optional<double> scaled_number(size_t& i, std::optional<size_t>& unit) const {
    std::string suffix;
    auto v = number(i, suffix);
    if (!v) return std::nullopt;
    if (!suffix.empty()) {
      if (auto m = multiplier(suffix)) *v *= *m;
      else if (auto u = glued_unit(suffix)) unit = u;
      else return std::nullopt;  // "3rd", "10x", "4k60"
    }
    ++i;
    if (same_clause(i)) {
      if (auto m = lx_.multiplier_words.match(t_, i); m && !t_[i].lower.empty() && text::ascii_alpha(t_[i].lower[0])) {
        *v *= lx_.multipliers[m->payload];
        i += m->length;
      }
    }
    return v;
  }

  std::optional<Fact> quantity(size_t& at) {
    size_t i = at;
    Fact f;
    f.kind = "quantity";
    bool between = false;
    if (auto m = lx_.bound_min.match(t_, i)) f.bound = Fact::Bound::AtLeast, i += m->length;
    else if (auto m = lx_.bound_max.match(t_, i)) f.bound = Fact::Bound::AtMost, i += m->length;
    else if (t_[i].lower == "between") between = true, ++i;
    std::optional<size_t> unit;
    if (usable(i)) {
      if (auto m = lx_.unit_phrases.match(t_, i); m && lx_.units[m->payload].dimension == "currency") {
        std::string suffix;
        if (number(i + m->length, suffix)) unit = m->payload, i += m->length;
      }
    }
    std::optional<size_t> glued;
    auto low = scaled_number(i, glued);
    if (!low) return std::nullopt;
    double high = *low;
    // A range: "5-10", "5 to 10", "between 5 and 10".
    if (usable(i)) {
      size_t j = i;
      bool joined = t_[j].dash_before;
      if (!joined && same_clause(j) && t_[j].is(kRangeJoin) && (t_[j].lower != "and" || between))
        joined = same_clause(++j);
      std::optional<size_t> glued_high;
      if (joined) {
        if (auto h = scaled_number(j, glued_high); h && *h >= *low) high = *h, i = j, glued = glued_high ? glued_high : glued;
      }
    }
    if (glued) unit = glued;
    for (int k = 0; k < 2 && same_clause(i) && lx_.filler_words.match(t_, i); ++k) ++i;
    if (!unit && same_clause(i)) {
      if (auto m = lx_.unit_phrases.match(t_, i)) unit = m->payload, i += m->length;
    }
    std::string noun;
    if (!unit) {
      for (size_t k = 0; k < 2 && same_clause(i + k); ++k) {
        if (t_[i + k].is(kCountNoun)) {
          noun = std::string(t_[i + k].lower);
          i += k + 1;
          break;
        }
      }
    }
    // "per second", "/min", "a day" after a unit or a count: a rate.
    std::optional<double> per_seconds;
    if (same_clause(i)) {
      if (auto p = lx_.per_words.match(t_, i); p && same_clause(i + p->length)) {
        if (auto u = lx_.unit_phrases.match(t_, i + p->length); u && lx_.units[u->payload].dimension == "duration") {
          per_seconds = lx_.units[u->payload].factor;
          i += p->length + u->length;
        }
      }
    }
    if (unit) {
      const auto& u = lx_.units[*unit];
      f.value = u.dimension;
      f.unit = u.unit;
      f.unit_name = u.name;
      if (u.factor > 0) *low *= u.factor, high *= u.factor;
    } else {
      f.value = noun.empty() ? "number" : "count";
      f.unit = noun;
    }
    if (per_seconds) {
      *low /= *per_seconds;
      high /= *per_seconds;
      f.unit = (f.value == "count" || f.value == "number" ? "" : f.unit) + "/s";
      f.value = "rate";
    }
    f.low = *low;
    f.high = high;
    f.amount = high;
    f.begin = t_[at].begin;
    f.end = t_[i - 1].end;
    at = i;
    return f;
  }

  const Impl& lx_;
  std::string_view text_;
  std::vector<Token>& t_;
};

}  // namespace

std::string Fact::name() const { return (negated ? "not " : "") + kind + ":" + value; }

std::string field_stem(std::string_view name, const Lexicon& lexicon) {
  // Words of the name in lower case, joined by '_'; the unit dropped when it is the last of
  // several words.
  std::string out;
  size_t last = 0, count = 0;
  bool in_word = false;
  for (const char c : name) {
    if (!text::ascii_alnum(c)) {
      in_word = false;
      continue;
    }
    if (!in_word) {
      if (!out.empty()) out += '_';
      last = out.size();
      ++count;
      in_word = true;
    }
    out += text::ascii_lower(c);
  }
  if (count > 1) {
    std::string buffer;
    const Token unit = lexicon.impl().word(std::string_view(out).substr(last), buffer);
    if (auto m = lexicon.impl().unit_phrases.match(&unit, 1, 0); m && m->length == 1) out.resize(last - 1);
  }
  return out;
}

std::vector<Fact> extract(std::string_view text, const Lexicon& lexicon) {
  text = text.substr(0, kMaxText);
  const Impl& lx = lexicon.impl();
  // Reused from call to call: most texts are short, and most hold no fact.
  thread_local std::string lowered;
  thread_local std::vector<Token> tokens;
  thread_local std::vector<uint32_t> date_starts;
  tokenize(text, lowered, tokens);
  // Every fact starts at a number or a word of the lexicon ("between" is one), and every date
  // has a digit: most text values have neither.
  if (!lx.look_up(tokens)) return {};
  // Dates begin at the words of a token with a digit, or of a month's name.
  date_starts.clear();
  for (const auto& t : tokens) {
    if (!t.digit && !month_word(t.lower)) continue;
    for (uint32_t p = t.begin; p < t.end; ++p)
      if (text::ascii_alnum(text[p]) && (p == 0 || !text::ascii_alnum(text[p - 1]))) date_starts.push_back(p);
  }
  std::vector<Fact> out = date_starts.empty() ? std::vector<Fact>() : dates(text, &date_starts);
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (!tokens[i].is(kClauseBreak)) continue;
    tokens[i].clause_start = true;
    if (i + 1 < tokens.size()) tokens[i + 1].clause_start = true;
  }
  size_t d = 0;
  for (auto& t : tokens) {
    while (d < out.size() && out[d].end <= t.begin) ++d;
    t.in_date = d < out.size() && out[d].begin <= t.begin && t.end <= out[d].end;
  }
  auto found = Reader(lx, text, tokens).read();
  if (out.empty()) return found;
  out.insert(out.end(), std::make_move_iterator(found.begin()), std::make_move_iterator(found.end()));
  std::stable_sort(out.begin(), out.end(), [](const Fact& a, const Fact& b) { return a.begin < b.begin; });
  return out;
}

}  // namespace seam::facts
