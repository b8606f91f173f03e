// CSV and TSV files (the first byte picks which), through the streaming reader and the
// profiler: quoting, ragged rows, encodings, type inference and the sketches.
#include "data.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  if (size == 0) return 0;
  seam::fuzz::fuzz_data(data[0] & 1 ? seam::data::Format::Tsv : seam::data::Format::Csv, data + 1, size - 1);
  return 0;
}
