// JSON-lines files through the streaming reader and the profiler.
#include "data.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  seam::fuzz::fuzz_data(seam::data::Format::Jsonl, data, size);
  return 0;
}
