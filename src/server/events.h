// Live updates for the web UI: each project's change events as Server-Sent Events
// (GET /api/v1/projects/{project}/events). One store subscription feeds a Hub, and the Hub
// hands each event to the open streams of its project. A stream holds a worker thread for as
// long as it is open, so their number is bounded (more get 503) and the server's thread pool
// is sized for them on top of its workers.
//
// Thread safety: a Hub and its Streams may be used from any number of threads.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <vector>

#include "store/store.h"

namespace seam::server {

// What one stream has to send next.
struct Pending {
  std::vector<store::ChangeEvent> events;
  bool gap = false;     // events may have been missed: the reader should read the state again
  bool closed = false;  // the server is stopping: end the stream
};

class Stream {
 public:
  explicit Stream(int64_t project_id) : project_id_(project_id) {}
  int64_t project_id() const { return project_id_; }
  // Waits up to `timeout` for something to send, and takes it.
  Pending wait(std::chrono::milliseconds timeout);

 private:
  friend class Hub;
  void push(const store::ChangeEvent& e);  // a gap when project_id is 0
  void close();

  const int64_t project_id_;
  std::mutex mu_;
  std::condition_variable cv_;
  Pending pending_;
};

class Hub {
 public:
  explicit Hub(size_t max_streams) : max_(max_streams) {}
  // A new stream of project `project_id`'s events; nullptr when max_streams are open or the
  // hub is closed.
  std::shared_ptr<Stream> open(int64_t project_id);
  void remove(const std::shared_ptr<Stream>& s);  // when its response has ended
  // The store's listener: to the streams of the event's project, or a gap to all of them.
  void publish(const store::ChangeEvent& e);
  // The server is stopping: every stream ends, and no new one opens.
  void close();
  size_t open_count() const;

 private:
  const size_t max_;
  mutable std::mutex mu_;
  std::vector<std::shared_ptr<Stream>> streams_;
  bool closed_ = false;
};

}  // namespace seam::server
