# The two commands from the README: `make demo` and `make test`.
BUILD ?= build
JOBS  ?= $(shell nproc)
EXAMPLE_DATA = examples/turbine-maintenance/data
CMAKE_FLAGS ?=

.PHONY: all deps build seam install deb demo test test-asan test-tsan fuzz-build fuzz-smoke fuzz lint bench bench-check bench-server bench-data bench-peers bench-quality bench-ui docs clean

all: build

deps:
	scripts/install-deps

$(BUILD)/build.ninja:
	cmake -S . -B $(BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Release $(CMAKE_FLAGS)

# Everything: the binary, the unit tests, the benchmarks and the data generators.
build: $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS)

# The binary alone (its library included), which is all the demo runs.
seam: $(BUILD)/build.ninja
	cmake --build $(BUILD) -j $(JOBS) --target seam

# Installs the binary, schemas, rules, completions and man pages under PREFIX (default
# /usr/local), e.g. make install PREFIX=~/.local. Any copy of the tree works: the binary
# carries what it needs.
PREFIX ?= /usr/local
# The Python package goes to PREFIX/lib/python3.X/dist-packages, which Debian's
# /usr/bin/python3 reads for /usr/local and /usr.
install: seam
	cmake --build $(BUILD) --target seam-generated seam-python
	cmake --install $(BUILD) --prefix $(PREFIX)

# A Debian package of the same files, in $(BUILD)/ (cpack; dependencies from dpkg-shlibdeps).
deb: seam
	cmake --build $(BUILD) --target seam-generated seam-python
	cd $(BUILD) && cpack -G DEB

# Installs dependencies, builds the binary (not the tests: `make test` builds those), and runs
# the main jobs on the bundled example: validate and check its descriptors, test its data for
# drift, and show its readiness levels.
demo: deps
	$(MAKE) seam
	$(BUILD)/seam validate examples/turbine-maintenance
	$(BUILD)/seam check --fail-on never examples/turbine-maintenance
	@echo
	$(BUILD)/seam drift --reference $(EXAMPLE_DATA)/training.csv --current $(EXAMPLE_DATA)/operational.csv --label gearbox_failure_14d || [ $$? -eq 1 ]
	@echo
	$(BUILD)/seam trl status examples/turbine-maintenance

test: deps
	$(MAKE) build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	scripts/lint --cppcheck-only $(BUILD)
	$(MAKE) fuzz-smoke

# clang-tidy (checks and reasons in .clang-tidy) and cppcheck over src/ and fuzz/; about ten
# minutes on two cores, so make test runs only the cppcheck half.
lint: deps
	$(MAKE) build
	scripts/lint $(BUILD)

# The same suite under AddressSanitizer and UndefinedBehaviorSanitizer.
test-asan: deps
	$(MAKE) build BUILD=build-asan CMAKE_FLAGS="-DCMAKE_BUILD_TYPE=Debug -DSEAM_SANITIZE=ON"
	cd build-asan && ctest --output-on-failure -j $(JOBS)

# The tests that share one loaded project and catalogue between threads, under ThreadSanitizer.
test-tsan: deps
	$(MAKE) build BUILD=build-tsan CMAKE_FLAGS="-DCMAKE_BUILD_TYPE=RelWithDebInfo -DSEAM_TSAN=ON"
	build-tsan/seam_tests --gtest_filter='*Concurren*'

# The libFuzzer harnesses (fuzz/, docs/fuzzing.md): a clang build of the library with ASan and
# UBSan. fuzz-smoke runs each harness for FUZZ_SECONDS (part of `make test`); fuzz is the
# longer campaign, FUZZ_HOURS hours in all, its corpus kept in build-fuzz/fuzz-corpus.
FUZZ_BUILD ?= build-fuzz
FUZZ_SECONDS ?= 30
FUZZ_HOURS ?= 1
fuzz-build:
	[ -f $(FUZZ_BUILD)/build.ninja ] || CXX=clang++ cmake -S . -B $(FUZZ_BUILD) -G Ninja -DCMAKE_BUILD_TYPE=Fuzz -DSEAM_FUZZ=ON
	cmake --build $(FUZZ_BUILD) -j $(JOBS)

fuzz-smoke: fuzz-build
	fuzz/run $(FUZZ_BUILD) --seconds $(FUZZ_SECONDS) --jobs $(JOBS)

fuzz: deps fuzz-build
	fuzz/run $(FUZZ_BUILD) --wall $$(( $(FUZZ_HOURS) * 3600 )) --jobs $(JOBS)

bench: deps
	$(MAKE) build
	bench/run $(BUILD)

# seam check --batch against TEC's detector per project, in the same run, with each stage's
# cost and the scaling over threads (needs ../shared).
bench-check: deps
	$(MAKE) build
	bench/check-vs-tec $(BUILD) --rss

# seam serve against TEC's analysis under Flask, in the same run (needs ../shared).
bench-server: deps
	$(MAKE) build
	bench/server-bench $(BUILD) 5

# Profiling and drift on 1 GB generated files against pandas and scipy (minutes; 2 GB of disk).
bench-data: deps
	$(MAKE) build
	bench/data-bench $(BUILD) 1

# Profiling each shape of bench/gen-data (300 MB) against polars and DuckDB from npm (bench/peers,
# installed on first use, never a dependency of seam) and pandas (about ten minutes).
bench-peers: deps
	$(MAKE) build
	bench/profile-peers $(BUILD) 300

# Recall and precision of seam check on the scenario corpus (tests/scenarios), per category,
# subcategory and kind of evidence, and its findings on the clean projects (seconds).
bench-quality: deps
	$(MAKE) seam
	/usr/bin/python3 tests/scenarios/quality.py $(BUILD)/seam

# The web UI in chromium: switching descriptors, and typing in a 300-control form.
bench-ui: deps
	$(MAKE) build
	node bench/ui-bench.mjs $(BUILD)/seam

# Regenerates docs/descriptors.md from schemas/, and the example output in README.md and docs/
# from the current binary (review the diff).
docs: build
	python3 scripts/gen-descriptor-docs
	$(BUILD)/seam manpage --format markdown > docs/cli.md.tmp && mv docs/cli.md.tmp docs/cli.md
	python3 tests/doc_examples.py $(BUILD)/seam --update

clean:
	rm -rf build build-asan build-tsan build-fuzz
