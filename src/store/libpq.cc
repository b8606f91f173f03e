#include "store/libpq.h"

#include <dlfcn.h>

#include <string>

namespace seam::store {
namespace {

// The soname of libpq's stable ABI (libpq5 in Debian), never the unversioned libpq.so, which
// only the -dev package installs.
constexpr const char* kLibpq = "libpq.so.5";

struct Loaded {
  Libpq lib;
  std::string error;  // empty when every function was found
};

Loaded open_libpq() {
  Loaded l;
  void* handle = dlopen(kLibpq, RTLD_NOW | RTLD_LOCAL);
  if (!handle) {
    const char* why = dlerror();
    l.error = std::string("PostgreSQL needs the client library ") + kLibpq + " (Debian package libpq5): " +
              (why ? why : "cannot load it");
    return l;
  }
  // The handle stays open for the life of the process: connections may end at exit.
#define SEAM_LIBPQ_RESOLVE(name)                                                                \
  l.lib.name = reinterpret_cast<decltype(&::name)>(dlsym(handle, #name));                      \
  if (!l.lib.name && l.error.empty()) l.error = std::string(kLibpq) + " lacks the function " #name;
  SEAM_LIBPQ_FUNCTIONS(SEAM_LIBPQ_RESOLVE)
#undef SEAM_LIBPQ_RESOLVE
  // cppcheck-suppress resourceLeak ; the handle is kept open on purpose (see above)
  return l;
}

const Loaded& loaded() {
  static const Loaded l = open_libpq();
  return l;
}

}  // namespace

Result<const Libpq*> load_libpq() {
  const Loaded& l = loaded();
  if (!l.error.empty()) return Error::io(l.error);
  return &l.lib;
}

const Libpq& pq() { return loaded().lib; }

}  // namespace seam::store
