#!/usr/bin/env python3
"""Crash safety of `seam serve`: clients write revisions while the server is killed with
SIGKILL at random moments and restarted; afterwards every write the server acknowledged must
be there, byte for byte, and the database must be intact.

Bounded: a fixed number of kills and writes, loopback only, about half a minute.

Usage: server_crash_test.py PATH/TO/seam [--postgres | --db postgresql://...]   (run by ctest)

--postgres runs it on a fresh database in a throwaway PostgreSQL cluster (scripts/pg-temp),
and fails when PostgreSQL cannot start; --db names a database to use instead.
"""
import os
import random
import signal
import sqlite3
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from seam_server import Server, take_postgres_flag  # noqa: E402

SEAM = os.path.abspath(sys.argv.pop(1)) if len(sys.argv) > 1 else "build/seam"
DB = None
if len(sys.argv) > 2 and sys.argv[1] == "--db":
    DB = sys.argv.pop(2)
    sys.argv.pop(1)
take_postgres_flag(sys.argv)

KILLS = 4
WRITERS = 4
DOCS = ["trained_model", "raw_data", "training_data", "data_pipeline"]


class CrashSafety(unittest.TestCase):
    def test_acknowledged_writes_survive_sigkill(self):
        rng = random.Random(20261206)
        server = Server(SEAM, db=DB)
        self.addCleanup(server.close)
        self.assertEqual(server.admin("create-user", "owner", "--admin").returncode, 0)
        server.start()
        setup = server.client()
        self.assertEqual(setup.login("owner").status, 201)
        project = f"crash-{os.getpid()}"
        self.assertEqual(setup.request("POST", "/api/v1/projects", {"name": project}).status, 201)
        token = setup.request("POST", "/api/v1/tokens", {"name": "crash", "access": "write"}).json()["token"]

        acknowledged = {}  # revision id -> content
        lock = threading.Lock()
        running = threading.Event()
        running.set()
        stop = threading.Event()

        def writer(i):
            doc = DOCS[i]
            etag = None
            n = 0
            while not stop.is_set():
                if not running.wait(timeout=0.1):
                    continue
                c = server.client()
                c.token = token
                content = f"version: '1.2'\n# writer {i}, write {n}\n"
                try:
                    if etag is None:
                        r = c.request("GET", f"/api/v1/projects/{project}/descriptors/{doc}")
                        etag = r.header("ETag") if r.status == 200 else "*"
                    headers = {"If-None-Match": "*"} if etag == "*" else {"If-Match": etag}
                    r = c.request("PUT", f"/api/v1/projects/{project}/descriptors/{doc}",
                                  {"content": content, "message": f"w{i}-{n}"}, headers=headers)
                except OSError:
                    etag = None  # the server died mid-request: the write may or may not be there
                    continue
                if r.status in (200, 201):
                    with lock:
                        acknowledged[r.json()["revision"]["id"]] = content
                    etag = r.header("ETag")
                    n += 1
                elif r.status == 412:
                    etag = None
                else:
                    self.fail(f"unexpected {r.status}: {r.body[:200]}")

        threads = [threading.Thread(target=writer, args=(i,)) for i in range(WRITERS)]
        for t in threads:
            t.start()
        try:
            for _ in range(KILLS):
                # Let some writes through first (a slow build, under a sanitizer say, must
                # still be killed mid-stream rather than before anything was written).
                target = len(acknowledged) + 8
                deadline = time.time() + 60
                while len(acknowledged) < target and time.time() < deadline:
                    time.sleep(0.05)
                time.sleep(rng.uniform(0, 0.3))
                running.clear()
                server.stop(signal.SIGKILL)
                server.start()
                running.set()
            time.sleep(0.5)
        finally:
            stop.set()
            running.set()
            for t in threads:
                t.join(timeout=60)

        self.assertGreater(len(acknowledged), 20, "too few writes to mean anything")
        check = server.client()
        check.token = token
        for rid, content in sorted(acknowledged.items()):
            r = check.request("GET", f"/api/v1/projects/{project}/revisions/{rid}")
            self.assertEqual(r.status, 200, f"acknowledged revision {rid} is missing")
            self.assertEqual(r.json()["content"], content)
        # Revision numbers of each document run 1, 2, 3, ... without gaps or repeats.
        for doc in DOCS:
            items, cursor = [], ""
            while True:
                page = check.request("GET", f"/api/v1/projects/{project}/descriptors/{doc}/revisions?limit=500{cursor}").json()
                items += page["items"]
                if not page["next"]:
                    break
                cursor = "&cursor=" + page["next"]
            numbers = sorted(i["number"] for i in items)
            self.assertEqual(numbers, list(range(1, len(numbers) + 1)), doc)
        server.stop()
        if "://" not in server.db:
            with sqlite3.connect(server.db) as db:
                self.assertEqual(db.execute("PRAGMA integrity_check").fetchone()[0], "ok")


if __name__ == "__main__":
    unittest.main()
