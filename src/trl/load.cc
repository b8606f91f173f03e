// Reading the level catalogue and the TRL Cards: YAML through the document loader, checked
// against the schemas in schemas/, so every fault is located.
#include <algorithm>
#include <cmath>
#include <filesystem>

#include "doc/descriptor.h"
#include "doc/parse.h"
#include "trl/trl.h"
#include "util/embedded.h"
#include "util/file.h"

namespace seam::trl {
namespace {

namespace fs = std::filesystem;

// Parses YAML and validates it against embedded schema `schema`; the first violation wins.
Result<std::pair<std::shared_ptr<const doc::Source>, doc::Node>> load_yaml(Result<doc::Source> src, std::string_view schema) {
  if (!src.ok()) return std::move(src).take_error();
  auto shared = std::make_shared<const doc::Source>(std::move(src).value());
  auto root = doc::parse_yaml(*shared);
  if (!root.ok()) return std::move(root).take_error();
  std::vector<doc::Violation> violations;
  doc::embedded_schema(schema).validate(root.value(), violations);
  if (!violations.empty()) return shared->error_at(violations[0].offset, violations[0].message, violations[0].pointer);
  return std::make_pair(shared, std::move(root).value());
}

std::vector<std::string> strings(const doc::Node* list) {
  std::vector<std::string> out;
  if (list)
    for (const auto& i : list->items) out.push_back(i.text);
  return out;
}

std::string text_of(const doc::Node& n, std::string_view key) {
  const doc::Node* v = n.find(key);
  return v && v->kind == doc::Kind::String ? v->text : std::string();
}

Criterion criterion(const doc::Node& n) {
  Criterion c;
  c.id = text_of(n, "id");
  c.text = text_of(n, "text");
  c.kind = text_of(n, "kind");
  c.fields = strings(n.find("fields"));
  c.need = text_of(n, "need");
  c.type = text_of(n, "type");
  if (const doc::Node* a = n.find("at_least")) c.at_least = a->integer;
  if (const doc::Node* cats = n.find("categories"))
    c.categories = cats->kind == doc::Kind::String ? std::vector<std::string>{cats->text} : strings(cats);
  c.descriptors = strings(n.find("descriptors"));
  return c;
}

Result<Card> card_from(Result<doc::Source> src) {
  const std::string path = src.ok() ? src.value().path() : std::string();
  auto loaded = load_yaml(std::move(src), "trl_card");
  if (!loaded.ok()) return std::move(loaded).take_error();
  Card card;
  card.path = path;
  card.source = loaded.value().first;
  card.root = std::move(loaded.value().second);
  card.id = text_of(card.root, "component");
  if (const doc::Node* l = card.root.find("level")) card.level = static_cast<int>(l->integer);
  return card;
}

}  // namespace

Result<Catalogue> Catalogue::from_text(const std::string& path, std::string text) {
  auto loaded = load_yaml(doc::make_source(path, std::move(text)), "trl_levels");
  if (!loaded.ok()) return std::move(loaded).take_error();
  const doc::Node& root = loaded.value().second;
  Catalogue c;
  for (const auto& l : root.find("levels")->items) {
    Level level;
    level.level = static_cast<int>(l.find("level")->integer);
    level.name = text_of(l, "name");
    level.summary = text_of(l, "summary");
    if (const doc::Node* crit = l.find("criteria"))
      for (const auto& x : crit->items) level.criteria.push_back(criterion(x));
    c.levels.push_back(std::move(level));
  }
  std::sort(c.levels.begin(), c.levels.end(), [](const Level& a, const Level& b) { return a.level < b.level; });
  for (size_t i = 0; i < c.levels.size(); ++i)
    if (c.levels[i].level != static_cast<int>(i))
      return loaded.value().first->error_at(root.offset, "the catalogue must define levels 0 to 9 once each");
  if (c.levels.size() != 10) return loaded.value().first->error_at(root.offset, "the catalogue must define levels 0 to 9");
  if (const doc::Node* sbs = root.find("switchbacks"))
    for (const auto& sb : sbs->items)
      c.switchbacks.push_back({static_cast<int>(sb.find("from")->integer), static_cast<int>(sb.find("to")->integer), text_of(sb, "kind"),
                               text_of(sb, "text")});
  return c;
}

Result<Catalogue> Catalogue::builtin() {
  // Parsed once per process: the server asks for it on every readiness request, and parsing
  // the YAML took about a third of such a request.
  static const Result<Catalogue> parsed = []() -> Result<Catalogue> {
    for (const auto& f : embedded_trl())
      if (std::string_view(f.name) == "levels") return from_text("trl/levels.yaml", f.text);
    return Error::invalid("the built-in level catalogue is missing");
  }();
  return parsed;
}

const doc::Node* Card::get(std::string_view dotted) const {
  const doc::Node* n = &root;
  size_t start = 0;
  while (n && start <= dotted.size()) {
    const size_t dot = dotted.find('.', start);
    const std::string_view key = dotted.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start);
    n = n->kind == doc::Kind::Object ? n->find(key) : nullptr;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return n;
}

std::vector<std::string> card_paths(const std::string& project_dir, const FileSystem& files) {
  const std::string dir = join_path(project_dir, "trl");
  std::vector<std::string> paths;
  auto names = files.list(dir);
  if (!names.ok()) return paths;
  for (const auto& name : names.value()) {
    const fs::path p(name);
    const std::string ext = p.extension().string();
    const std::string path = join_path(dir, name);
    if ((ext == ".yaml" || ext == ".yml") && p.stem() != "levels" && files.stat(path).kind == PathKind::File) paths.push_back(path);
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

bool valid_component_id(std::string_view id) {
  if (id.empty() || id.size() > 100 || id.front() == '.' || id == "levels") return false;
  return std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_' || c == '.';
  });
}

Result<std::vector<Card>> load_cards(const std::string& project_dir, const FileSystem& files) {
  const std::string dir = join_path(project_dir, "trl");
  if (auto names = files.list(dir); !names.ok()) return io_error(dir, "cannot list TRL cards: " + names.error().message);
  std::vector<Card> cards;
  for (const auto& p : card_paths(project_dir, files)) {
    auto loaded = card_from(doc::read_source(p, files));
    if (!loaded.ok()) return std::move(loaded).take_error();
    Card& card = loaded.value();
    if (card.id != fs::path(p).stem().string())
      return card.source->error_at(card.root.find("component")->offset,
                                   "component '" + card.id + "' must match the file name '" + fs::path(p).stem().string() + "'", "/component");
    cards.push_back(std::move(card));
  }
  if (cards.empty()) return io_error(dir, "no TRL cards (trl/<component>.yaml)");
  return cards;
}

Result<Card> card_from_text(const std::string& path, std::string text) {
  return card_from(doc::make_source(path, std::move(text)));
}

Status validate_card_text(const std::string& path, std::string text) {
  auto loaded = load_yaml(doc::make_source(path, std::move(text)), "trl_card");
  if (!loaded.ok()) return std::move(loaded).take_error();
  return Ok{};
}

double risk(const doc::Node& r) {
  const doc::Node* p = r.find("p_failure");
  const doc::Node* v = r.find("value");
  if (!p || !v || !p->is_number() || !v->is_number()) return NAN;
  return p->number * v->number;
}

}  // namespace seam::trl
