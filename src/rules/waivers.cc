#include "rules/waivers.h"

#include <algorithm>

#include "doc/parse.h"
#include "util/text.h"

namespace seam::rules {
namespace {

bool is_date(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  return true;
}

Result<Waiver> read_waiver(const doc::Source& src, const doc::Node& n, const std::string& pointer) {
  if (n.kind != doc::Kind::Object) return src.error_at(n.offset, "a waiver is a mapping with rule, reason and accepted_by", pointer);
  static const std::vector<std::string> keys = {"rule", "match", "reason", "accepted_by", "expires"};
  Waiver w;
  w.line = src.locate(n.offset).line;
  std::string* fields[] = {&w.rule, &w.match, &w.reason, &w.accepted_by, &w.expires};
  for (const auto& m : n.members) {
    auto it = std::find(keys.begin(), keys.end(), m.key);
    if (it == keys.end()) {
      std::string msg = "unknown waiver key '" + m.key + "'";
      msg += text::did_you_mean(m.key, keys);
      return src.error_at(m.key_offset, msg, pointer + "/" + m.key);
    }
    if (m.value.kind == doc::Kind::Null) continue;
    if (m.value.kind != doc::Kind::String) return src.error_at(m.value.offset, "'" + m.key + "' must be text; found " + m.value.describe(), pointer + "/" + m.key);
    *fields[it - keys.begin()] = m.value.text;
  }
  for (const char* required : {"rule", "reason", "accepted_by"})
    if (!n.find(required) || n.find(required)->is_absent())
      return src.error_at(n.offset, std::string("a waiver needs '") + required + "': who accepted what, and why", pointer);
  if (!w.expires.empty() && !is_date(w.expires))
    return src.error_at(n.find("expires")->offset, "expected a date YYYY-MM-DD; found '" + w.expires + "'", pointer + "/expires");
  return w;
}

bool item_matches(const Item& item, const std::string& match) {
  const std::string want = text::lower(text::trim(match));
  if (text::lower(item.text).find(want) != std::string::npos) return true;
  for (const auto& v : item.values)
    if (text::lower(v.json).find(want) != std::string::npos) return true;
  return false;
}

// Why a waiver matched nothing. Items of a subsumed rule are shown as related under the rule
// that subsumes them and count only through it, so that is the rule to waive.
std::string unused_detail(const Waiver& w, const std::vector<Finding>& findings, const std::vector<std::string>& rule_ids) {
  if (!rule_ids.empty() && std::find(rule_ids.begin(), rule_ids.end(), w.rule) == rule_ids.end()) {
    std::string detail = "matches no finding: there is no rule " + text::quote(w.rule);
    detail += text::did_you_mean(w.rule, rule_ids);
    return detail;
  }
  for (const auto& f : findings)
    for (const auto& item : f.items)
      for (const auto& r : item.related)
        if (r.rule == w.rule && (w.match.empty() || item_matches(Item{r.text, {}, {}}, w.match)))
          return "matches only items shown as related under " + f.rule + "; waive " + f.rule + " instead";
  return "matches no finding; remove it or fix its rule or match";
}

}  // namespace

Result<WaiverFile> waivers_from_text(const std::string& path, std::string text) {
  auto src = doc::make_source(path, std::move(text));
  if (!src.ok()) return std::move(src).take_error();
  auto root = doc::parse_yaml(src.value());
  if (!root.ok()) return std::move(root).take_error();
  const doc::Node* list = root.value().kind == doc::Kind::Object ? root.value().find("waivers") : nullptr;
  if (!list || list->kind != doc::Kind::Array)
    return src.value().error_at(root.value().offset, "expected a mapping with a 'waivers' list");
  WaiverFile file;
  file.path = path;
  for (size_t i = 0; i < list->items.size(); ++i) {
    auto w = read_waiver(src.value(), list->items[i], "/waivers/" + std::to_string(i));
    if (!w.ok()) return std::move(w).take_error();
    file.waivers.push_back(std::move(w).value());
  }
  return file;
}

Result<WaiverFile> load_waivers(const doc::Project& project, const FileSystem& fs) {
  // The project's listing says whether there is a file, which saves two lookups per project.
  for (const char* name : {"waivers.yaml", "waivers.yml"}) {
    const std::string path = join_path(project.dir, name);
    if (!std::binary_search(project.ignored.begin(), project.ignored.end(), path)) continue;
    auto src = doc::read_source(path, fs);
    if (!src.ok()) return std::move(src).take_error();
    return waivers_from_text(path, src.value().text());
  }
  return WaiverFile{};
}

void apply_waivers(const WaiverFile& file, const std::string& today, std::vector<Finding>& findings,
                   std::vector<WaiverProblem>& problems, const std::vector<std::string>& rule_ids) {
  std::vector<Finding> split_off;
  for (const auto& w : file.waivers) {
    const bool expired = !w.expires.empty() && w.expires < today;
    bool used = false;
    for (auto& f : findings) {
      if (f.rule != w.rule || f.waived) continue;
      std::vector<Item> keep, waived;
      for (auto& item : f.items) (w.match.empty() || item_matches(item, w.match) ? waived : keep).push_back(std::move(item));
      used = used || !waived.empty();
      if (expired || waived.empty()) {  // an expired waiver no longer hides anything
        for (auto& i : waived) keep.push_back(std::move(i));
        f.items = std::move(keep);
        continue;
      }
      Finding accepted = f;
      accepted.items = std::move(waived);
      accepted.waived = true;
      accepted.waiver_reason = w.reason + " (accepted by " + w.accepted_by + ")";
      f.items = std::move(keep);
      split_off.push_back(std::move(accepted));
    }
    if (expired && used) problems.push_back({w.rule, "expired", "expired on " + w.expires + "; the finding counts again", file.path, w.line});
    else if (!used) problems.push_back({w.rule, "unused", unused_detail(w, findings, rule_ids), file.path, w.line});
  }
  std::erase_if(findings, [](const Finding& f) { return f.items.empty(); });
  for (auto& f : split_off) findings.push_back(std::move(f));
}

}  // namespace seam::rules
