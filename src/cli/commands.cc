#include <cstdio>

#include "cli/command.h"
#include "doc/descriptor.h"
#include "util/text.h"
#include "util/version.h"

namespace seam::cli {

const std::vector<Command>& commands() {
  static const std::vector<Command> table = {
      {"validate", "check descriptor files against the descriptor schemas",
       "seam validate [--format text|json] [--as DESCRIPTOR] [--strict] [--verbose] PATH...",
       "PATH is a descriptor file or a project directory holding one file per descriptor\n"
       "(system_context.yaml, trained_model.json, ...). Files written in format 1.0 or 1.1\n"
       "are upgraded to 1.2 in memory before they are checked. A field the schema does not\n"
       "define gets a warning naming the closest one it knows (fields named x-... never do).\n\n"
       "Options:\n"
       "  --format text|json   text: one line per problem with the source line and a caret\n"
       "                       (default); json: a machine-readable report\n"
       "  --as DESCRIPTOR      read files as this descriptor (e.g. trained_model) whatever\n"
       "                       their names are\n"
       "  --strict             unknown fields are errors, not warnings\n"
       "  --verbose            also list valid files, upgrades, and files that are ignored\n\n"
       "Exit status: 0 all valid (warnings allowed), 1 some document invalid (with --strict,\n"
       "also one with an unknown field), 2 a path is unreadable, a directory holds no\n"
       "descriptor, or the usage is wrong.",
       run_validate,
       {{"--format", "FORMAT", "text json"}, {"--as", "DESCRIPTOR", "system_context raw_data data_pipeline training_data trained_model development_environment production_environment production_data"}, {"--strict"}, {"--verbose"}},
       {},
       "@file"},
      {"check", "find mismatches and missing information across a project's descriptors",
       "seam check [--format FORMAT] [--rules FILE]... [--fail-on LEVEL] [--set RULE.PARAM=VALUE]... [--strict] [--batch [--threads N]] DIR",
       "Loads the descriptors in DIR, runs the rule catalogue (rules/*.yaml, built in) and any\n"
       "--rules files over them, and reports each finding with its rule, its place in the\n"
       "mismatch taxonomy and the file, line and field of every offending value. Findings the\n"
       "team accepted are listed in DIR/waivers.yaml.\n\n"
       "Options:\n"
       "  --format FORMAT      text (default), json, markdown, html, sarif or junit\n"
       "  --rules FILE         add the rules in FILE (repeatable)\n"
       "  --fail-on LEVEL      error (default), warning or never: the lowest severity that\n"
       "                       makes the exit status 1\n"
       "  --set RULE.P=VALUE   override parameter P of a rule, e.g. a tolerance (repeatable)\n"
       "  --strict             unknown fields in descriptors are errors, not warnings\n"
       "  --batch              DIR holds project directories: check each one, with the same\n"
       "                       options; the format defaults to json, one line per project\n"
       "                       as it is checked. text and markdown print one report after\n"
       "                       another, html one page with a part per project, sarif one\n"
       "                       run and junit one testsuite per project. The exit status is\n"
       "                       the worst project's\n"
       "  --threads N          with --batch, check N projects at a time (default: one per\n"
       "                       core it may use); the output is the same whatever N is\n\n"
       "Exit status: 0 nothing reaches --fail-on, 1 a finding does (or a document is invalid;\n"
       "an unknown field is a warning, or with --strict an error), 2 the project or a rule\n"
       "file cannot be read, DIR holds no descriptor, or the usage is wrong (with --batch, also\n"
       "when DIR holds no project directories).",
       run_check,
       {{"--format", "FORMAT", "text json markdown html sarif junit"}, {"--rules", "FILE", "@file"}, {"--fail-on", "LEVEL", "error warning never"}, {"--set", "RULE.PARAM=VALUE"}, {"--strict"}, {"--batch"}, {"--threads", "N"}},
       {},
       "@dir"},
      {"rules", "list, show, test and map the rule catalogue",
       "seam rules list | show ID | test [--complete] PATH... | coverage [--format text|markdown|json]  [--rules FILE]... [--set RULE.P=VALUE]...",
       "  list              every rule: id, kind, severity, TEC rule, taxonomy subcategory\n"
       "  show ID           one rule in full: taxonomy, message, rationale, the fields it\n"
       "                    reads, its parameters, loops, bindings and condition\n"
       "  test PATH...      run rule test cases (YAML files: a small project per case and\n"
       "                    the items a rule must give on it); exit 1 when a case fails.\n"
       "                    --complete also fails when a rule under test (the rules of\n"
       "                    the --rules files if any, else the built-in ones) lacks a\n"
       "                    case where it fires or one where it stays quiet\n"
       "  coverage          the 34 taxonomy subcategories against the rules and\n"
       "                    missing-information checks that cover each, telling a\n"
       "                    mismatch rule apart from a missing-information check only\n\n"
       "Options:\n"
       "  --rules FILE      add the rules in FILE to the built-in catalogue (repeatable)\n"
       "  --set R.P=VALUE   override a rule parameter, as for seam check\n"
       "  --format F        coverage only: text (default), markdown or json",
       run_rules,
       {{"--rules", "FILE", "@file"}, {"--set", "RULE.PARAM=VALUE"}, {"--format", "FORMAT", "text markdown json"}, {"--complete"}},
       {{"list", ""}, {"show", "@rule"}, {"test", "@file"}, {"coverage", ""}},
       ""},
      {"profile", "profile data files (CSV, TSV, JSON lines) into a mergeable profile",
       "seam profile FILE... [-o OUT] [--format csv|tsv|jsonl] [--columns a,b] [--types a=TYPE,...] [--label COLUMN] [--threads N] [--sketch-k K] [--max-record SIZE] [--max-columns N] [--descriptor training_data|production_data] [--quiet]\n"
       "       seam profile --dask SCHEDULER FILE... [-o OUT] [--format F] [--columns a,b] [--types a=TYPE,...] [--label COLUMN] [--sketch-k K]\n"
       "       seam profile merge A.json B.json... [-o OUT]",
       "Streams the files (one data set; they must have the same columns) and records per\n"
       "column: count, missing, distinct values (HyperLogLog), and for numeric columns min, max,\n"
       "mean, standard deviation, quantiles (KLL sketch, rank error stated) and a histogram, for\n"
       "other columns value counts (exact up to 1,000 values, then a frequent-items sketch with\n"
       "its error). ISO 8601 timestamp columns get the numeric summary over their instants, their\n"
       "range and whether they are in order; numbers are instants only where --types declares\n"
       "their unit. The profile is JSON (docs/profile-format.md); profiles of shards merge into\n"
       "the profile of the whole. A gzip or zstd file (known by its first bytes) is\n"
       "decompressed as it is read, by one thread: --threads splits plain files only.\n\n"
       "Options:\n"
       "  -o OUT              write to OUT (default: standard output) and print a summary\n"
       "  --format F          csv, tsv or jsonl (default: from the file extension)\n"
       "  --columns a,b       profile only these columns\n"
       "  --types a=T,...     force column types: numeric, categorical, boolean, text or timestamp;\n"
       "                      timestamp:s or timestamp:ms also reads numbers as seconds or\n"
       "                      milliseconds since 1970-01-01T00:00:00Z\n"
       "  --label COLUMN      the label column: its class balance is recorded too (its type\n"
       "                      is inferred as for any column)\n"
       "  --threads N         profile each file in N parallel parts (default 1)\n"
       "  --sketch-k K        size of the quantile sketches (default 200, rank error about\n"
       "                      1-2%); drift tests on large data need more, e.g. 2000. Profiles\n"
       "                      merge only with the same K\n"
       "  --max-record SIZE   a record longer than this is a bad row (default 64M; K, M and G\n"
       "                      are binary units)\n"
       "  --max-columns N     a header with more names than this is an error (default 1048576)\n"
       "  --descriptor D      print the schema, statistics and label distribution as a\n"
       "                      training_data or production_data descriptor instead\n"
       "  --quiet             no progress line\n"
       "  --dask SCHEDULER    profile on a Dask cluster (tcp://host:8786): its workers profile\n"
       "                      the files, which they must all be able to read (a glob is\n"
       "                      expanded on a worker), and merge the profiles; the result equals\n"
       "                      this machine's profile of the same files (docs/distributed.md).\n"
       "                      Runs the seam Python package's helper with /usr/bin/python3\n"
       "                      (SEAM_PYTHON=PATH to use another)\n\n"
       "On a terminal, a progress line shows on stderr once profiling has taken a second\n"
       "(SEAM_PROGRESS_DELAY=SECONDS changes that), unless --quiet.\n"
       "Malformed rows are skipped and reported with their line numbers.\n"
       "Exit status: 0 profiled, 1 profiled but some rows were skipped, 2 a file cannot be read\n"
       "or the usage is wrong.",
       run_profile,
       {{"-o", "OUT", "@file"}, {"--format", "FORMAT", "csv tsv jsonl"}, {"--columns", "a,b"}, {"--types", "a=TYPE,..."}, {"--label", "COLUMN"}, {"--threads", "N"}, {"--sketch-k", "K"}, {"--max-record", "SIZE"}, {"--max-columns", "N"}, {"--descriptor", "DESCRIPTOR", "training_data production_data"}, {"--quiet"}, {"--dask", "SCHEDULER"}},
       {{"merge", "@file"}},
       "@file"},
      {"drift", "test two data sets (files or profiles) for drift, column by column",
       "seam drift --reference REF --current CUR [--columns a,b] [--method COL=M]... [--threshold COL=X]... [--format text|json|markdown|html] [--fail-on column|dataset|never] [--critical a,b] [--descriptors DIR] [--dataset-share S] [--bins N] [--raw-wasserstein] [--data-format csv|tsv|jsonl] [--types a=TYPE,...] [--label COLUMN] [--threads N] [--sketch-k K] [--max-record SIZE] [--max-columns N]",
       "REF and CUR are data files or profiles written by seam profile. Numeric columns are\n"
       "tested with ks by default, categorical and boolean ones with chisquare; the methods are\n"
       "chisquare, chisquare_gof, ks, psi, jensenshannon and wasserstein (docs/drift.md defines\n"
       "each and names the scipy call it equals). From data files, numeric tests use the exact\n"
       "values (up to 1,000,000 per column); from profiles, the sketches: then each result is an\n"
       "interval holding the exact one (99% confidence), and a column whose verdict depends on\n"
       "where in it the result lies is inconclusive, with what would decide it.\n\n"
       "Options:\n"
       "  --columns a,b       test only these columns\n"
       "  --method COL=M      use method M for column COL (repeatable)\n"
       "  --threshold COL=X   p-value below X (tests) or distance above X means drift\n"
       "  --format F          text (default), json, markdown or html (with SVG histograms)\n"
       "  --fail-on P         when the exit status is 1: column (default: any column drifted),\n"
       "                      dataset (the data set drifted, or a critical column did) or never\n"
       "  --critical a,b      columns whose drift fails the run on its own (with --fail-on\n"
       "                      dataset; any drifted column fails with column)\n"
       "  --descriptors DIR   the columns DIR's training_data descriptor names (labels and\n"
       "                      features) are critical\n"
       "  --dataset-share S   the data set drifts when some column and at least this share of\n"
       "                      the columns drifted (default 0.5; 0 means any column)\n"
       "  --bins N            bins for psi and jensenshannon on numeric columns (default 10)\n"
       "  --raw-wasserstein   report wasserstein in the column's units, not divided by the\n"
       "                      reference standard deviation (set its threshold to match)\n"
       "  --data-format F     csv, tsv or jsonl for data files (default: from the extension)\n"
       "  --types a=T,...     force column types of data files, as for seam profile\n"
       "  --label COLUMN      the label column of data files, as for seam profile\n"
       "  --threads N         read each data file in N parallel parts (default 1)\n"
       "  --sketch-k K        quantile sketch size when profiling data files (default 200)\n"
       "  --max-record SIZE, --max-columns N  limits for data files, as for seam profile\n\n"
       "Inconclusive columns never fail the run; the report lists them with what would decide\n"
       "them. Exit status: 0 nothing fails under --fail-on, 1 something does, 2 an input cannot\n"
       "be read or the usage is wrong.",
       run_drift,
       {{"--reference", "REF", "@file"}, {"--current", "CUR", "@file"}, {"--columns", "a,b"}, {"--method", "COL=M"}, {"--threshold", "COL=X"}, {"--format", "FORMAT", "text json markdown html"}, {"--fail-on", "POLICY", "column dataset never"}, {"--critical", "a,b"}, {"--descriptors", "DIR", "@dir"}, {"--dataset-share", "S"}, {"--bins", "N"}, {"--raw-wasserstein"}, {"--data-format", "FORMAT", "csv tsv jsonl"}, {"--types", "a=TYPE,..."}, {"--label", "COLUMN"}, {"--threads", "N"}, {"--sketch-k", "K"}, {"--max-record", "SIZE"}, {"--max-columns", "N"}},
       {},
       ""},
      {"monitor", "watch production records against the training profile, window by window, and alert",
       "seam monitor [--reference REF] (FILE | - | --follow FILE | --replay FILE) [--descriptors DIR] [--config FILE] [--window N] [--slide N] [--time-column COL --window DURATION [--slide DURATION] [--lateness DURATION]] [--format csv|tsv|jsonl] [--columns a,b] [--method COL=M]... [--threshold COL=X]... [--alert-after N] [--cooldown N] [--events FILE] [--quarantine FILE] [--webhook URL [--webhook-retries N] [--dead-letter FILE]] [--metrics HOST:PORT] [--server URL --project NAME [--source NAME]] [--threads N]",
       "Reads production records in order, in tumbling windows of N records, profiles each window\n"
       "with the reference's column types, and tests it against the reference (a profile from\n"
       "seam profile, or a data file): for drift, with the tests of seam drift, and for missing\n"
       "values and values that do not fit the column type. Each test is an event, one JSON\n"
       "object per line: window, first and last record, column, test, statistic, p-value,\n"
       "threshold, drift, severity (docs/monitor.md). A column the reference has and the stream\n"
       "lacks is an event of its own. Memory stays bounded: one window.\n\n"
       "The stream is FILE (read to its end, gzip and zstd too), - (standard input, to its end),\n"
       "or --follow FILE: read from its start and then followed as it grows, through rotation\n"
       "and truncation, like tail -F, until SIGINT or SIGTERM. Either signal ends a live stream\n"
       "as its end would: the last window is tested and the summary printed.\n\n"
       "Settings come from the command line first, then the project's descriptors, then its\n"
       "monitor.yaml (schemas/monitor.schema.json), then the defaults; --show-settings prints\n"
       "the result and where each setting came from.\n\n"
       "Options:\n"
       "  --reference REF     the training data's profile, or a data file to profile (default:\n"
       "                      the TRL card's monitoring.reference_profile, or monitor.yaml's)\n"
       "  --replay FILE       the same as FILE: a stored stream, read as fast as it can be,\n"
       "                      which is how thresholds are tuned\n"
       "  --follow FILE       follow FILE as it grows (waits for it if it does not exist yet)\n"
       "  --window N          records per window (default 10000); a last, partial window is\n"
       "                      tested when it holds at least half as many\n"
       "  --slide N           a window ends every N records, overlapping the ones before (N\n"
       "                      divides the window; default: the window, so windows tumble)\n"
       "  --time-column COL   place windows in event time by COL (ISO 8601, or seconds since\n"
       "                      1970); then --window and --slide are durations (90, 30s, 15m,\n"
       "                      1h, 1d), aligned to multiples of the slide since 1970\n"
       "  --lateness D        with --time-column: a window closes once the newest time less D\n"
       "                      passes its end; records for a closed window are late, counted\n"
       "                      and left out (default 0)\n"
       "  --format F          csv, tsv or jsonl (default: from the file extension; csv for -)\n"
       "  --columns a,b       watch only these columns\n"
       "  --method COL=M      the drift test of a column, as for seam drift\n"
       "  --threshold COL=X   p-value below X (tests) or distance above X means drift; tests\n"
       "                      default to 0.001, since a window is tested many times a day\n"
       "  --alert-after N     alert after N drifted windows in a row of one column and test\n"
       "                      (default 3)\n"
       "  --cooldown N        then no alert for that column and test for N windows (default 10)\n"
       "  --descriptors DIR   the project: check what its production_data descriptor promises\n"
       "                      (each field is in the stream; its expected_values, \"-30 to 110\",\n"
       "                      \"0 or 1\", and min_value/max_value hold; events name the field),\n"
       "                      take the reference and thresholds by method from the TRL card's\n"
       "                      monitoring section, and read DIR/monitor.yaml when there is one\n"
       "  --component ID      the TRL card to use when several have a monitoring section\n"
       "  --config FILE       monitor settings (instead of DIR/monitor.yaml)\n"
       "  --show-settings     print the settings as JSON, with where each came from, and exit\n"
       "  --events FILE       append the events to FILE instead of standard output\n"
       "  --quarantine FILE   append bad records to FILE as JSON lines (where, why, the text):\n"
       "                      the first 1000, then one in 100\n"
       "  --webhook URL       POST each alert and missing column to URL as JSON; a failed try\n"
       "                      (unreachable, timeout, 408, 429, 5xx) is retried after 0.5 s,\n"
       "                      then 1 s, 2 s, ...\n"
       "  --webhook-retries N tries after the first (default 5)\n"
       "  --dead-letter FILE  append the events the webhook could not deliver to FILE\n"
       "  --metrics HOST:PORT serve Prometheus metrics at http://HOST:PORT/metrics while the\n"
       "                      monitor runs (port 0: any free port, printed on standard error)\n"
       "  --server URL        also send every event to the team server's project (--project,\n"
       "                      or SEAM_SERVER/SEAM_PROJECT; the token in SEAM_TOKEN), in\n"
       "                      batches, retried as for --webhook: its timeline per column\n"
       "  --source NAME       how the server names this monitor (default: the token's user)\n"
       "  --token TOKEN       the API token; prefer SEAM_TOKEN, since others can see options in ps\n"
       "  --threads N         2: a window's drift tests run beside the reading of the next\n"
       "                      (default 1; more than 2 is the same as 2)\n\n"
       "A window drifts in missing_rate when its share of missing values exceeds the\n"
       "reference's by more than 0.1, and in invalid when a value does not fit its column's\n"
       "type. Bad records are skipped and counted, never fatal. Exit status: 0 no alert, 1 some\n"
       "alert or a missing column, 2 an input cannot be read or written, or the usage is wrong.",
       run_monitor,
       {{"--reference", "REF", "@file"}, {"--replay", "FILE", "@file"}, {"--follow", "FILE", "@file"}, {"--window", "N"}, {"--slide", "N"}, {"--time-column", "COL"}, {"--lateness", "D"}, {"--format", "FORMAT", "csv tsv jsonl"}, {"--columns", "a,b"}, {"--method", "COL=M"}, {"--threshold", "COL=X"}, {"--alert-after", "N"}, {"--cooldown", "N"}, {"--descriptors", "DIR", "@dir"}, {"--component", "ID"}, {"--config", "FILE", "@file"}, {"--show-settings"}, {"--events", "FILE", "@file"}, {"--quarantine", "FILE", "@file"}, {"--webhook", "URL"}, {"--webhook-retries", "N"}, {"--dead-letter", "FILE", "@file"}, {"--metrics", "HOST:PORT"}, {"--server", "URL"}, {"--project", "NAME"}, {"--token", "TOKEN"}, {"--source", "NAME"}, {"--threads", "N"}},
       {},
       "@file"},
      {"trl", "readiness levels (MLTRL): cards, status, gates, reviews, risks and progress",
       "seam trl init DIR COMPONENT [--force] | status DIR [--format text|json] | check DIR COMPONENT --to N [--format text|json]\n"
       "       seam trl review DIR COMPONENT --to N --decision graduate|switchback [--kind discovery|review|embedded] --reviewer NAME... [--note TEXT] [--override REASON] [--date YYYY-MM-DD]\n"
       "       seam trl card DIR COMPONENT [--format markdown|html] | risks DIR [--format text|json] | metrics DIR [--format text|json]",
       "DIR/trl/<component>.yaml holds one TRL Card per component (schemas/trl_card.schema.json;\n"
       "docs/trl.md). The level catalogue with its gate criteria is built in (trl/levels.yaml).\n\n"
       "  init DIR C        start C's card: writes DIR/trl/C.yaml at level 0, every field\n"
       "                    listed with what it means; --force overwrites an existing card\n"
       "  status DIR        each component's level, whether its criteria are met, and what\n"
       "                    blocks the gate to the next level; the system level is the lowest\n"
       "  check DIR C --to N  the gate of component C into level N: exit 0 when every\n"
       "                    automatic criterion is met (manual ones are signed off in a\n"
       "                    review), 1 when one is not; --format json gives the gate\n"
       "                    object of the status JSON\n"
       "  risks DIR         requirements by risk (p_failure x value) and the 5x5 risk matrix;\n"
       "                    --format text (default) or json\n"
       "  review DIR C ...  records a review in C's card (appended to reviews, level updated,\n"
       "                    comments kept). A graduation goes up one level once reviews exist,\n"
       "                    needs the gate to pass or --override REASON (recorded), and signs\n"
       "                    off the new level's manual criteria; a switchback goes down and\n"
       "                    names its kind; embedded switchbacks follow the catalogue\n"
       "  card DIR C        C's card as a document: project information, implicit knowledge,\n"
       "                    descriptors, requirements with their risk, the gate to the next\n"
       "                    level and the review history. --format markdown (default) or html\n"
       "                    (one printable page, no scripts; print it to PDF from a browser)\n"
       "  metrics DIR       per component, the days spent at each level (between reviews; the\n"
       "                    current level up to today), the longest stay, graduations and\n"
       "                    switchbacks by kind, and totals; --format text (default) or json\n\n"
       "Automatic criteria read the cards and the findings of seam check on DIR, made with\n"
       "the same --rules FILE and --set RULE.P=VALUE options as seam check.\n"
       "--levels FILE replaces the built-in catalogue with an organisation's own\n"
       "(schemas/trl_levels.schema.json).\n"
       "Exit status: 0 done or gate passes, 1 gate fails, 2 a card is malformed, the project has\n"
       "no cards yet (the message says how to start one), a card to write exists already, or\n"
       "the usage is wrong.",
       run_trl,
       {{"--format", "FORMAT", "text json markdown html"}, {"--to", "N", "0 1 2 3 4 5 6 7 8 9"}, {"--decision", "D", "graduate switchback"}, {"--kind", "K", "discovery review embedded"}, {"--reviewer", "NAME"}, {"--note", "TEXT"}, {"--override", "REASON"}, {"--date", "YYYY-MM-DD"}, {"--levels", "FILE", "@file"}, {"--rules", "FILE", "@file"}, {"--set", "RULE.PARAM=VALUE"}, {"--force"}},
       {{"init", "@dir"}, {"status", "@dir"}, {"check", "@dir"}, {"review", "@dir"}, {"card", "@dir"}, {"risks", "@dir"}, {"metrics", "@dir"}},
       ""},
      {"init", "start a project with a commented template for each descriptor",
       "seam init [--force] DIR",
       "Writes DIR/<descriptor>.yaml for all eight descriptors, creating DIR if needed.\n"
       "Each template lists every field with what it means; fill in what you know.\n"
       "For readiness levels, 'seam trl init DIR COMPONENT' then starts a TRL card for each\n"
       "component.\n\n"
       "Options:\n"
       "  --force   overwrite descriptor files that already exist\n\n"
       "Exit status: 0 written, 2 a file exists (without --force) or cannot be written.",
       run_init,
       {{"--force"}},
       {},
       "@dir"},
      {"serve", "run the team server: projects, accounts, roles, revisions and a REST API",
       "seam serve [--db PATH|postgresql://...] [--listen HOST:PORT] [--tls-cert FILE --tls-key FILE] [--max-body BYTES] [--max-streams N] [--heartbeat SECONDS] [--trusted-proxy ADDRESS]... [--ui-dir DIR] [--rules FILE]... [--set RULE.P=VALUE]...",
       "Serves the web UI at / and the REST API under /api/v1 (docs/server.md) until SIGTERM\n"
       "or Ctrl-C, then finishes the requests in flight and exits.\n\n"
       "  --db D            ./seam.db (SQLite, created when missing) by default, or a\n"
       "                    postgresql:// URL; the schema is migrated at start\n"
       "  --listen H:P      address and port (default 127.0.0.1:8080; port 0 picks a free one)\n"
       "  --tls-cert F, --tls-key F  serve HTTPS with this certificate and key (PEM)\n"
       "  --max-body N      largest request body in bytes (default 4194304)\n"
       "  --max-streams N   open live-update event streams at most (default 64); more get 503\n"
       "  --heartbeat S     seconds between keep-alive comments on an idle event stream, when\n"
       "                    access is also checked again (default 15)\n"
       "  --trusted-proxy A a reverse proxy's address (repeatable): for requests from it, the\n"
       "                    client address for login limits and logs is taken from\n"
       "                    X-Forwarded-For, which is ignored from anyone else\n"
       "  --ui-dir DIR      serve the web UI from DIR (a build of ui/) instead of the copy\n"
       "                    built into seam\n"
       "  --rules, --set    as for seam check: the rules every project is checked with\n\n"
       "There is no default account: create the first one with\n"
       "'seam admin create-user NAME --admin'. Exit status: 0 stopped by a signal, 2 cannot\n"
       "open the database or listen.",
       run_serve,
       {{"--db", "PATH", "@file"}, {"--listen", "HOST:PORT"}, {"--tls-cert", "FILE", "@file"}, {"--tls-key", "FILE", "@file"}, {"--max-body", "BYTES"}, {"--max-streams", "N"}, {"--heartbeat", "SECONDS"}, {"--trusted-proxy", "ADDRESS"}, {"--ui-dir", "DIR", "@dir"}, {"--rules", "FILE", "@file"}, {"--set", "RULE.PARAM=VALUE"}},
       {},
       ""},
      {"admin", "manage the server's database: accounts, backups, schema migrations",
       "seam admin create-user NAME [--admin] [--db D] | backup FILE [--db D] | migrate [--db D]",
       "  create-user NAME  adds an account; the password is read from the terminal (asked\n"
       "                    twice) or from the first line of standard input; --admin lets it\n"
       "                    create accounts\n"
       "  backup FILE       a consistent copy of a SQLite database, taken while the server\n"
       "                    runs (for PostgreSQL use pg_dump; docs/server.md)\n"
       "  migrate           brings the database schema up to this version of seam and prints\n"
       "                    it; a database made by a newer seam is refused\n\n"
       "--db is ./seam.db by default, as for seam serve.\n"
       "Exit status: 0 done, 1 a database or input is invalid, 2 it cannot be opened or the usage is wrong.",
       run_admin,
       {{"--db", "PATH", "@file"}, {"--admin"}},
       {{"create-user", ""}, {"backup", "@file"}, {"migrate", ""}},
       ""},
      {"push", "send a project directory's changed descriptors to a seam server",
       "seam push DIR [--server URL] [--project P] [--message TEXT]",
       "Sends each descriptor file (and waivers.yaml) that changed since the last pull or push\n"
       "as a new revision. A file that also changed on the server since then is refused, not\n"
       "overwritten: pull, merge by hand, push again. DIR/.seam-sync.json records what was\n"
       "last exchanged.\n\n"
       "  --server URL      the server (default: $SEAM_SERVER)\n"
       "  --project P       the project on it (default: $SEAM_PROJECT)\n"
       "  --message TEXT, -m TEXT  the revision message\n"
       "  --token T         an API token; $SEAM_TOKEN is safer (not shown by ps)\n\n"
       "Exit status: 0 done, 1 some file was refused (conflict, permission, invalid), 2 the\n"
       "server cannot be reached or the usage is wrong.",
       run_push,
       {{"--server", "URL"}, {"--project", "P"}, {"--token", "T"}, {"--message", "TEXT"}, {"-m", "TEXT"}},
       {},
       "@dir"},
      {"pull", "write a seam server's current descriptors into a project directory",
       "seam pull DIR [--server URL] [--project P] [--force]",
       "Writes each descriptor of the server's project into DIR (created if needed), ready for\n"
       "seam check. A local file changed since the last pull is kept, and reported, unless\n"
       "--force. --server, --project and --token as for seam push.\n\n"
       "Exit status: 0 done, 1 some local changes were kept, 2 the server cannot be reached or\n"
       "the usage is wrong.",
       run_pull,
       {{"--server", "URL"}, {"--project", "P"}, {"--token", "T"}, {"--force"}},
       {},
       "@dir"},
      {"log", "show a server project's revisions: who changed what, and the findings it made",
       "seam log [DESCRIPTOR] [--server URL] [--project P] [--limit N] [--format text|json]",
       "Lists revisions newest first (20 by default), with the finding items each one\n"
       "introduced (+) and resolved (-). --server, --project and --token as for seam push.\n\n"
       "Exit status: 0 done, 2 the server cannot be reached or the usage is wrong.",
       run_log,
       {{"--server", "URL"}, {"--project", "P"}, {"--token", "T"}, {"--limit", "N"}, {"--format", "FORMAT", "text json"}},
       {},
       "system_context raw_data data_pipeline training_data trained_model development_environment production_environment production_data"},
      {"completion", "print a shell completion script for bash, zsh or fish",
       "seam completion bash|zsh|fish",
       "Prints a script that completes seam's commands, subcommands, options, option values\n"
       "(formats, methods, levels), rule ids for 'seam rules show', and file and directory\n"
       "names. 'make install' installs all three; to try one in the current shell:\n\n"
       "  source <(seam completion bash)\n\n"
       "Exit status: 0 printed, 2 no such shell.",
       run_completion,
       {},
       {{"bash", ""}, {"zsh", ""}, {"fish", ""}},
       ""},
      {"manpage", "print the man page of seam or of one command, or docs/cli.md",
       "seam manpage [--format roff|markdown] [COMMAND] | --output-dir DIR",
       "Prints the man page (roff) of seam, or of COMMAND, made from the same table as\n"
       "'seam help'. --format markdown prints the command reference in docs/cli.md instead.\n\n"
       "  --format F        roff (default) or markdown\n"
       "  --output-dir DIR  write seam.1 and seam-COMMAND.1 for every command into DIR\n\n"
       "Exit status: 0 printed, 2 no such command, a page cannot be written, or wrong usage.",
       run_manpage,
       {{"--format", "FORMAT", "roff markdown"}, {"--output-dir", "DIR", "@dir"}},
       {},
       "@command"},
      {"help", "show the commands, or the help of one command", "seam help [COMMAND]", "", print_help, {}, {}, "@command"},
  };
  return table;
}

const Command* find_command(const std::string& name) {
  for (const auto& c : commands())
    if (name == c.name) return &c;
  return nullptr;
}

ArgSpec spec_of(const std::string& command) {
  ArgSpec spec;
  if (const Command* c = find_command(command))
    for (const auto& o : c->options) (o.value ? spec.options : spec.flags).insert(o.name);
  return spec;
}

std::string command_hint(const std::string& name) {
  std::vector<std::string> names;
  for (const auto& c : commands()) names.emplace_back(c.name);
  const auto guess = text::closest(name, names);
  return guess ? "; did you mean '" + *guess + "'?" : "";
}

std::string known_versions() {
  std::string out;
  for (const auto v : doc::kKnownVersions) out.append(out.empty() ? "" : ", ").append(v);
  return out;
}

int print_help(const std::vector<std::string>& args) {
  if (!args.empty()) {
    const Command* c = find_command(args.front());
    if (!c) {
      std::fprintf(stderr, "seam help: no command '%s'%s\n", args.front().c_str(), command_hint(args.front()).c_str());
      return kExitError;
    }
    std::printf("usage: %s\n\n%s\n%s%s", c->usage, c->summary, *c->help ? "\n" : "", c->help);
    if (*c->help) std::printf("\n");
    return kExitOk;
  }
  std::printf("seam %s: finds ML mismatches before they ship\n\nusage: seam COMMAND [ARGS]\n\ncommands:\n",
              kVersion);
  for (const auto& c : commands()) std::printf("  %-10s %s\n", c.name, c.summary);
  std::printf("\nRun 'seam help COMMAND' for a command's options; 'seam --version' prints the version.\n");
  return kExitOk;
}

}  // namespace seam::cli
