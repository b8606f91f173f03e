// Lexer and parser for rule expressions: recursive descent, with precedence climbing for the
// binary operators. Precedence, lowest first:
//   ?:   ||   &&   == != < <= > >= in   + -   * / %   ! - (unary)   . [] () (postfix)
#include <algorithm>
#include <cstdlib>

#include "rules/expr_internal.h"
#include "util/text.h"

namespace seam::rules {

Error expr_error(uint32_t offset, std::string message) {
  Error e = Error::invalid(std::move(message));
  e.line = 1;
  e.column = offset + 1;
  return e;
}

namespace {

enum class Tok : uint8_t { End, Int, Float, String, Ident, Punct };

struct Token {
  Tok kind = Tok::End;
  uint32_t offset = 0;
  std::string_view text;  // as written; a string literal's value is in `decoded`
  std::string decoded;
  int64_t integer = 0;
  double number = 0;
  int level = -1;  // a binary operator's precedence level (kBinary), else -1
  Op op = Op::Literal;  // and which operator
};

// Binary operators by precedence level, lowest first. Comparisons, and the word "in" (see
// advance), are level kComparison.
struct BinaryOp {
  std::string_view text;
  int level;
  Op op;
};
constexpr BinaryOp kBinary[] = {
    {"||", 0, Op::Or}, {"&&", 1, Op::And},
    {"==", 2, Op::Eq}, {"!=", 2, Op::Ne}, {"<=", 2, Op::Le}, {">=", 2, Op::Ge}, {"<", 2, Op::Lt}, {">", 2, Op::Gt},
    {"+", 3, Op::Add}, {"-", 3, Op::Sub},
    {"*", 4, Op::Mul}, {"/", 4, Op::Div}, {"%", 4, Op::Mod},
};
constexpr int kComparison = 2;

constexpr int kMaxNesting = 64;  // deep enough for any real rule, shallow enough for the stack
// The checker, the evaluator and the destructor walk the tree recursively, and chains such
// as a.b.c..., 1+1+1... or f(x).g().h() deepen it without any bracket: the parser bounds
// the height of every node it builds as well as its own recursion.
constexpr uint16_t kMaxHeight = 256;

class Parser {
 public:
  explicit Parser(std::string_view text) : s_(text) {}

  Result<ExprPtr> run() {
    if (auto st = advance(); !st.ok()) return std::move(st).take_error();
    auto e = expression();
    if (!e.ok()) return e;
    if (tok_.kind != Tok::End) {
      std::string spelled(tok_.kind == Tok::String ? std::string_view(tok_.decoded) : tok_.text);
      return fail("unexpected '" + spelled + "' after the end of the expression");
    }
    return e;
  }

 private:
  using R = Result<ExprPtr>;

  Error fail(std::string msg) const { return expr_error(tok_.offset, std::move(msg)); }

  static ExprPtr node(Op op, uint32_t offset) {
    auto e = std::make_unique<Expr>();
    e->op = op;
    e->offset = offset;
    return e;
  }

  R seal(ExprPtr e) const {
    uint16_t h = 0;
    for (const auto& a : e->args) h = std::max(h, a->height);
    if (h >= kMaxHeight)
      return expr_error(e->offset, "expression is more than " + std::to_string(kMaxHeight) +
                                       " levels deep (each operator, '.', '[]' and call adds one)");
    e->height = static_cast<uint16_t>(h + 1);
    return e;
  }

  static ExprPtr binary(Op op, uint32_t offset, ExprPtr a, ExprPtr b) {
    auto e = node(op, offset);
    e->args.push_back(std::move(a));
    e->args.push_back(std::move(b));
    return e;
  }

  bool is(std::string_view punct) const { return tok_.kind == Tok::Punct && tok_.text == punct; }

  Status expect(std::string_view punct) {
    if (!is(punct)) return fail("expected '" + std::string(punct) + "'; found " + describe(tok_));
    return advance();
  }

  static std::string describe(const Token& t) {
    if (t.kind == Tok::End) return "the end of the expression";
    if (t.kind == Tok::String) return "a string";
    return std::string("'").append(t.text).append("'");
  }

  R expression() {
    if (++depth_ > kMaxNesting) return fail(std::string("expression is nested more than ").append(std::to_string(kMaxNesting)).append(" levels deep"));
    auto cond = logical(0);
    if (cond.ok() && is("?")) cond = conditional(std::move(cond).value());
    --depth_;
    return cond;
  }

  R conditional(ExprPtr cond) {
    const uint32_t at = tok_.offset;
    if (auto st = advance(); !st.ok()) return std::move(st).take_error();
    auto yes = expression();
    if (!yes.ok()) return yes;
    if (auto st = expect(":"); !st.ok()) return std::move(st).take_error();
    auto no = expression();
    if (!no.ok()) return no;
    auto e = node(Op::Cond, at);
    e->args.push_back(std::move(cond));
    e->args.push_back(std::move(yes).value());
    e->args.push_back(std::move(no).value());
    return seal(std::move(e));
  }

