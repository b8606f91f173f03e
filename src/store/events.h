// Change events inside the store (store.h, ChangeEvent): their text form as a PostgreSQL
// NOTIFY payload, and the in-process fan-out that the SQLite store uses instead.
//
// Thread safety: LocalEvents may be used from any number of threads; publish() calls the
// listeners one after the other under its lock, so a Subscription's destructor waits for a
// call in progress and no call starts after it (a listener must therefore not end its own
// subscription).
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "store/store.h"

namespace seam::store {

// The NOTIFY channel of change events.
inline constexpr const char* kChangeChannel = "seam_changes";

// A compact JSON object. NOTIFY payloads must stay under 8000 bytes: an event whose names
// would not fit goes out without them (its ids still say what changed).
std::string event_payload(const ChangeEvent& e);
// nullopt for a payload that event_payload did not write.
std::optional<ChangeEvent> event_from_payload(std::string_view payload);

class LocalEvents {
 public:
  LocalEvents();
  std::unique_ptr<Subscription> subscribe(ChangeListener listener);
  void publish(const ChangeEvent& e) const;

 private:
  struct Listeners {
    std::mutex mu;
    std::vector<std::pair<uint64_t, ChangeListener>> items;
    uint64_t next = 0;
  };
  // Shared with the subscriptions, which remove themselves from it.
  std::shared_ptr<Listeners> listeners_;
};

}  // namespace seam::store
