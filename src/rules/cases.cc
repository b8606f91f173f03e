#include "rules/cases.h"

#include <algorithm>
#include <filesystem>

#include "doc/descriptor.h"
#include "doc/parse.h"
#include "rules/engine.h"
#include "util/text.h"

namespace seam::rules {
namespace {

namespace fs = std::filesystem;

// The items of `rule` on the case's project, as texts: the catalogue runs as `seam check`
// runs it, and only this rule's items are kept, including those folded as related into the
// finding of a rule that subsumes it, so that a case tests the rule's own logic.
std::vector<std::string> items_on(const Catalogue& catalogue, const Params& params, const Rule& rule, const Subject& subject) {
  std::vector<std::string> out;
  for (const auto& f : analyse(catalogue, subject, params))
    for (const auto& i : f.items) {
      if (f.rule == rule.info.id) out.push_back(i.text);
      for (const auto& r : i.related)
        if (r.rule == rule.info.id) out.push_back(r.text);
    }
  return out;
}

Status validate_inline(const doc::Source& src, const doc::Node& project, Subject& subject) {
  for (const auto& m : project.members) {
    auto d = doc::descriptor_from_id(m.key);
    if (!d) {
      std::string msg = "'" + m.key + "' is not a descriptor";
      msg += text::did_you_mean(m.key, doc::descriptor_ids());
      return src.error_at(m.key_offset, msg + "; expected one of " + text::join(doc::descriptor_ids(), ", "));
    }
    std::vector<doc::Violation> problems;
    doc::descriptor_schema(*d).validate(m.value, problems);
    if (!problems.empty()) return src.error_at(problems[0].offset, m.key + ": " + problems[0].message, problems[0].pointer);
    const int i = static_cast<int>(*d);
    subject.roots[i] = &m.value;
    subject.sources[i] = &src;
    subject.files[i] = src.path();
  }
  return Ok{};
}

std::string compare(const std::vector<std::string>& want, const std::vector<std::string>& got) {
  std::vector<bool> used(got.size());
  std::string problem;
  for (const auto& w : want) {
    bool found = false;
    for (size_t i = 0; i < got.size() && !found; ++i)
      if (!used[i] && text::lower(got[i]).find(text::lower(w)) != std::string::npos) used[i] = found = true;
    if (!found) problem += "\n    expected an item containing '" + w + "'";
  }
  for (size_t i = 0; i < got.size(); ++i)
    if (!used[i]) problem += "\n    unexpected item: " + got[i];
  return problem;
}

Status run_file(const Catalogue& catalogue, const Params& params, const std::string& path, std::vector<CaseResult>& out) {
  auto src = doc::read_source(path);
  if (!src.ok()) return std::move(src).take_error();
  auto root = doc::parse_yaml(src.value());
  if (!root.ok()) return std::move(root).take_error();
  const doc::Source& s = src.value();
  const doc::Node& r = root.value();
  const doc::Node* cases = r.kind == doc::Kind::Object ? r.find("cases") : nullptr;
  if (!cases || cases->kind != doc::Kind::Array) return s.error_at(r.offset, "expected a mapping with a 'cases' list");
  const doc::Node* default_rule = r.find("rule");
  for (const auto& c : cases->items) {
    const doc::Node* rule_node = c.find("rule") ? c.find("rule") : default_rule;
    const doc::Node* name = c.find("name");
    const doc::Node* project = c.find("project");
    const doc::Node* expect = c.find("expect");
    if (!rule_node || rule_node->kind != doc::Kind::String) return s.error_at(c.offset, "a case needs a 'rule' (here or at the top of the file)");
    if (!project || !expect || expect->kind != doc::Kind::Array) return s.error_at(c.offset, "a case needs a 'project' and an 'expect' list");
    const Rule* rule = catalogue.find(rule_node->text);
    if (!rule) {
      std::string msg = "no rule '" + rule_node->text + "' in the catalogue";
      msg += text::did_you_mean(rule_node->text, catalogue.ids());
      return s.error_at(rule_node->offset, msg);
    }
    CaseResult res{path, s.locate(c.offset).line, rule->info.id, name ? name->describe() : "", !expect->items.empty(), false, {}};
    if (name && name->kind == doc::Kind::String) res.name = name->text;
    Subject subject;
    std::optional<doc::Project> loaded;  // keeps a project directory's documents alive
    if (project->kind == doc::Kind::String) {
      auto p = doc::load_project((fs::path(path).parent_path() / project->text).string());
      if (!p.ok()) return std::move(p).take_error();
      loaded = std::move(p).value();
      subject = subject_of(*loaded);
    } else if (project->kind == doc::Kind::Object) {
      if (auto st = validate_inline(s, *project, subject); !st.ok()) return st;
    } else {
      return s.error_at(project->offset, "'project' is a mapping of descriptors or a path to a project directory");
    }
    std::vector<std::string> want;
    for (const auto& e : expect->items) want.push_back(e.kind == doc::Kind::String ? e.text : e.describe());
    res.problem = compare(want, items_on(catalogue, params, *rule, subject));
    res.passed = res.problem.empty();
    out.push_back(std::move(res));
  }
  return Ok{};
}

}  // namespace

Result<std::vector<CaseResult>> run_cases(const Catalogue& catalogue, const std::string& path, const Params& params) {
  std::vector<std::string> files;
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    for (const auto& e : fs::recursive_directory_iterator(path, ec))
      if (e.is_regular_file() && (e.path().extension() == ".yaml" || e.path().extension() == ".yml")) files.push_back(e.path().string());
    std::sort(files.begin(), files.end());
  } else {
    files.push_back(path);
  }
  std::vector<CaseResult> out;
  for (const auto& f : files)
    if (auto st = run_file(catalogue, params, f, out); !st.ok()) return std::move(st).take_error();
  return out;
}

}  // namespace seam::rules