  // Operands joined by binary operators of at least `min_level`, left to right.
  R logical(int min_level) {
    auto left = unary();
    if (!left.ok()) return left;
    ExprPtr acc = std::move(left).value();
    bool compared = false;
    while (!chained_ && tok_.level >= min_level) {
      const int level = tok_.level;
      const Op o = tok_.op;
      const uint32_t at = tok_.offset;
      if (level == kComparison) {
        // Comparisons do not chain: a < b < c is an error, which the caller reports at the
        // second '<' once every level has stopped.
        chained_ = compared;
        if (chained_) break;
        compared = true;
      }
      if (auto st = advance(); !st.ok()) return std::move(st).take_error();
      auto right = logical(level + 1);
      if (!right.ok()) return right;
      auto joined = seal(binary(o, at, std::move(acc), std::move(right).value()));
      if (!joined.ok()) return joined;
      acc = std::move(joined).value();
    }
    return acc;
  }

  R unary() {
    if (is("!") || is("-")) {
      const Op op = is("!") ? Op::Not : Op::Neg;
      const uint32_t at = tok_.offset;
      if (auto st = advance(); !st.ok()) return std::move(st).take_error();
      if (++depth_ > kMaxNesting) return fail("expression is nested too deeply");
      auto operand = unary();
      --depth_;
      if (!operand.ok()) return operand;
      auto e = node(op, at);
      e->args.push_back(std::move(operand).value());
      return seal(std::move(e));
    }
    auto e = primary();
    if (!e.ok()) return e;
    return postfix(std::move(e).value());
  }

  R postfix(ExprPtr e) {
    for (;;) {
      const uint32_t at = tok_.offset;
      if (is(".")) {
        if (auto st = advance(); !st.ok()) return std::move(st).take_error();
        if (tok_.kind != Tok::Ident) return fail("expected a field name after '.'; found " + describe(tok_));
        std::string name(tok_.text);
        const uint32_t name_at = tok_.offset;
        if (auto st = advance(); !st.ok()) return std::move(st).take_error();
        if (is("(")) {  // receiver style: x.f(a) is f(x, a), and macros look like this
          auto call = node(Op::Call, name_at);
          call->name = std::move(name);
          call->args.push_back(std::move(e));
          if (auto st = arguments(*call, ")"); !st.ok()) return std::move(st).take_error();
          e = std::move(call);
        } else {
          auto sel = node(Op::Select, name_at);
          sel->name = std::move(name);
          sel->args.push_back(std::move(e));
          e = std::move(sel);
        }
      } else if (is("[")) {
        if (auto st = advance(); !st.ok()) return std::move(st).take_error();
        auto index = expression();
        if (!index.ok()) return index;
        if (auto st = expect("]"); !st.ok()) return std::move(st).take_error();
        e = binary(Op::Index, at, std::move(e), std::move(index).value());
      } else {
        return e;
      }
      auto sealed = seal(std::move(e));
      if (!sealed.ok()) return sealed;
      e = std::move(sealed).value();
    }
  }

  Status arguments(Expr& call, std::string_view close) {
    if (auto st = advance(); !st.ok()) return st;  // past '(' or '['
    if (is(close)) return advance();
    for (;;) {
      auto arg = expression();
      if (!arg.ok()) return std::move(arg).take_error();
      call.args.push_back(std::move(arg).value());
      if (is(close)) return advance();
      if (auto st = expect(","); !st.ok()) return st;
    }
  }

  R primary() {
    const Token t = tok_;
    auto literal = [&](Value v) -> R {
      auto e = node(Op::Literal, t.offset);
      e->literal = std::move(v);
      if (auto st = advance(); !st.ok()) return std::move(st).take_error();
      return e;
    };
    switch (t.kind) {
      case Tok::Int: return literal(Value::integer(t.integer));
      case Tok::Float: return literal(Value::number(t.number));
      case Tok::String: return literal(Value::string(t.decoded));
      case Tok::End: return fail("expected a value; found the end of the expression");
      case Tok::Ident: return identifier();
      case Tok::Punct: break;
    }
    if (is("(")) {
      if (auto st = advance(); !st.ok()) return std::move(st).take_error();
      auto inner = expression();
      if (!inner.ok()) return inner;
      if (auto st = expect(")"); !st.ok()) return std::move(st).take_error();
      return inner;
    }
    if (is("[")) {
      auto list = node(Op::ListLit, t.offset);
      if (auto st = arguments(*list, "]"); !st.ok()) return std::move(st).take_error();
      return seal(std::move(list));
    }
    return fail("expected a value; found " + describe(t));
  }

