#include "cli/data_options.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>

#include "api/profile.h"
#include "cli/command.h"
#include "report/diagnostic.h"
#include "util/text.h"

namespace seam::cli {

uint64_t file_size(const std::string& path) {
  std::error_code ec;
  const auto n = std::filesystem::file_size(path, ec);
  return ec ? 0 : n;
}

api::CheckOptions check_options(const Args& args) {
  return {args.all("--rules"), args.all("--set"), args.has("--strict")};
}

std::string with_flag(const Error& e) {
  // The library names the request field it refuses; on the command line that is a flag.
  static const std::pair<std::string_view, std::string_view> flags[] = {
      {"/methods", "--method"}, {"/thresholds", "--threshold"}, {"/columns", "--columns"}, {"/types", "--types"},
      {"/label", "--label"},    {"/decision", "--decision"},    {"/kind", "--kind"},       {"/reviewers", "--reviewer"},
      {"/params", "--set"},     {"/critical", "--critical"}, {"/descriptors", "--descriptors"}};
  const std::string_view field = std::string_view(e.pointer).substr(0, e.pointer.find('/', 1));
  for (const auto& [name, flag] : flags)
    if (field == name) return std::string(flag) + ": " + e.message;
  return e.message;
}

std::string error_text(const Error& e) {
  if (e.kind == ErrorKind::Usage && !e.pointer.empty())  // about a request field, not a place in a file
    return (e.file.empty() ? std::string("seam") : e.file) + ": " + with_flag(e) + "\n";
  return report::format_error(e);
}

Result<int> threads_option(const Args& args, int fallback) {
  if (!args.options.count("--threads")) return fallback;
  const std::string threads = args.get("--threads", "");
  char* end = nullptr;
  const long n = std::strtol(threads.c_str(), &end, 10);
  if (threads.empty() || *end || n < 1 || n > 256)
    return Error::usage("--threads expects a number from 1 to 256; found '" + threads + "'");
  return static_cast<int>(n);
}

int print_error(const Error& e) {
  std::fputs(error_text(e).c_str(), stderr);
  return kExitError;
}

namespace {

// "64M", "512K", "1G" or a plain number of bytes.
std::optional<uint64_t> parse_size(const std::string& s) {
  char* end = nullptr;
  const unsigned long long n = std::strtoull(s.c_str(), &end, 10);
  if (s.empty() || end == s.c_str() || s[0] == '-') return std::nullopt;
  const std::string unit = end;
  const int shift = unit.empty() ? 0 : unit == "K" ? 10 : unit == "M" ? 20 : unit == "G" ? 30 : -1;
  if (shift < 0 || n > (UINT64_MAX >> shift)) return std::nullopt;
  return static_cast<uint64_t>(n) << shift;
}

Status read_limits(const Args& args, data::ReadLimits& limits) {
  if (args.options.count("--max-record")) {
    const std::string s = args.get("--max-record", "");
    const auto n = parse_size(s);
    if (!n || *n < 1024 || *n > (uint64_t{1} << 32))
      return Error::usage("--max-record expects a size from 1K to 4G (e.g. 256M); found '" + s + "'");
    limits.max_record_bytes = static_cast<size_t>(*n);
  }
  if (args.options.count("--max-columns")) {
    const std::string s = args.get("--max-columns", "");
    const auto n = parse_size(s);
    if (!n || *n < 1 || *n > (uint64_t{1} << 26))
      return Error::usage("--max-columns expects a number from 1 to 67108864; found '" + s + "'");
    limits.max_columns = static_cast<size_t>(*n);
  }
  return Ok{};
}

}  // namespace

Result<stats::ProfileOptions> profile_options(const Args& args) {
  stats::ProfileOptions o;
  if (args.options.count("--format")) {
    o.format = data::format_from_name(args.get("--format", ""));
    if (!o.format) return Error::usage("--format must be csv, tsv or jsonl");
  }
  o.columns = text::split_list(args.get("--columns", ""));
  for (const auto& t : text::split_list(args.get("--types", ""))) {
    if (auto st = api::add_column_type(t, o); !st.ok()) return Error::usage(with_flag(st.error()));
  }
  o.label = args.get("--label", "");
  auto threads = threads_option(args, 1);
  if (!threads.ok()) return std::move(threads).take_error();
  o.threads = threads.value();
  char* end = nullptr;
  if (args.options.count("--sketch-k")) {
    const std::string k = args.get("--sketch-k", "");
    const long v = std::strtol(k.c_str(), &end, 10);
    if (k.empty() || *end || v < 8 || v > 65535) return Error::usage("--sketch-k expects a number from 8 to 65535; found '" + k + "'");
    o.sketch_k = static_cast<int>(v);
  }
  if (auto st = read_limits(args, o.limits); !st.ok()) return std::move(st).take_error();
  return o;
}

}  // namespace seam::cli
