#!/usr/bin/python3
"""seam monitor --replay on generated streams with planted change points: the alert fires in
the expected window, a stationary stream of 1,000 windows raises none (the false alarm rate
is printed), and malformed records or a missing column are reported without stopping it.

Usage: monitor_e2e_test.py PATH/TO/seam
"""
import http.server
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.request

import numpy as np
import pandas as pd

SEAM = None


def stream(path, n, seed, change=None, at=0):
    rng = np.random.default_rng(seed)
    f = pd.DataFrame({"x": rng.normal(0, 1, n), "amount": rng.normal(50, 15, n),
                      "channel": rng.choice(list("abc"), n)})
    if change == "shift":
        f.loc[at:, "x"] += 0.5
    elif change == "unit":
        f.loc[at:, "amount"] *= 1000
    elif change == "category":
        f.loc[at::4, "channel"] = "d"
    elif change == "empty":
        f["x"] = f["x"].astype(object)
        f.loc[at:, "x"] = None
    f.to_csv(path, index=False)


def monitor(*args, stdin=None):
    r = subprocess.run([SEAM, "monitor", *args], capture_output=True, text=True, timeout=300, stdin=stdin)
    events = [json.loads(line) for line in r.stdout.splitlines()]
    return r, events


class Monitor(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.TemporaryDirectory()
        cls.ref = os.path.join(cls.tmp.name, "reference.csv")
        stream(cls.ref, 50_000, 1)
        cls.profile = os.path.join(cls.tmp.name, "reference.json")
        subprocess.run([SEAM, "profile", cls.ref, "-o", cls.profile], check=True, capture_output=True)

    @classmethod
    def tearDownClass(cls):
        cls.tmp.cleanup()

    def path(self, name):
        return os.path.join(self.tmp.name, name)

    def test_planted_changes_alert_in_the_expected_window(self):
        # The change starts at record 15,001, the first of window 16; three drifted windows
        # in a row make the alert, in window 18.
        for change, column, test in (("shift", "x", "ks"), ("unit", "amount", "ks"),
                                     ("category", "channel", "chisquare"), ("empty", "x", "missing_rate")):
            live = self.path(f"{change}.csv")
            stream(live, 30_000, 2, change, 15_000)
            r, events = monitor("--reference", self.profile, "--window", "1000", "--replay", live)
            self.assertEqual(r.returncode, 1, r.stderr)
            alerts = [e for e in events if e["type"] == "alert" and e["column"] == column]
            self.assertTrue(alerts, change)
            self.assertEqual((alerts[0]["window"], alerts[0]["test"]), (18, test), change)
            self.assertEqual(alerts[0]["first_record"], 17_001)
            early = [e for e in events if e["type"] == "alert" and e["window"] < 18]
            self.assertEqual(early, [], change)

    def test_a_stationary_stream_raises_no_alarm_over_1000_windows(self):
        live = self.path("stationary.csv")
        stream(live, 200_000, 3)
        r, events = monitor("--reference", self.ref, "--window", "200", live)
        windows = {e["window"] for e in events if e["type"] == "test"}
        alerts = [e for e in events if e["type"] == "alert"]
        drifted = sum(e["drift"] for e in events if e["type"] == "test")
        tests = sum(e["type"] == "test" for e in events)
        print(f"\nstationary: {len(windows)} windows, {tests} tests, {drifted} drifted tests "
              f"({drifted / tests:.4%}), {len(alerts)} alerts: false alarm rate {len(alerts) / len(windows):.4f} per window",
              file=sys.stderr)
        self.assertEqual(len(windows), 1000)
        self.assertEqual(alerts, [])
        self.assertEqual(r.returncode, 0, r.stderr)

    def test_malformed_records_are_counted_and_a_missing_column_is_an_event(self):
        live = self.path("ragged.csv")
        with open(live, "w") as f:
            f.write("x,channel\n")
            for i in range(3000):
                f.write("1.5,a,extra\n" if i % 100 == 0 else f"{(i % 7) / 7},{'abc'[i % 3]}\n")
        r, events = monitor("--reference", self.profile, "--window", "1000", live)
        self.assertEqual(r.returncode, 1)
        self.assertEqual([(e["type"], e["column"]) for e in events if e["type"] == "missing_column"],
                         [("missing_column", "amount")])
        self.assertIn("30 bad records skipped", r.stderr)
        self.assertEqual(max(e["window"] for e in events), 3)  # 2,970 good records: the last 970 are a window too

    def test_descriptor_promises_are_checked_and_named(self):
        project = self.path("project")
        os.makedirs(project, exist_ok=True)
        with open(os.path.join(project, "production_data.yaml"), "w") as f:
            f.write("version: '1.2'\nschema:\n"
                    "  - {field_name: amount, field_type: float, expected_values: -100 to 200}\n"
                    "  - {field_name: channel, field_type: string, expected_values: 'a, b or c'}\n"
                    "  - {field_name: region, field_type: string, expected_values: eu or us}\n")
        live = self.path("unit-for-descriptors.csv")
        stream(live, 10_000, 4, "unit", 5_000)
        r, events = monitor("--reference", self.profile, "--window", "1000", "--descriptors", project, live)
        self.assertEqual(r.returncode, 1, r.stderr)
        (missing,) = [e for e in events if e["type"] == "missing_column"]
        self.assertEqual((missing["column"], missing["descriptor"]),
                         ("region", os.path.join(project, "production_data.yaml") + ":5: /schema/2/expected_values"))
        ranges = [e for e in events if e["type"] == "test" and e.get("test") == "range"]
        self.assertEqual([e["drift"] for e in ranges], [False] * 5 + [True] * 5)
        self.assertTrue(ranges[-1]["descriptor"].endswith(":3: /schema/0/expected_values"))
        self.assertFalse(any(e["drift"] for e in events if e.get("test") == "allowed_values"))
        r, _ = monitor("--reference", self.profile, "--descriptors", self.path("nowhere"), live)
        self.assertEqual(r.returncode, 2)
        self.assertIn("nowhere", r.stderr)

    def test_standard_input_reads_as_the_file_does(self):
        live = self.path("stdin.csv")
        stream(live, 6_000, 6, "shift", 2_000)
        stored, _ = monitor("--reference", self.profile, "--window", "1000", live)
        with open(live) as f:
            piped, _ = monitor("--reference", self.profile, "--window", "1000", "-", stdin=f)
        self.assertEqual(piped.returncode, 1, piped.stderr)
        self.assertEqual(piped.stdout, stored.stdout)
        self.assertIn("6000 records in 6 windows", piped.stderr)

    def test_following_a_rotated_log_until_a_signal(self):
        live, events, quarantine = self.path("live.csv"), self.path("events.jsonl"), self.path("quarantine.jsonl")
        stream(self.path("before.csv"), 2_000, 7)
        stream(self.path("after.csv"), 3_000, 8, "shift", 0)
        os.replace(self.path("before.csv"), live)
        proc = subprocess.Popen([SEAM, "monitor", "--reference", self.profile, "--window", "1000", "--follow", live,
                                 "--events", events, "--quarantine", quarantine],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        try:
            self.wait_for_window(events, 2)
            # The log is rotated: the old file moves aside and a new one, with its own header
            # and three ragged records, takes its name.
            os.replace(live, live + ".1")
            with open(self.path("after.csv")) as f:
                lines = f.readlines()
            lines[10:10] = ["1,2,3,4\n"] * 3  # lines 11 to 13 of the new file
            with open(live + ".tmp", "w") as f:
                f.writelines(lines)
            os.replace(live + ".tmp", live)
            self.wait_for_window(events, 5)
        finally:
            proc.send_signal(signal.SIGTERM)
            _, err = proc.communicate(timeout=30)
        self.assertEqual(proc.returncode, 1, err)
        self.assertIn("5000 records in 5 windows, 3 bad records skipped (3 kept in", err)
        with open(events) as f:
            got = [json.loads(line) for line in f]
        x = {e["window"]: e for e in got if e["type"] == "test" and e["column"] == "x" and e["test"] == "ks"}
        self.assertEqual([x[w]["drift"] for w in range(1, 6)], [False, False, True, True, True])
        self.assertEqual((x[3]["first_record"], x[3]["last_record"]), (2001, 3000))
        alerts = [e for e in got if e["type"] == "alert"]
        self.assertEqual([(a["window"], a["column"]) for a in alerts], [(5, "x")])
        # The new file's header was skipped, not read as a record of words.
        self.assertFalse(any(e["drift"] for e in got if e.get("test") == "invalid"))
        with open(quarantine) as f:
            kept = [json.loads(line) for line in f]
        self.assertEqual([(k["source"], k["line"], k["record"]) for k in kept], [(live, n, "1,2,3,4") for n in (11, 12, 13)])
        self.assertEqual(kept[0]["error"], "expected 3 fields, found 4")

    def wait_for_window(self, events, window):
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if os.path.exists(events):
                with open(events) as f:
                    if any(json.loads(line)["window"] >= window for line in f if line.strip()):
                        return
            time.sleep(0.05)
        self.fail(f"no event of window {window} within 30 s")

    def test_settings_come_from_monitor_yaml_and_the_descriptors(self):
        project = self.path("configured")
        os.makedirs(os.path.join(project, "trl"), exist_ok=True)
        with open(os.path.join(project, "monitor.yaml"), "w") as f:
            f.write("version: '1.0'\nreference: ../reference.json\nwindow: {records: 500}\n"
                    "thresholds: {ks: 0.2}\nevents: events.jsonl\n")
        with open(os.path.join(project, "trl", "model.yaml"), "w") as f:
            f.write("version: '1.0'\ncomponent: model\nmonitoring:\n  thresholds: {chisquare: 0.01}\n")
        live = self.path("configured.csv")
        stream(live, 2_000, 9)
        r, _ = monitor("--descriptors", project, "--show-settings")
        shown = json.loads(r.stdout)
        self.assertEqual(shown["reference"], os.path.join(project, "../reference.json"))
        self.assertEqual(shown["origin"]["thresholds.chisquare"], os.path.join(project, "trl/model.yaml") + ":4: /monitoring/thresholds/chisquare")
        r, stdout_events = monitor("--descriptors", project, "--alert-after", "9", live)
        self.assertEqual(stdout_events, [])  # they went to events.jsonl
        with open(os.path.join(project, "events.jsonl")) as f:
            got = [json.loads(line) for line in f]
        self.assertEqual(max(e["window"] for e in got), 4)
        self.assertEqual({e["threshold"] for e in got if e.get("test") == "ks"}, {0.2})
        self.assertEqual({e["threshold"] for e in got if e.get("test") == "chisquare"}, {0.01})
        with open(os.path.join(project, "monitor.yaml"), "a") as f:
            f.write("window: {size: 5}\n")
        r, _ = monitor("--descriptors", project, live)
        self.assertEqual(r.returncode, 2)
        self.assertIn("monitor.yaml:6", r.stderr)

    def test_the_turbine_example_promises_fields_its_data_lacks(self):
        example = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "examples", "turbine-maintenance")
        r, events = monitor("--descriptors", example, "--window", "500", os.path.join(example, "data", "operational.csv"))
        self.assertEqual(r.returncode, 1, r.stderr)
        missing = [e for e in events if e["type"] == "missing_column"]
        self.assertIn("Gbx_OilSump_Temp", [e["column"] for e in missing])
        self.assertTrue(all("production_data.yaml:" in e["descriptor"] for e in missing))
        self.assertEqual(len({e["column"] for e in missing}), len(missing))
        self.assertTrue(any(e["type"] == "alert" and e["threshold"] == 0.05 for e in events))  # the card's ks

    def test_webhook_retries_and_dead_letters(self):
        received, answers = [], {"/flaky": [503, 503], "/broken": [500] * 100, "/gone": [404] * 100}

        class Hook(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
                status = answers[self.path].pop(0) if answers[self.path] else 200
                if status == 200:
                    received.append(body)
                self.send_response(status)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hook)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        url = f"http://127.0.0.1:{server.server_address[1]}"
        try:
            live = self.path("hooked.csv")
            stream(live, 30_000, 2, "shift", 15_000)
            common = ["--reference", self.profile, "--window", "1000", live]
            # Two alerts (window 18, and 29 after the cool-down); the first is tried three times.
            r, events = monitor(*common, "--webhook", url + "/flaky", "--webhook-retries", "3")
            self.assertEqual(r.returncode, 1, r.stderr)
            self.assertIn("webhook: 2 delivered, 2 retries, 0 not delivered", r.stderr)
            self.assertEqual(received, [e for e in events if e["type"] == "alert"])
            for path, tries in (("/broken", 2), ("/gone", 1)):
                dead = self.path(f"dead{path.replace('/', '-')}.jsonl")
                r, _ = monitor(*common, "--webhook", url + path, "--webhook-retries", "1", "--dead-letter", dead)
                self.assertIn("0 delivered", r.stderr)
                with open(dead) as f:
                    buried = [json.loads(line) for line in f]
                self.assertEqual([(b["attempts"], b["event"]["window"]) for b in buried], [(tries, 18), (tries, 29)])
                self.assertTrue(buried[0]["error"].startswith("the endpoint answered"))
        finally:
            server.shutdown()
            server.server_close()
        r, _ = monitor("--reference", self.profile, "--webhook", "ftp://x", self.ref)
        self.assertEqual(r.returncode, 2)
        self.assertIn("--webhook", r.stderr)

    def test_metrics_for_prometheus(self):
        live = self.path("scraped.csv")
        stream(live, 3_000, 10)
        with open(live, "a") as f:
            f.write("1,2\n")
        proc = subprocess.Popen([SEAM, "monitor", "--reference", self.profile, "--window", "1000", "--follow", live,
                                 "--metrics", "127.0.0.1:0"], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
        try:
            first = proc.stderr.readline()
            self.assertIn("metrics at http://127.0.0.1:", first)
            url = first.split()[-1]
            deadline, text = time.monotonic() + 30, ""
            while time.monotonic() < deadline and "seam_monitor_windows_total 3" not in text:
                time.sleep(0.05)
                text = urllib.request.urlopen(url, timeout=5).read().decode()
        finally:
            proc.send_signal(signal.SIGTERM)
            proc.communicate(timeout=30)
        metrics = dict(line.rsplit(" ", 1) for line in text.splitlines() if line and not line.startswith("#"))
        self.assertEqual(metrics["seam_monitor_windows_total"], "3")
        self.assertEqual(metrics["seam_monitor_records_total"], "3000")
        self.assertEqual(metrics["seam_monitor_parse_errors_total"], "1")
        self.assertEqual(metrics['seam_monitor_drift{column="x",test="ks"}'], "0")
        self.assertLess(float(metrics['seam_monitor_statistic{column="x",test="ks"}']), 0.1)
        self.assertGreater(float(metrics["seam_monitor_records_per_second"]), 0)
        self.assertEqual(proc.returncode, 0)

    def test_windows_in_event_time_with_late_records(self):
        rng = np.random.default_rng(11)
        live = self.path("timed.jsonl")
        start = pd.Timestamp("2026-12-08T00:00:00Z")
        with open(live, "w") as f:
            for i in range(6_000):  # one record a second for 100 minutes; x shifts after 50
                t = start + pd.Timedelta(seconds=i)
                x = rng.normal(0, 1) + (0.5 if i >= 3_000 else 0)
                f.write(json.dumps({"ts": t.strftime("%Y-%m-%dT%H:%M:%SZ"), "x": x, "amount": rng.normal(50, 15),
                                    "channel": "abc"[i % 3]}) + "\n")
                if i == 2_000:  # a record from 20 minutes ago: its window has closed
                    f.write(json.dumps({"ts": "2026-12-08T00:13:20Z", "x": 0, "amount": 50, "channel": "a"}) + "\n")
        r, events = monitor("--reference", self.profile, "--time-column", "ts", "--window", "20m", "--slide", "10m",
                            "--lateness", "1m", live)
        self.assertEqual(r.returncode, 1, r.stderr)
        self.assertIn("6001 records in 10 windows", r.stderr)  # the late one is read, then left out
        self.assertIn("1 late and 0 untimed records left out", r.stderr)
        windows = [e for e in events if e["type"] == "window"]
        self.assertEqual([(w["start"], w["end"]) for w in windows[:2]],
                         [("2026-12-07T23:50:00Z", "2026-12-08T00:10:00Z"), ("2026-12-08T00:00:00Z", "2026-12-08T00:20:00Z")])
        self.assertEqual([w["records"] for w in windows], [600] + [1200] * 9)  # the first reaches back before the data
        self.assertEqual(sum(w.get("late", 0) for w in windows), 1)
        ks = [e for e in events if e["type"] == "test" and e.get("test") == "ks" and e["column"] == "x"]
        self.assertEqual([e["drift"] for e in ks], [False] * 5 + [True] * 5)  # windows that reach past minute 50 drift
        self.assertEqual(ks[5]["start"], "2026-12-08T00:40:00Z")
        r, _ = monitor("--reference", self.profile, "--time-column", "ts", "--window", "20m", "--slide", "7m", live)
        self.assertEqual(r.returncode, 2)
        self.assertIn("slide", r.stderr)

    def test_memory_stays_bounded_over_10_million_records(self):
        gen = os.path.join(os.path.dirname(SEAM), "seam-gen-data")
        if not os.path.exists(gen):
            self.skipTest("seam-gen-data is not built beside seam")
        ref, profile = self.path("gen-reference.csv"), self.path("gen-reference.json")
        with open(ref, "wb") as f:
            subprocess.run([gen, "--bytes", "20000000", "--seed", "1"], stdout=f, check=True)
        subprocess.run([SEAM, "profile", ref, "-o", profile], check=True, capture_output=True)

        def peak(size):
            """The stream is generated into a pipe, never stored: the monitor's peak memory."""
            source = subprocess.Popen([gen, "--bytes", str(size), "--seed", "3"], stdout=subprocess.PIPE)
            mon = subprocess.Popen([SEAM, "monitor", "--reference", profile, "--window", "10000", "-"], stdin=source.stdout,
                                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
            source.stdout.close()
            _, status, usage = os.wait4(mon.pid, 0)
            mon.returncode = os.waitstatus_to_exitcode(status)
            err = mon.stderr.read().decode()
            mon.stderr.close()
            source.wait()
            self.assertIn(mon.returncode, (0, 1), err)
            return usage.ru_maxrss, int(err.split(": ")[1].split()[0])

        small_kb, small_n = peak(110_000_000)
        big_kb, big_n = peak(1_100_000_000)
        print(f"\npeak memory: {small_n} records {small_kb / 1024:.1f} MiB, {big_n} records {big_kb / 1024:.1f} MiB",
              file=sys.stderr)
        self.assertGreaterEqual(big_n, 10_000_000)
        self.assertLess(big_kb, small_kb * 1.25 + 16 * 1024)

    def test_usage_and_unreadable_input(self):
        r, _ = monitor("--reference", self.profile, "--window", "1", self.ref)
        self.assertEqual(r.returncode, 2)
        self.assertIn("--window", r.stderr)
        r, _ = monitor("--reference", self.path("nope.json"), self.ref)
        self.assertEqual(r.returncode, 2)
        self.assertIn("nope.json", r.stderr)
        r, _ = monitor("--reference", self.profile, "--method", "x=nosuch", self.ref)
        self.assertEqual(r.returncode, 2)
        self.assertIn("nosuch", r.stderr)
        r, _ = monitor("--reference", self.profile, "--follow", self.ref, self.ref)
        self.assertEqual(r.returncode, 2)
        self.assertIn("one stream", r.stderr)
        with open(os.devnull) as empty:
            r, _ = monitor("--reference", self.profile, "-", stdin=empty)
        self.assertEqual(r.returncode, 2)
        self.assertIn("standard input: empty stream", r.stderr)
        r, _ = monitor("--reference", self.profile, "--events", self.path("no/such/dir/events.jsonl"), self.ref)
        self.assertEqual(r.returncode, 2)
        self.assertIn("no/such/dir/events.jsonl", r.stderr)


if __name__ == "__main__":
    SEAM = os.path.abspath(sys.argv.pop(1))
    unittest.main(verbosity=2)
