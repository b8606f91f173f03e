// seam._seam: the library's use-cases (src/api) for Python. Results cross as the JSON the CLI
// and the server write (one contract, parsed into dicts by the seam package), except profiles,
// which stay C++ objects so that merging and drift need no round trip. Errors become
// seam.Error subclasses that keep the file, line, column and JSON pointer. Long work runs
// with the GIL released, so other Python threads (a Dask worker's) go on meanwhile.
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "api/check.h"
#include "api/drift.h"
#include "api/profile.h"
#include "api/trl.h"
#include "api/validate.h"
#include "report/diagnostic.h"
#include "report/drift_report.h"
#include "report/findings.h"
#include "report/trl_report.h"
#include "stats/profiler.h"
#include "stats/table_profile.h"
#include "util/date.h"
#include "util/version.h"
#include "util/writer.h"

namespace py = pybind11;

namespace seam::python {
namespace {

// A library error on its way to Python; the translator below raises it as seam's own class.
struct Failure {
  Error error;
};

template <class T>
T take(Result<T> r) {
  if (!r.ok()) throw Failure{std::move(r).take_error()};
  return std::move(r).value();
}

void must(const Status& s) {
  if (!s.ok()) throw Failure{s.error()};
}

// A profile with the raw numeric values it was made with, when they were kept: drift between
// two of these is exact where the values fit (stats::DriftInput).
using Profile = stats::DriftInput;

// Without keep_values a run's raw_complete may still say true for its (empty) raw values;
// drift must then use the sketches.
Profile from_run(stats::ProfileRun run, std::string path, size_t keep_values) {
  if (keep_values == 0) run.raw_complete.assign(run.raw_complete.size(), false);
  return Profile{std::move(path), std::move(run.profile), std::move(run.raw), std::move(run.raw_complete), std::move(run.notes)};
}

stats::ColumnOptions column_options(const std::vector<std::string>& columns, const std::map<std::string, std::string>& types,
                                    const std::string& label, size_t keep_values, int sketch_k) {
  stats::ColumnOptions o;
  o.columns = columns;
  for (const auto& [column, type] : types) must(api::add_column_type(column + "=" + type, o));
  o.label = label;
  o.keep_values = keep_values;
  if (sketch_k < 8 || sketch_k > 65535) throw Failure{Error::usage_at("/sketch_k", "expects a number from 8 to 65535")};
  o.sketch_k = sketch_k;
  return o;
}

// Loading the catalogue costs milliseconds, more than checking a project, so analyzers of
// the built-in catalogue are kept by their parameters (a few of them). With rule files the
// files are read again on each call, since they may have changed.
std::shared_ptr<const api::Analyzer> analyzer(const std::vector<std::string>& rules, const std::vector<std::string>& params,
                                              bool strict) {
  auto make = [&] {
    return std::make_shared<const api::Analyzer>(take(api::make_analyzer(api::CheckOptions{rules, params, strict})));
  };
  if (!rules.empty()) return make();
  static std::mutex mu;
  static std::map<std::pair<std::vector<std::string>, bool>, std::shared_ptr<const api::Analyzer>> kept;
  const auto key = std::make_pair(params, strict);
  {
    std::lock_guard<std::mutex> lock(mu);
    if (auto it = kept.find(key); it != kept.end()) return it->second;
  }
  auto made = make();
  std::lock_guard<std::mutex> lock(mu);
  if (kept.size() >= 8) kept.clear();
  return kept.emplace(key, made).first->second;
}

std::string today_or(const std::string& today) { return today.empty() ? today_utc() : today; }

std::string check_dir(const std::string& dir, const std::vector<std::string>& rules, const std::vector<std::string>& params,
                      bool strict, const std::string& today) {
  py::gil_scoped_release unlocked;
  const auto a = analyzer(rules, params, strict);
  return report::findings_json(take(api::check_project(*a, dir, today_or(today))).report);
}

// Descriptors given as texts, by file name ("trained_model.yaml"), checked as a project
// directory named `name` would be.
std::string check_texts(const std::map<std::string, std::string>& files, const std::string& name,
                        const std::vector<std::string>& rules, const std::vector<std::string>& params, bool strict,
                        const std::string& today) {
  py::gil_scoped_release unlocked;
  MemoryFileSystem fs;
  must(fs.make_directories(name));
  for (const auto& [file, text] : files) must(fs.write(join_path(name, file), text));
  const auto a = analyzer(rules, params, strict);
  return report::findings_json(take(api::check_project(*a, name, today_or(today), fs)).report);
}

std::string validate_paths(const std::vector<std::string>& paths, bool strict, const std::string& as) {
  py::gil_scoped_release unlocked;
  api::ValidateOptions o;
  o.strict = strict;
  if (!as.empty()) {
    o.as = doc::descriptor_from_id(as);
    if (!o.as) throw Failure{Error::usage_at("/as_descriptor", "'" + as + "' is not a descriptor id")};
  }
  return report::validation_json(api::validate(paths, o).files);
}

std::string validate_texts(const std::map<std::string, std::string>& files, bool strict) {
  py::gil_scoped_release unlocked;
  std::vector<report::FileResult> results;
  for (const auto& [file, text] : files) {
    const auto dot = file.rfind('.');
    const auto d = doc::descriptor_from_id(file.substr(0, dot));
    if (!d) throw Failure{Error::usage_at("/" + file, "'" + file + "' does not name a descriptor (trained_model.yaml, ...)")};
    results.push_back(api::validate_text(file, text, *d, strict));
  }
  return report::validation_json(results);
}

// "csv", "tsv" or "jsonl"; none for "" (by file extension).
std::optional<data::Format> data_format(const std::string& name) {
  if (name.empty()) return std::nullopt;
  const auto f = data::format_from_name(name);
  if (!f) throw Failure{Error::usage_at("/format", "must be csv, tsv or jsonl; found '" + name + "'")};
  return f;
}

Profile profile_paths(const std::vector<std::string>& paths, const std::string& format, const std::vector<std::string>& columns,
                      const std::map<std::string, std::string>& types, const std::string& label, size_t keep_values,
                      int sketch_k, int threads) {
  stats::ProfileOptions o;
  static_cast<stats::ColumnOptions&>(o) = column_options(columns, types, label, keep_values, sketch_k);
  o.format = data_format(format);
  if (threads < 1 || threads > 256) throw Failure{Error::usage_at("/threads", "expects a number from 1 to 256")};
  o.threads = threads;
  py::gil_scoped_release unlocked;
  return from_run(take(stats::profile_files(paths, o)), paths.size() == 1 ? paths[0] : "", keep_values);
}

// The buffer kind of a numpy array, or Text when the column must come as strings.
stats::TableColumn::Kind kind_of(const py::dtype& t) {
  using K = stats::TableColumn::Kind;
  const char k = t.kind();
  const auto size = t.itemsize();
  if (k == 'f') return size == 8 ? K::Float64 : size == 4 ? K::Float32 : K::Text;
  if (k == 'b') return K::Bool;
  if (k == 'i') return size == 8 ? K::Int64 : size == 4 ? K::Int32 : size == 2 ? K::Int16 : K::Int8;
  if (k == 'u') return size == 8 ? K::UInt64 : size == 4 ? K::UInt32 : size == 2 ? K::UInt16 : K::UInt8;
  return K::Text;
}

// Columns come as 1-d numpy arrays of numbers or booleans, read in place, or as lists of
// str (the seam package prints other columns as pandas' to_csv would). `held` keeps what the
// table points into alive.
stats::Table to_table(const std::vector<std::string>& names, const py::list& columns, size_t rows, const std::string& source,
                      std::vector<py::object>& held) {
  stats::Table table{names, {}, rows, source};
  for (const py::handle c : columns) {
    stats::TableColumn col;
    if (py::isinstance<py::array>(c) && py::reinterpret_borrow<py::array>(c).dtype().kind() == 'O') {
      // Strings and missing values only (the package checks): read without a Python loop.
      auto a = py::reinterpret_borrow<py::array>(c);
      if (a.ndim() != 1 || static_cast<size_t>(a.shape(0)) != rows)
        throw Failure{Error::usage("a text column must be a 1-d array of " + std::to_string(rows) + " cells")};
      const char* at = static_cast<const char*>(a.data());
      for (size_t i = 0; i < rows; ++i, at += a.strides(0)) {
        PyObject* o = *reinterpret_cast<PyObject* const*>(at);
        Py_ssize_t size = 0;
        const char* utf8 = PyUnicode_Check(o) ? PyUnicode_AsUTF8AndSize(o, &size) : "";
        if (!utf8) throw py::error_already_set();
        col.text.emplace_back(utf8, static_cast<size_t>(size));
      }
    } else if (py::isinstance<py::array>(c)) {
      auto a = py::reinterpret_borrow<py::array>(c);
      col.kind = kind_of(a.dtype());
      if (a.ndim() != 1 || col.kind == stats::TableColumn::Kind::Text || static_cast<size_t>(a.shape(0)) != rows)
        throw Failure{Error::usage("a numeric column must be a 1-d array of " + std::to_string(rows) + " numbers or booleans")};
      col.data = static_cast<const char*>(a.data());
      col.stride = a.strides(0);
    } else {
      for (const py::handle s : py::reinterpret_borrow<py::list>(c)) col.text.push_back(py::cast<std::string_view>(s));
    }
    held.push_back(py::reinterpret_borrow<py::object>(c));
    table.columns.push_back(std::move(col));
  }
  return table;
}

Profile profile_columns(const std::vector<std::string>& names, const py::list& columns, size_t rows, const std::string& source,
                        const std::vector<std::string>& only, const std::map<std::string, std::string>& types,
                        const std::string& label, size_t keep_values, int sketch_k) {
  const stats::ColumnOptions o = column_options(only, types, label, keep_values, sketch_k);
  std::vector<py::object> held;
  const stats::Table table = to_table(names, columns, rows, source, held);
  py::gil_scoped_release unlocked;
  return from_run(take(stats::profile_table(table, o)), "", keep_values);
}

using Types = std::vector<std::pair<std::string, std::string>>;

Types type_names(const std::vector<std::pair<std::string, stats::ColumnType>>& types) {
  Types out;
  for (const auto& [name, t] : types) out.emplace_back(name, std::string(stats::type_name(t)));
  return out;
}

// The types a first pass fixes, so that the partial profiles of many workers agree.
Types sample_file_types(const std::string& path, const std::string& format, const std::vector<std::string>& only,
                        const std::map<std::string, std::string>& types, const std::string& label) {
  stats::ProfileOptions o;
  static_cast<stats::ColumnOptions&>(o) = column_options(only, types, label, 0, seam::stats::kDefaultSketchK);
  o.format = data_format(format);
  py::gil_scoped_release unlocked;
  return type_names(take(stats::sample_types(path, o)));
}

Types sample_table_types(const std::vector<std::string>& names, const py::list& columns, size_t rows,
                         const std::vector<std::string>& only, const std::map<std::string, std::string>& types,
                         const std::string& label) {
  const stats::ColumnOptions o = column_options(only, types, label, 0, seam::stats::kDefaultSketchK);
  std::vector<py::object> held;
  const stats::Table table = to_table(names, columns, rows, "", held);
  for (const auto& name : o.columns)
    if (std::find(names.begin(), names.end(), name) == names.end())
      throw Failure{Error::usage_at("/columns", "no column '" + name + "' in the table")};
  py::gil_scoped_release unlocked;
  return type_names(stats::table_types(table, o));
}

Profile merged(const std::vector<const Profile*>& parts) {
  if (parts.empty()) throw Failure{Error::usage("no profiles to merge")};
  Profile out{"", parts[0]->profile, {}, {}, {}};
  py::gil_scoped_release unlocked;
  for (size_t i = 1; i < parts.size(); ++i) must(out.profile.merge(parts[i]->profile));
  return out;
}

std::string drift(const Profile& reference, const Profile& current, const std::map<std::string, std::vector<std::string>>& options,
                  const std::string& descriptors) {
  const api::OptionValues values = [&](const std::string& name) {
    const auto it = options.find(name);
    return it == options.end() ? std::vector<std::string>{} : it->second;
  };
  const stats::DriftOptions o = take(api::drift_options(values, ""));
  py::gil_scoped_release unlocked;
  return report::drift_json(take(api::drift_profiles(reference, current, o, descriptors)));
}

std::string trl_status(const std::string& dir, const std::string& levels, const std::vector<std::string>& rules,
                       const std::vector<std::string>& params, const std::string& today) {
  py::gil_scoped_release unlocked;
  api::TrlOptions o;
  o.levels_file = levels;
  o.check = api::CheckOptions{rules, params, false};
  o.today = today_or(today);
  const api::TrlProject p = take(api::load_trl(dir, o, true));
  StringWriter out;
  report::find_format(report::trl_status_formats(), "json")->render(api::trl_status(p), out);
  return out.take();
}

// Raises a Failure as the seam.errors class of its kind, with its location as attributes.
void translate(std::exception_ptr p) {
  try {
    if (p) std::rethrow_exception(p);
  } catch (const Failure& f) {
    const Error& e = f.error;
    static const char* const classes[] = {"InvalidInputError", "ReadError", "UsageError"};
    const auto kind = static_cast<size_t>(e.kind);
    py::object cls = py::module_::import("seam.errors").attr(kind < 3 ? classes[kind] : "Error");
    py::object err = cls(e.message, py::arg("file") = e.file, py::arg("line") = e.line, py::arg("column") = e.column,
                         py::arg("pointer") = e.pointer, py::arg("snippet") = e.snippet);
    PyErr_SetObject(cls.ptr(), err.ptr());
  }
}

}  // namespace
}  // namespace seam::python

