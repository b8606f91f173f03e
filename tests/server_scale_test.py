#!/usr/bin/env python3
"""Two `seam serve` processes on one PostgreSQL database, as behind a reverse proxy: what one
accepts, the other serves at once (documents, findings, sessions, tokens, rate limits), a
stale write through either gets 412, and a write through one reaches the event streams of
the other.

The database is in a throwaway cluster (scripts/pg-temp); when PostgreSQL cannot start, the
test fails. Loopback only, about ten seconds.

Usage: server_scale_test.py PATH/TO/seam   (run by ctest)
"""
import os
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from seam_server import PASSWORD, Server, race, use_postgres  # noqa: E402

SEAM = os.path.abspath(sys.argv.pop(1)) if len(sys.argv) > 1 else "build/seam"
EXAMPLE = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "examples", "turbine-maintenance")
DESCRIPTORS = ["system_context", "raw_data", "data_pipeline", "training_data", "trained_model",
               "development_environment", "production_environment", "production_data"]


def example(name):
    with open(os.path.join(EXAMPLE, name + ".yaml"), encoding="utf-8") as f:
        return f.read()


class TwoServers(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        url = use_postgres().database()
        cls.a = Server(SEAM, db=url)
        cls.b = Server(SEAM, db=url)
        r = cls.a.admin("create-user", "root", "--admin")
        assert r.returncode == 0, r.stderr
        cls.a.start()
        cls.b.start()
        cls.root_a = cls.a.client()
        assert cls.root_a.login("root").status == 201
        for name in ("alice", "bob", "limited"):
            assert cls.root_a.request("POST", "/api/v1/users", {"name": name, "password": PASSWORD}).status == 201

    @classmethod
    def tearDownClass(cls):
        cls.a.close()
        cls.b.close()

    def on(self, server, like):
        """A client of `server` that uses the session (cookie and CSRF token) of `like`."""
        c = server.client()
        c.cookie, c.csrf, c.token = like.cookie, like.csrf, like.token
        return c

    def project(self, name):
        alice = self.a.client()
        self.assertEqual(alice.login("alice").status, 201)
        self.assertEqual(alice.request("POST", "/api/v1/projects", {"name": name}).status, 201)
        return alice

    def test_a_session_and_a_token_made_on_one_server_work_on_the_other(self):
        alice = self.a.client()
        self.assertEqual(alice.login("alice").status, 201)
        via_b = self.on(self.b, alice)
        self.assertEqual(via_b.request("GET", "/api/v1/session").json()["user"]["name"], "alice")
        self.assertEqual(via_b.request("POST", "/api/v1/projects", {"name": "shared-session"}).status, 201)
        token = via_b.request("POST", "/api/v1/tokens", {"name": "ci", "access": "read"}).json()
        t = self.a.client()
        t.token = token["token"]
        self.assertEqual(t.request("GET", "/api/v1/projects/shared-session").status, 200)
        # Revoked and signed out on one, refused on the other.
        self.assertEqual(alice.request("DELETE", f"/api/v1/tokens/{token['info']['id']}").status, 204)
        self.assertEqual(self.on(self.b, t).request("GET", "/api/v1/projects").status, 401)
        self.assertEqual(via_b.request("DELETE", "/api/v1/session").status, 204)
        self.assertEqual(alice.request("GET", "/api/v1/session").status, 401)

    def test_login_limits_count_attempts_on_both_servers(self):
        ca, cb = self.a.client(), self.b.client()
        statuses = [(ca if i % 2 else cb).login("limited", "wrong password!").status for i in range(11)]
        self.assertEqual(statuses, [401] * 10 + [429])
        self.assertEqual(ca.login("limited").status, 429)
        self.assertEqual(cb.login("limited").status, 429)

    def test_a_write_through_one_is_served_with_its_findings_by_the_other_at_once(self):
        alice = self.project("visible")
        alice_b = self.on(self.b, alice)
        for name in DESCRIPTORS:
            alice_b.request("GET", "/api/v1/projects/visible/findings")  # B caches the state before the write
            r = alice.put_doc("visible", name, example(name), create=True)
            self.assertEqual(r.status, 201, r.body)
            got = alice_b.request("GET", f"/api/v1/projects/visible/descriptors/{name}")
            self.assertEqual(got.header("ETag"), r.header("ETag"))
            findings = alice_b.request("GET", "/api/v1/projects/visible/findings")
            self.assertEqual(findings.json()["summary"], alice.request("GET", "/api/v1/projects/visible/findings").json()["summary"])
            self.assertEqual({k: findings.json()["summary"][k] for k in r.json()["summary"]}, r.json()["summary"], name)
        # A change that resolves a finding shows on B at once.
        before = alice_b.request("GET", "/api/v1/projects/visible/findings").json()
        etag = alice_b.request("GET", "/api/v1/projects/visible/descriptors/production_environment").header("ETag")
        fixed = example("production_environment").replace("gpu: 0", "gpu: 1", 1)
        r = alice.put_doc("visible", "production_environment", fixed, etag=etag)
        self.assertEqual(r.status, 200, r.body)
        after = alice_b.request("GET", "/api/v1/projects/visible/findings").json()
        rules = lambda report: sorted(f["rule"] for f in report["findings"])  # noqa: E731
        self.assertIn("model-compute-exceeds-production", rules(before))
        self.assertNotIn("model-compute-exceeds-production", rules(after))
        self.assertEqual(after["summary"]["error"], r.json()["summary"]["error"])

    def test_a_stale_write_through_the_other_gets_412_and_racers_on_both_one_wins(self):
        alice = self.project("stale")
        via_b = self.on(self.b, alice)
        first = alice.put_doc("stale", "trained_model", example("trained_model"), create=True).header("ETag")
        self.assertEqual(via_b.put_doc("stale", "trained_model", example("trained_model"), create=True).status, 412)
        second = alice.put_doc("stale", "trained_model", example("trained_model") + "# a\n", etag=first)
        self.assertEqual(second.status, 200)
        r = via_b.put_doc("stale", "trained_model", example("trained_model") + "# b\n", etag=first)
        self.assertEqual(r.status, 412)
        self.assertEqual(r.json()["current"]["id"], second.json()["revision"]["id"])
        etag = second.header("ETag")
        clients = [self.on(server, alice) for server in (self.a, self.b) for _ in range(4)]
        results = race(clients, lambda i, c: c.put_doc("stale", "trained_model", example("trained_model") + f"# racer {i}\n", etag=etag).status)
        self.assertEqual(sorted(results), [200] + [412] * (len(clients) - 1))

    def test_a_write_through_one_reaches_event_streams_on_both_within_a_second(self):
        alice = self.project("events")
        on_b = self.on(self.b, alice).stream("/api/v1/projects/events/events")
        on_a = alice.stream("/api/v1/projects/events/events")
        self.addCleanup(on_b.close)
        self.addCleanup(on_a.close)
        self.assertEqual(on_b.next()["event"], "ready")
        self.assertEqual(on_a.next()["event"], "ready")
        latencies = []
        for n, name in enumerate(["trained_model", "raw_data", "training_data"], start=1):
            started = time.time()
            r = alice.put_doc("events", name, example(name), create=True)
            self.assertEqual(r.status, 201)
            for stream in (on_b, on_a):
                event = stream.next(timeout=1.0)
                self.assertIsNotNone(event, f"no event for {name} within a second")
                self.assertEqual(event["event"], "change")
                self.assertEqual((event["data"]["name"], event["data"]["project_revision"]), (name, n))
                self.assertEqual(event["data"]["etag"], r.header("ETag"))
            latencies.append(time.time() - started)
        self.assertLess(max(latencies), 1.0)


if __name__ == "__main__":
    unittest.main()
