// The compact form of compiled expressions (Code in expr.h).
#include "rules/expr_internal.h"

namespace seam::rules {
namespace {

// What a node reads by name: a Select its field, a Path the fields after its variable.
template <class Visit>
void each_name(const Expr& e, const Visit& visit) {
  if (e.op == Op::Select) visit(std::string_view(e.name));
  if (e.op == Op::Path)
    for (const auto& n : e.path) visit(std::string_view(n));
}

void count(const Expr& e, size_t& nodes, size_t& literals, size_t& names, size_t& chars) {
  ++nodes;
  literals += e.op == Op::Literal;
  each_name(e, [&](std::string_view n) { ++names, chars += n.size(); });
  for (size_t i = 0; i < e.args.size(); ++i) count(*e.args[i], nodes, literals, names, chars);
}

// Fills `c` from `e`, and puts e's operands in the next free places of the node array, so
// that each node's operands lie side by side.
void place(const Expr& e, Code& c, size_t& next, size_t& names, CodeBlock& b) {
  c.op = e.op;
  c.slot = e.slot;
  if (e.op == Op::Call) c.fn = e.fn;
  c.nargs = static_cast<uint32_t>(e.args.size());
  if (e.op == Op::Literal) c.literal = &b.literals.emplace_back(e.literal);
  c.names = b.names.get() + names;
  each_name(e, [&](std::string_view n) {
    b.names[names++].text = std::string_view(b.chars.data() + b.chars.size(), n.size());
    b.chars.append(n);
  });
  c.count = static_cast<uint16_t>(b.names.get() + names - c.names);
  const size_t first = next;
  next += c.nargs;
  c.args = b.nodes.data() + first;
  for (size_t i = 0; i < c.nargs; ++i) place(*e.args[i], b.nodes[first + i], next, names, b);
}

}  // namespace

std::unique_ptr<const CodeBlock> make_code(const Expr& root) {
  auto b = std::make_unique<CodeBlock>();
  size_t nodes = 0, literals = 0, names = 0, chars = 0;
  count(root, nodes, literals, names, chars);
  // Sized once: the nodes point into these arrays.
  b->nodes.resize(nodes);
  b->literals.reserve(literals);
  b->names = std::make_unique<Code::Name[]>(names);
  b->chars.reserve(chars);
  size_t next = 1, used = 0;
  place(root, b->nodes[0], next, used, *b);
  return b;
}

}  // namespace seam::rules
