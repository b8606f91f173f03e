#include "server/connection.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <string>

namespace seam::server {
namespace {

void set_timeout(int fd, int option, time_t seconds) {
  timeval tv{};
  tv.tv_sec = seconds;
  setsockopt(fd, SOL_SOCKET, option, &tv, sizeof tv);
}

void address_of(const sockaddr_storage& addr, std::string& ip, int& port) {
  char text[INET6_ADDRSTRLEN] = "";
  if (addr.ss_family == AF_INET) {
    const auto& a = reinterpret_cast<const sockaddr_in&>(addr);
    inet_ntop(AF_INET, &a.sin_addr, text, sizeof text);
    port = ntohs(a.sin_port);
  } else if (addr.ss_family == AF_INET6) {
    const auto& a = reinterpret_cast<const sockaddr_in6&>(addr);
    inet_ntop(AF_INET6, &a.sin6_addr, text, sizeof text);
    port = ntohs(a.sin6_port);
  }
  ip = text;
}

// A blocking socket whose reads come through a buffer. A reply's first write (httplib writes the
// status line and headers at once) is held back and sent with the next write, the body or its
// first chunk, so that a whole reply is one call and a streamed one is never held up. What is
// held back also goes out before the next read (a "100 Continue") and at the end of the reply.
class Connection : public httplib::Stream {
 public:
  explicit Connection(socket_t fd) : fd_(fd) {
    sockaddr_storage addr{};
    socklen_t len = sizeof addr;
    if (getpeername(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) address_of(addr, remote_ip_, remote_port_);
    len = sizeof addr;
    if (getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) == 0) address_of(addr, local_ip_, local_port_);
  }

  // Waits for the next request's first bytes; false when the peer left, timed out or was woken.
  bool wait_for_request(std::atomic<bool>& idle, const std::atomic<socket_t>& listening) {
    gather_ = true;
    if (in_off_ < in_len_) return true;  // a pipelined request is already here
    idle = true;
    // Checked after marking the connection idle, so a stop either sees the mark or is seen here.
    const bool ok = listening != INVALID_SOCKET && fill() > 0;
    idle = false;
    return ok;
  }

  bool flush() const {
    size_t off = 0;
    while (off < out_.size()) {
      const ssize_t n = ::send(fd_, out_.data() + off, out_.size() - off, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return out_.clear(), false;
      off += static_cast<size_t>(n);
    }
    out_.clear();
    return true;
  }

  bool is_readable() const override { return true; }

  // Asked between the chunks of a streamed reply: true while the peer is still there.
  bool is_writable() const override {
    if (!flush()) return false;
    char c;
    const ssize_t n = ::recv(fd_, &c, 1, MSG_PEEK | MSG_DONTWAIT);
    return n > 0 || (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR));
  }

  ssize_t read(char* ptr, size_t size) override {
    if (in_off_ == in_len_) {
      if (!flush()) return -1;
      const ssize_t n = fill();
      if (n <= 0) return n;
    }
    const size_t take = std::min(size, in_len_ - in_off_);
    std::memcpy(ptr, in_ + in_off_, take);
    in_off_ += take;
    return static_cast<ssize_t>(take);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (gather_) {
      gather_ = false;
      out_.append(ptr, size);
      return static_cast<ssize_t>(size);
    }
    return send_with_buffered(ptr, size) ? static_cast<ssize_t>(size) : -1;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override { ip = remote_ip_, port = remote_port_; }
  void get_local_ip_and_port(std::string& ip, int& port) const override { ip = local_ip_, port = local_port_; }
  socket_t socket() const override { return fd_; }

 private:
  ssize_t fill() {
    ssize_t n;
    do n = ::recv(fd_, in_, sizeof in_, 0);
    while (n < 0 && errno == EINTR);
    in_off_ = 0;
    in_len_ = n > 0 ? static_cast<size_t>(n) : 0;
    return n;
  }

  // Sends what is buffered and then `ptr`, in as few calls as the kernel allows.
  bool send_with_buffered(const char* ptr, size_t size) {
    iovec parts[2] = {{out_.data(), out_.size()}, {const_cast<char*>(ptr), size}};
    msghdr msg{};
    msg.msg_iov = out_.empty() ? parts + 1 : parts;
    msg.msg_iovlen = out_.empty() ? 1 : 2;
    while (msg.msg_iovlen > 0) {
      const ssize_t n = ::sendmsg(fd_, &msg, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) return out_.clear(), false;
      size_t sent = static_cast<size_t>(n);
      while (msg.msg_iovlen > 0 && sent >= msg.msg_iov->iov_len) {
        sent -= msg.msg_iov->iov_len;
        ++msg.msg_iov, --msg.msg_iovlen;
      }
      if (msg.msg_iovlen > 0) {
        msg.msg_iov->iov_base = static_cast<char*>(msg.msg_iov->iov_base) + sent;
        msg.msg_iov->iov_len -= sent;
      }
    }
    out_.clear();
    return true;
  }

  socket_t fd_;
  char in_[4096]{};
  size_t in_off_ = 0, in_len_ = 0;
  mutable std::string out_;
  bool gather_ = false;
  std::string remote_ip_, local_ip_;
  int remote_port_ = 0, local_port_ = 0;
};

// httplib keeps the listening socket to itself; a derived class may name the member.
struct ListeningSocket : httplib::Server {
  static socket_t of(httplib::Server& http) { return http.*(&ListeningSocket::svr_sock_); }
};

}  // namespace

void widen_backlog(httplib::Server& http) {
  // Listening again on a listening socket only changes its backlog.
  ::listen(ListeningSocket::of(http), SOMAXCONN);
}

bool PlainServer::process_and_close_socket(socket_t sock) {
  // One timeout for waiting on the next request and on the rest of one: the keep-alive timeout,
  // so that a silent connection gives its worker back as soon as httplib's loop would.
  set_timeout(sock, SO_RCVTIMEO, keep_alive_timeout_sec_);
  set_timeout(sock, SO_SNDTIMEO, write_timeout_sec_);
  auto idle = std::make_shared<std::atomic<bool>>(false);
  {
    std::lock_guard lock(mutex_);
    idle_[sock] = idle;
  }
  bool ok = false;
  {
    Connection conn(sock);
    for (size_t left = keep_alive_max_count_; left > 0 && conn.wait_for_request(*idle, svr_sock_); --left) {
      bool closed = false;
      ok = process_request(conn, left == 1, closed, nullptr);
      if (!conn.flush() || !ok || closed) break;
    }
  }
  {
    std::lock_guard lock(mutex_);
    idle_.erase(sock);
  }
  shutdown(sock, SHUT_RDWR);
  close(sock);
  return ok;
}

void PlainServer::stop_and_wake() {
  stop();
  std::lock_guard lock(mutex_);
  for (const auto& [sock, idle] : idle_)
    if (*idle) shutdown(sock, SHUT_RD);
}

}  // namespace seam::server