  R identifier() {
    const Token t = tok_;
    if (t.text == "true" || t.text == "false" || t.text == "null") {
      auto e = node(Op::Literal, t.offset);
      if (t.text != "null") e->literal = Value::boolean(t.text == "true");
      if (auto st = advance(); !st.ok()) return std::move(st).take_error();
      return e;
    }
    if (t.text == "in") return fail("expected a value; found 'in'");
    if (auto st = advance(); !st.ok()) return std::move(st).take_error();
    if (is("(")) {
      auto call = node(Op::Call, t.offset);
      call->name = std::string(t.text);
      if (auto st = arguments(*call, ")"); !st.ok()) return std::move(st).take_error();
      return seal(std::move(call));
    }
    auto var = node(Op::Var, t.offset);
    var->name = std::string(t.text);
    return var;
  }

  // ---- lexer ----

  Status advance() {
    while (pos_ < s_.size() && text::ascii_space(s_[pos_])) ++pos_;
    tok_ = Token{};
    tok_.offset = static_cast<uint32_t>(pos_);
    if (pos_ >= s_.size()) return Ok{};
    const char c = s_[pos_];
    if (text::ascii_digit(c)) return lex_number();
    if (text::ascii_alpha(c) || c == '_') {
      const size_t start = pos_;
      while (pos_ < s_.size() && (text::ascii_alnum(s_[pos_]) || s_[pos_] == '_')) ++pos_;
      tok_.kind = Tok::Ident;
      tok_.text = s_.substr(start, pos_ - start);
      if (tok_.text == "in") tok_.level = kComparison, tok_.op = Op::In;
      return Ok{};
    }
    if (c == '"' || c == '\'') return lex_string(c);
    static constexpr std::string_view two[] = {"==", "!=", "<=", ">=", "&&", "||"};
    for (auto p : two)
      if (s_.substr(pos_, 2) == p) return punct(2);
    if (std::string_view("()[].,?:!<>+-*/%").find(c) != std::string_view::npos) return punct(1);
    return expr_error(tok_.offset, std::string("unexpected character '") + c + "'");
  }

  Status punct(size_t n) {
    tok_.kind = Tok::Punct;
    tok_.text = s_.substr(pos_, n);
    pos_ += n;
    for (const auto& b : kBinary)  // a binary operator?
      if (tok_.text == b.text) tok_.level = b.level, tok_.op = b.op;
    return Ok{};
  }

  Status lex_number() {
    const size_t start = pos_;
    bool is_float = false;
    while (pos_ < s_.size()) {
      const char c = s_[pos_];
      const bool exp_sign = (c == '+' || c == '-') && pos_ > start && (s_[pos_ - 1] == 'e' || s_[pos_ - 1] == 'E');
      if (text::ascii_digit(c) || exp_sign) {
      } else if (c == '.' || c == 'e' || c == 'E') {
        is_float = true;
      } else {
        break;
      }
      ++pos_;
    }
    const std::string text(s_.substr(start, pos_ - start));
    char* end = nullptr;
    tok_.text = s_.substr(start, pos_ - start);
    if (is_float) {
      tok_.kind = Tok::Float;
      tok_.number = std::strtod(text.c_str(), &end);
    } else {
      tok_.kind = Tok::Int;
      errno = 0;
      tok_.integer = std::strtoll(text.c_str(), &end, 10);
      if (errno == ERANGE) return expr_error(tok_.offset, "integer " + text + " is too large");
    }
    if (end != text.c_str() + text.size()) return expr_error(tok_.offset, "malformed number '" + text + "'");
    return Ok{};
  }

  Status lex_string(char quote) {
    ++pos_;
    std::string out;
    while (pos_ < s_.size() && s_[pos_] != quote) {
      char c = s_[pos_++];
      if (c == '\\' && pos_ < s_.size()) {
        const char esc = s_[pos_++];
        switch (esc) {
          case 'n': c = '\n'; break;
          case 't': c = '\t'; break;
          case '\\': case '\'': case '"': c = esc; break;
          default: return expr_error(static_cast<uint32_t>(pos_ - 2), std::string("unknown escape '\\") + esc + "'");
        }
      }
      out += c;
    }
    if (pos_ >= s_.size()) return expr_error(tok_.offset, "string is not closed");
    ++pos_;
    tok_.kind = Tok::String;
    tok_.text = s_.substr(tok_.offset, pos_ - tok_.offset);
    tok_.decoded = std::move(out);
    return Ok{};
  }

  std::string_view s_;
  size_t pos_ = 0;
  Token tok_;
  int depth_ = 0;
  bool chained_ = false;  // a comparison followed another: parsing stops there (logical)
};

}  // namespace

Result<ExprPtr> parse_expr(std::string_view text) { return Parser(text).run(); }

}  // namespace seam::rules
