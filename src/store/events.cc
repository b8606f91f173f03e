#include "store/events.h"

#include "doc/parse.h"
#include "doc/source.h"
#include "util/json_writer.h"

namespace seam::store {
namespace {

// Room left for the ids and keys below PostgreSQL's 8000-byte payload limit.
constexpr size_t kMaxNames = 7000;

// Removes its listener when destroyed; the list outlives the store if need be.
class LocalSubscription final : public Subscription {
 public:
  explicit LocalSubscription(std::function<void()> remove) : remove_(std::move(remove)) {}
  ~LocalSubscription() override { remove_(); }

 private:
  std::function<void()> remove_;
};

int64_t int_member(const doc::Node& n, std::string_view key) {
  const doc::Node* v = n.find(key);
  return v && v->kind == doc::Kind::Int ? v->integer : 0;
}

std::string text_member(const doc::Node& n, std::string_view key) {
  const doc::Node* v = n.find(key);
  return v && v->kind == doc::Kind::String ? v->text : std::string();
}

}  // namespace

std::string event_payload(const ChangeEvent& e) {
  const bool names = e.name.size() + e.author.size() <= kMaxNames;
  JsonWriter w;
  w.begin_object().key("p").value(e.project_id).key("pr").value(e.project_revision);
  w.key("k").value(doc_kind_name(e.kind)).key("n").value(names ? e.name : "");
  w.key("r").value(e.revision_id).key("no").value(e.number).key("a").value(names ? e.author : "");
  w.key("d").value(e.draft).key("t").value(e.created_at).end_object();
  return w.str();
}

std::optional<ChangeEvent> event_from_payload(std::string_view payload) {
  auto src = doc::make_source("event", std::string(payload));
  if (!src.ok()) return std::nullopt;
  auto node = doc::parse_json(src.value());
  if (!node.ok() || node.value().kind != doc::Kind::Object) return std::nullopt;
  const doc::Node& n = node.value();
  auto kind = doc_kind_from_name(text_member(n, "k"));
  if (!kind || int_member(n, "p") <= 0) return std::nullopt;
  ChangeEvent e;
  e.project_id = int_member(n, "p");
  e.project_revision = int_member(n, "pr");
  e.kind = *kind;
  e.name = text_member(n, "n");
  e.revision_id = int_member(n, "r");
  e.number = int_member(n, "no");
  e.author = text_member(n, "a");
  const doc::Node* d = n.find("d");
  e.draft = d && d->kind == doc::Kind::Bool && d->boolean;
  e.created_at = int_member(n, "t");
  return e;
}

LocalEvents::LocalEvents() : listeners_(std::make_shared<Listeners>()) {}

std::unique_ptr<Subscription> LocalEvents::subscribe(ChangeListener listener) {
  std::lock_guard lock(listeners_->mu);
  const uint64_t id = listeners_->next++;
  listeners_->items.emplace_back(id, std::move(listener));
  return std::make_unique<LocalSubscription>([l = listeners_, id] {
    std::lock_guard lock(l->mu);
    std::erase_if(l->items, [id](const auto& item) { return item.first == id; });
  });
}

void LocalEvents::publish(const ChangeEvent& e) const {
  std::lock_guard lock(listeners_->mu);
  for (const auto& [id, listener] : listeners_->items) listener(e);
}

}  // namespace seam::store