PYBIND11_MODULE(_seam, m) {
  using namespace seam::python;
  m.doc() = "seam's library, for the seam package: see help(seam).";
  m.attr("__version__") = seam::kVersion;
  py::register_exception_translator(&translate);

  py::class_<Profile>(m, "Profile")
      .def_property_readonly("rows", [](const Profile& p) { return p.profile.rows; })
      .def_property_readonly("bad_rows", [](const Profile& p) { return p.profile.bad_rows; })
      .def_property_readonly("label", [](const Profile& p) { return p.profile.label; })
      .def_property_readonly("sources", [](const Profile& p) { return p.profile.sources; })
      .def_property_readonly("notes", [](const Profile& p) { return p.notes; })
      .def_property_readonly("columns", [](const Profile& p) {
        std::vector<std::string> names;
        for (const auto& c : p.profile.columns) names.push_back(c.name);
        return names;
      })
      .def_property_readonly("column_types", [](const Profile& p) {
        std::map<std::string, std::string> types;
        for (const auto& c : p.profile.columns) types[c.name] = std::string(seam::stats::type_name(c.type));
        return types;
      })
      .def_property_readonly("exact", [](const Profile& p) {
        return !p.raw_complete.empty() && std::find(p.raw_complete.begin(), p.raw_complete.end(), true) != p.raw_complete.end();
      })
      .def("to_json", [](const Profile& p) { return seam::stats::to_json(p.profile); })
      .def_static("from_json", [](const std::string& text, const std::string& path) {
        return Profile{path, take(seam::stats::profile_from_json(path, text)), {}, {}, {}};
      }, py::arg("text"), py::arg("path") = "<profile>")
      .def_static("read", [](const std::string& path) { return Profile{path, take(seam::stats::read_profile(path)), {}, {}, {}}; })
      .def("save", [](const Profile& p, const std::string& path) { must(seam::disk().write(path, seam::stats::to_json(p.profile))); })
      .def_static("merge_all", &merged)
      // Pickled as its JSON, so that Dask can ship profiles between workers; raw values stay behind.
      .def(py::pickle([](const Profile& p) { return py::make_tuple(p.path, seam::stats::to_json(p.profile), p.notes); },
                      [](const py::tuple& t) {
                        const auto path = t[0].cast<std::string>();
                        return Profile{path, take(seam::stats::profile_from_json(path, t[1].cast<std::string>())), {}, {},
                                       t[2].cast<std::vector<std::string>>()};
                      }))
      // The misfit columns of a first pass and their new types, given the types the user
      // fixed (stats::plan_retyping), with the notes for the final profile.
      .def("retyping", [](const Profile& p, const std::map<std::string, std::string>& given) {
        const auto plan = seam::stats::plan_retyping(p.profile, column_options({}, given, "", 0, seam::stats::kDefaultSketchK));
        std::map<std::string, std::string> fresh;  // the misfits: the last type given for each wins
        for (const auto& [name, type] : plan.again.types)
          if (std::find(plan.again.columns.begin(), plan.again.columns.end(), name) != plan.again.columns.end())
            fresh[name] = std::string(seam::stats::type_name(type));
        return py::make_tuple(fresh, plan.notes);
      })
      .def("with_columns_of", [](const Profile& p, const Profile& second, const std::vector<std::string>& notes) {
        seam::stats::ProfileRun run{p.profile, p.raw, p.raw_complete, p.notes};
        seam::stats::apply_retyping(run, second.profile, notes);
        return from_run(std::move(run), p.path, p.raw.empty() ? 0 : 1);
      })
      .def("with_sources", [](const Profile& p, const std::vector<std::string>& sources) {
        Profile out = p;
        out.profile.sources = sources;
        return out;
      });

  m.def("check_dir", &check_dir);
  m.def("check_texts", &check_texts);
  m.def("validate_paths", &validate_paths);
  m.def("validate_texts", &validate_texts);
  m.def("profile_paths", &profile_paths);
  m.def("profile_columns", &profile_columns);
  m.def("sample_file_types", &sample_file_types);
  m.def("sample_table_types", &sample_table_types);
  m.def("drift", &drift);
  m.def("trl_status", &trl_status);
}
