#!/usr/bin/env python3
"""End-to-end tests of seam monitor against the team server, over real HTTP on loopback:
`seam monitor --server` posts every event of a replay to a project, which keeps all of them
for its timeline; the monitor endpoint refuses malformed lines (naming line, column and
field), the wrong media type, roles that may not write production data, and outsiders.

Usage: server_monitor_test.py PATH/TO/seam [--postgres]   (run by ctest as server_monitor)
"""
import json
import os
import random
import subprocess
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from seam_server import PASSWORD, Server, check_api_contract, take_postgres_flag  # noqa: E402

SEAM = os.path.abspath(sys.argv.pop(1)) if len(sys.argv) > 1 else "build/seam"
take_postgres_flag(sys.argv)
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EVENTS = "/api/v1/projects/mon/monitor/events"
SHARED = {}


def write_stream(path, n, seed, shift_from=None):
    rng = random.Random(seed)
    with open(path, "w") as f:
        f.write("x,channel\n")
        for i in range(n):
            x = rng.gauss(0, 1) + (0.5 if shift_from is not None and i >= shift_from else 0)
            f.write(f"{x:.6f},{rng.choice('abc')}\n")


def setUpModule():
    server = Server(SEAM)
    assert server.admin("create-user", "root", "--admin").returncode == 0
    server.start()
    root = server.client()
    assert root.login("root").status == 201
    clients = {}
    for name in ("operations", "viewer", "outsider"):
        assert root.request("POST", "/api/v1/users", {"name": name, "password": PASSWORD}).status == 201
        clients[name] = server.client()
        assert clients[name].login(name).status == 201
    assert root.request("POST", "/api/v1/projects", {"name": "mon"}).status == 201
    for name in ("operations", "viewer"):
        assert root.request("PUT", f"/api/v1/projects/mon/members/{name}", {"role": name}).status == 204
    SHARED.update(server=server, clients=clients, tmp=tempfile.TemporaryDirectory(prefix="seam-monitor-server-"))


def tearDownModule():
    SHARED["server"].close()
    SHARED["tmp"].cleanup()


class MonitorServer(unittest.TestCase):
    def setUp(self):
        self.clients = SHARED["clients"]
        self.server = SHARED["server"]
        self.dir = SHARED["tmp"].name

    def all_events(self, client, query=""):
        out, after = [], ""
        while True:
            r = client.request("GET", f"{EVENTS}?limit=1000{query}{after}")
            self.assertEqual(r.status, 200, r.body)
            out += r.json()["events"]
            if r.json()["next"] is None:
                return out
            after = f"&after={r.json()['next']}"

    def test_a_replay_lands_in_the_projects_timeline(self):
        ref, live = os.path.join(self.dir, "ref.csv"), os.path.join(self.dir, "live.csv")
        write_stream(ref, 20_000, 1)
        write_stream(live, 12_000, 2, shift_from=6_000)
        token = self.clients["operations"].request("POST", "/api/v1/tokens", {"name": "monitor", "project": "mon", "access": "write"})
        self.assertEqual(token.status, 201, token.body)
        env = dict(os.environ, SEAM_TOKEN=token.json()["token"])
        r = subprocess.run([SEAM, "monitor", "--reference", ref, "--window", "1000", live, "--server",
                            f"http://127.0.0.1:{self.server.port}", "--project", "mon", "--source", "replay-1"],
                           capture_output=True, text=True, timeout=120, env=env)
        self.assertEqual(r.returncode, 1, r.stderr)
        printed = [json.loads(line) for line in r.stdout.splitlines()]
        self.assertIn(f"server: {len(printed)} delivered, 0 retries, 0 not delivered", r.stderr)
        kept = self.all_events(self.clients["viewer"])
        self.assertEqual([k["event"] for k in reversed(kept)], printed)
        self.assertEqual({k["source"] for k in kept}, {"replay-1"})
        x = self.all_events(self.clients["viewer"], "&column=x")
        self.assertEqual({k["event"]["column"] for k in x}, {"x"})
        alerts = self.all_events(self.clients["viewer"], "&alerts=true")
        self.assertEqual([(a["event"]["type"], a["event"]["column"], a["event"]["window"]) for a in alerts][-1:], [("alert", "x", 9)])

    def test_the_endpoint_refuses_what_it_cannot_keep(self):
        ops, viewer, outsider = self.clients["operations"], self.clients["viewer"], self.clients["outsider"]
        ndjson = {"Content-Type": "application/x-ndjson"}
        good = '{"type":"window","window":1,"first_record":1,"last_record":10,"records":10,"severity":"info"}\n'
        before = len(self.all_events(viewer))
        bad = good + '{"type":"test","window":1,"column":"x","test":"ks","severity":"loud"}\n'
        r = ops.request("POST", EVENTS, raw=bad.encode(), headers=ndjson)
        self.assertEqual(r.status, 400, r.body)
        detail = r.json()["error"]["details"][0]
        self.assertEqual((detail["line"], detail["pointer"], detail["file"]), (2, "/severity", "request body"))
        r = ops.request("POST", EVENTS, raw=(good + '{"type": "test", "window": 2,\n').encode(), headers=ndjson)
        self.assertEqual(r.status, 400)
        self.assertEqual(r.json()["error"]["details"][0]["line"], 2)
        self.assertEqual(ops.request("POST", EVENTS, raw=b"\xff\xfe\n", headers=ndjson).status, 400)
        self.assertEqual(len(self.all_events(viewer)), before)  # nothing of a refused request is kept
        self.assertEqual(ops.request("POST", EVENTS, raw=good.encode(), headers={"Content-Type": "text/plain"}).status, 415)
        self.assertEqual(viewer.request("POST", EVENTS, raw=good.encode(), headers=ndjson).status, 403)
        self.assertEqual(outsider.request("POST", EVENTS, raw=good.encode(), headers=ndjson).status, 404)
        self.assertEqual(outsider.request("GET", EVENTS).status, 404)
        self.assertEqual(viewer.request("GET", EVENTS + "?alerts=maybe").status, 400)
        r = ops.request("POST", EVENTS, raw=(good * 3).encode(), headers=ndjson)
        self.assertEqual((r.status, r.json()), (201, {"accepted": 3}))
        self.assertEqual(len(self.all_events(viewer)), before + 3)

    def test_zz_routes_against_the_openapi_document(self):
        check_api_contract(self, SEAM, ROOT, {"monitor"})


if __name__ == "__main__":
    unittest.main()
