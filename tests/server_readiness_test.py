#!/usr/bin/env python3
"""End-to-end tests of the readiness (MLTRL) and data-profile endpoints of `seam serve`, over
real HTTP on loopback: TRL cards as documents, status, gates, reviews by the reviewer role,
card export and metrics compared with `seam trl`; profiles made by `seam profile`, uploaded,
and drift between them compared with `seam drift`.

Usage: server_readiness_test.py PATH/TO/seam [--postgres]   (run by ctest as server_readiness)

--postgres runs every server on a database of its own in a throwaway PostgreSQL cluster.
"""
import glob
import json
import os
import subprocess
import sys
import tempfile
import unittest
from urllib.parse import urlencode

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from seam_server import PASSWORD, Server, check_api_contract, take_postgres_flag  # noqa: E402

SEAM = os.path.abspath(sys.argv.pop(1)) if len(sys.argv) > 1 else "build/seam"
take_postgres_flag(sys.argv)
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLE = os.path.join(ROOT, "examples", "turbine-maintenance")
ROLES = ["owner", "data_scientist", "software_engineer", "operations", "reviewer", "viewer"]
API = "/api/v1/projects/"


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


def seam(*args):
    r = subprocess.run([SEAM, *args], capture_output=True, text=True, timeout=120)
    return r


def seam_json(*args):
    return json.loads(seam(*args).stdout)


# One server for every test here: accounts cost an argon2id hash each.
SHARED = {}


def setUpModule():
    server = Server(SEAM)
    r = server.admin("create-user", "root", "--admin")
    assert r.returncode == 0, r.stderr
    server.start()
    SHARED["server"] = server
    root = server.client()
    assert root.login("root").status == 201
    clients = SHARED["clients"] = {"root": root}
    for role in ROLES + ["outsider"]:
        assert root.request("POST", "/api/v1/users", {"name": role, "password": PASSWORD}).status == 201
        clients[role] = server.client()
        assert clients[role].login(role).status == 201
    SHARED["tmp"] = tempfile.TemporaryDirectory(prefix="seam-readiness-")


def tearDownModule():
    for c in SHARED["clients"].values():
        if c.conn:
            c.conn.close()
    SHARED["server"].close()
    SHARED["tmp"].cleanup()


class ReadinessTest(unittest.TestCase):
    def setUp(self):
        self.clients = SHARED["clients"]
        self.tmp = SHARED["tmp"]

    def new_project(self, name, cards=True, descriptors=True):
        """A project with every role as a member and, as the owner wrote them, the turbine
        example's descriptors, waivers and TRL cards."""
        owner = self.clients["owner"]
        self.assertEqual(owner.request("POST", "/api/v1/projects", {"name": name}).status, 201)
        for role in ROLES[1:]:
            self.assertEqual(owner.request("PUT", f"{API}{name}/members/{role}", {"role": role}).status, 204)
        if descriptors:
            for path in sorted(glob.glob(os.path.join(EXAMPLE, "*.yaml"))):
                doc = os.path.basename(path)[:-5]
                r = owner.put_doc(name, doc, read(path), create=True)
                self.assertEqual(r.status, 201, r.body)
        if cards:
            for path in sorted(glob.glob(os.path.join(EXAMPLE, "trl", "*.yaml"))):
                r = self.put_card(owner, name, os.path.basename(path)[:-5], read(path), create=True)
                self.assertEqual(r.status, 201, r.body)
                self.assertFalse(r.json()["revision"]["draft"], r.body)
        return owner

    def put_card(self, client, project, component, text, etag=None, create=False):
        headers = {"If-None-Match": "*"} if create else ({"If-Match": etag} if etag else {})
        return client.request("PUT", f"{API}{project}/cards/{component}", {"content": text, "message": "card"}, headers=headers)

    def card_etag(self, project, component):
        return self.clients["viewer"].request("GET", f"{API}{project}/cards/{component}").header("ETag")

    def review(self, role, project, component, body, etag):
        headers = {"If-Match": etag} if etag else {}
        return self.clients[role].request("POST", f"{API}{project}/trl/{component}/reviews", body, headers=headers)


class Cards(ReadinessTest):
    def test_status_gate_and_metrics_match_seam_trl(self):
        self.new_project("turbine")
        viewer = self.clients["viewer"]
        r = viewer.request("GET", API + "turbine/trl")
        self.assertEqual(r.status, 200, r.body)
        self.assertEqual(r.header("Content-Type"), "application/json")
        self.assertEqual(r.json(), seam_json("trl", "status", "--format", "json", EXAMPLE))
        text = viewer.request("GET", API + "turbine/trl?format=text")
        self.assertEqual(text.body.decode(), seam("trl", "status", EXAMPLE).stdout)
        self.assertEqual(viewer.request("GET", API + "turbine/trl?format=yaml").status, 400)

        for c in r.json()["components"]:
            if c["gate"] is None:
                continue
            g = viewer.request("GET", f"{API}turbine/trl/{c['id']}/gate?to={c['next_level']}")
            self.assertEqual(g.status, 200, g.body)
            self.assertEqual(g.json(), c["gate"])
            cli = seam("trl", "check", EXAMPLE, c["id"], "--to", str(c["next_level"]), "--format", "json")
            self.assertEqual(g.json(), json.loads(cli.stdout))
        g = viewer.request("GET", API + "turbine/trl/scoring-service/gate?to=6&format=text")
        self.assertEqual(g.body.decode(), seam("trl", "check", EXAMPLE, "scoring-service", "--to", "6").stdout)
        for bad in ["", "?to=0", "?to=10", "?to=x"]:
            self.assertEqual(viewer.request("GET", API + "turbine/trl/scoring-service/gate" + bad).status, 400, bad)
        self.assertEqual(viewer.request("GET", API + "turbine/trl/no-such-part/gate?to=3").status, 404)

        m = viewer.request("GET", API + "turbine/trl/metrics")
        self.assertEqual(m.status, 200, m.body)
        self.assertEqual(m.json(), seam_json("trl", "metrics", "--format", "json", EXAMPLE))
        self.assertIn("switchback", viewer.request("GET", API + "turbine/trl/metrics?format=text").body.decode())

        k = viewer.request("GET", API + "turbine/trl/risks")
        self.assertEqual(k.status, 200, k.body)
        self.assertEqual(k.json(), seam_json("trl", "risks", "--format", "json", EXAMPLE))
        self.assertEqual([len(row) for row in k.json()["matrix"]], [5] * 5)
        self.assertEqual(viewer.request("GET", API + "turbine/trl/risks?format=text").body.decode(), seam("trl", "risks", EXAMPLE).stdout)

    def test_cards_are_documents_and_invalid_ones_are_drafts(self):
        owner = self.new_project("cards")
        items = owner.request("GET", API + "cards/cards").json()["items"]
        self.assertEqual([i["name"] for i in items], ["gbx-window-pipeline", "gearbox-failure-lstm", "scoring-service"])
        self.assertTrue(all(i["kind"] == "card" for i in items))
        # Cards are not descriptors: seam pull lists only those.
        names = [i["name"] for i in owner.request("GET", API + "cards/descriptors").json()["items"]]
        self.assertNotIn("scoring-service", names)
        card = read(os.path.join(EXAMPLE, "trl", "scoring-service.yaml"))
        etag = self.card_etag("cards", "scoring-service")
        self.assertEqual(self.put_card(owner, "cards", "scoring-service", card).status, 428)
        self.assertEqual(self.put_card(owner, "cards", "scoring-service", card, etag='"r1"').status, 412)
        r = self.put_card(owner, "cards", "scoring-service", card.replace("level: 5", "level: eleven"), etag=etag)
        self.assertEqual(r.status, 200, r.body)
        self.assertTrue(r.json()["revision"]["draft"])
        self.assertEqual(r.json()["revision"]["diagnostics"]["files"][0]["errors"][0]["pointer"], "/level")
        # A draft is kept but not read: the status still shows the last valid card, and a
        # review waits until the card validates again.
        self.assertEqual(owner.request("GET", API + "cards/trl").json()["system_level"], 5)
        r = self.review("reviewer", "cards", "scoring-service", {"to": 4, "decision": "switchback", "kind": "review"}, r.header("ETag"))
        self.assertEqual(r.status, 409)
        self.assertIn("draft", r.json()["error"]["message"])
        r = self.put_card(owner, "cards", "renamed", card, create=True)
        self.assertTrue(r.json()["revision"]["draft"])
        self.assertEqual(r.json()["revision"]["diagnostics"]["files"][0]["errors"][0]["pointer"], "/component")
        for bad in ["levels", ".hidden", "x" * 101]:
            self.assertEqual(self.put_card(owner, "cards", bad, card, create=True).status, 422, bad)
        # The write policy's "cards": not the reviewer, who records reviews instead.
        self.assertEqual(self.put_card(self.clients["reviewer"], "cards", "new-part", card, create=True).status, 403)
        self.assertEqual(self.put_card(self.clients["viewer"], "cards", "new-part", card, create=True).status, 403)

    def test_a_project_without_cards_is_told_how_to_start(self):
        self.new_project("nocards", cards=False, descriptors=False)
        r = self.clients["viewer"].request("GET", API + "nocards/trl")
        self.assertEqual(r.status, 404)
        self.assertIn("no TRL cards yet", r.json()["error"]["message"])
        self.assertEqual(self.clients["viewer"].request("GET", API + "nocards/cards").json()["items"], [])


class Reviews(ReadinessTest):
    def test_only_reviewers_record_reviews_with_the_cards_etag(self):
        self.new_project("reviews")
        etag = self.card_etag("reviews", "scoring-service")
        up = {"to": 6, "decision": "graduate", "reviewers": ["Freja Lund"], "date": "2026-01-15"}
        for role in ["owner", "data_scientist", "software_engineer", "operations", "viewer"]:
            r = self.review(role, "reviews", "scoring-service", up, etag)
            self.assertEqual(r.status, 403, role)
        self.assertEqual(self.review("outsider", "reviews", "scoring-service", up, etag).status, 404)
        self.assertEqual(self.review("reviewer", "reviews", "scoring-service", up, None).status, 428)
        self.assertEqual(self.review("reviewer", "reviews", "scoring-service", up, '"r1"').status, 412)
        self.assertEqual(self.review("reviewer", "reviews", "no-such-part", up, etag).status, 404)

        # The gate into 6 fails: without an override the review is refused, with the reasons.
        r = self.review("reviewer", "reviews", "scoring-service", up, etag)
        self.assertEqual(r.status, 409, r.body)
        self.assertIn("the gate into level 6 fails", r.json()["error"]["message"])
        self.assertEqual(self.card_etag("reviews", "scoring-service"), etag)

        r = self.review("reviewer", "reviews", "scoring-service", dict(up, override="pilot agreed by the board"), etag)
        self.assertEqual(r.status, 201, r.body)
        self.assertEqual(r.json()["review"], {"component": "scoring-service", "from": 5, "to": 6, "decision": "graduate", "kind": ""})
        new_etag = r.header("ETag")
        self.assertNotEqual(new_etag, etag)
        card = self.clients["viewer"].request("GET", API + "reviews/cards/scoring-service").json()
        self.assertEqual(card["etag"], new_etag)
        self.assertEqual(card["revision"]["number"], 2)
        self.assertEqual(card["revision"]["author"], "reviewer")
        text = card["revision"]["content"]
        self.assertIn("level: 6", text)
        self.assertIn('override: "pilot agreed by the board"', text)
        self.assertIn('- "Freja Lund"', text)
        self.assertIn("# TRL Card of the gearbox scoring service", text)  # comments survive
        levels = {c["id"]: c["level"] for c in self.clients["viewer"].request("GET", API + "reviews/trl").json()["components"]}
        self.assertEqual(levels["scoring-service"], 6)

        # The old ETag is stale now; a switchback with the new one is recorded.
        back = {"to": 4, "decision": "switchback", "kind": "review", "note": "funding moved"}
        self.assertEqual(self.review("reviewer", "reviews", "scoring-service", back, etag).status, 412)
        self.assertEqual(self.review("reviewer", "reviews", "scoring-service", dict(back, kind=""), new_etag).status, 422)
        r = self.review("reviewer", "reviews", "scoring-service", back, new_etag)
        self.assertEqual(r.status, 201, r.body)
        text = self.clients["viewer"].request("GET", API + "reviews/cards/scoring-service?format=raw").body.decode()
        self.assertIn("decision: switchback", text)
        self.assertIn('- "reviewer"', text)  # without reviewers, the caller
        # Up two levels at once is refused by the rules, whatever the gate.
        r = self.review("reviewer", "reviews", "scoring-service", dict(up, to=6, override="x"), r.header("ETag"))
        self.assertEqual(r.status, 409)

        bad = {"to": "six", "decision": "graduate"}
        r = self.review("reviewer", "reviews", "scoring-service", bad, self.card_etag("reviews", "scoring-service"))
        self.assertEqual(r.status, 422)
        self.assertEqual(r.json()["error"]["details"][0]["pointer"], "/to")
        audit = self.clients["owner"].request("GET", API + "reviews/audit").json()["items"]
        self.assertEqual([a["target"] for a in audit if a["action"] == "review"], ["card/scoring-service"] * 2)

    def test_card_export_matches_seam_trl_card(self):
        self.new_project("export")
        viewer = self.clients["viewer"]
        md = viewer.request("GET", API + "export/trl/gearbox-failure-lstm/card")
        self.assertEqual(md.status, 200)
        self.assertEqual(md.header("Content-Type"), "text/markdown")
        self.assertEqual(md.body.decode(), seam("trl", "card", EXAMPLE, "gearbox-failure-lstm").stdout)
        html = viewer.request("GET", API + "export/trl/gearbox-failure-lstm/card?format=html")
        self.assertEqual(html.header("Content-Type"), "text/html")
        self.assertEqual(html.body.decode(), seam("trl", "card", EXAMPLE, "gearbox-failure-lstm", "--format", "html").stdout)
        self.assertEqual(viewer.request("GET", API + "export/trl/gearbox-failure-lstm/card?format=pdf").status, 400)
        self.assertEqual(viewer.request("GET", API + "export/trl/nope/card").status, 404)


class Profiles(ReadinessTest):
    def profile(self, name):
        out = os.path.join(self.tmp.name, name + ".json")
        if not os.path.exists(out):
            r = seam("profile", os.path.join(EXAMPLE, "data", name + ".csv"), "-o", out)
            self.assertEqual(r.returncode, 0, r.stderr)
        return out

    def upload(self, role, project, dataset, body, create=True, etag=None):
        headers = {"Content-Type": "application/json", "X-Seam-Message": "profiled"}
        headers.update({"If-None-Match": "*"} if create else ({"If-Match": etag} if etag else {}))
        return self.clients[role].request("PUT", f"{API}{project}/profiles/{dataset}", raw=body, headers=headers)

    def test_upload_profiles_and_drift_as_seam_drift(self):
        self.new_project("drift", cards=False)
        training, operational = self.profile("training"), self.profile("operational")
        self.assertEqual(self.upload("software_engineer", "drift", "training", read(training).encode()).status, 403)
        self.assertEqual(self.upload("data_scientist", "drift", "training", read(training).encode(), create=False).status, 428)
        r = self.upload("data_scientist", "drift", "training", read(training).encode())
        self.assertEqual(r.status, 201, r.body)
        self.assertEqual(r.json()["revision"]["message"], "profiled")
        r = self.upload("operations", "drift", "production", read(operational).encode())
        self.assertEqual(r.status, 201, r.body)
        etag = r.header("ETag")
        self.assertEqual(self.upload("operations", "drift", "production", read(operational).encode()).status, 412)
        self.assertEqual(self.upload("operations", "drift", "production", read(operational).encode(), False, etag).status, 200)
        viewer = self.clients["viewer"]
        items = viewer.request("GET", API + "drift/profiles").json()["items"]
        self.assertEqual([(i["name"], i["revision"]) for i in items], [("production", 2), ("training", 1)])
        raw = viewer.request("GET", API + "drift/profiles/training?format=raw")
        self.assertEqual(json.loads(raw.body), json.loads(read(training)))

        def same(api, cli):
            for side in ("reference", "current"):
                api.pop(side), cli.pop(side)
            self.assertEqual(api, cli)

        r = viewer.request("GET", API + "drift/drift?reference=training&current=production")
        self.assertEqual(r.status, 200, r.body)
        self.assertEqual(r.json()["reference"], "training")
        same(r.json(), seam_json("drift", "--reference", training, "--current", operational, "--format", "json"))
        # A value holding '=' is percent-encoded, as urlencode and curl --data-urlencode do.
        q = "&" + urlencode([("method", "wind_speed=psi"), ("threshold", "wind_speed=0.3"), ("fail-on", "dataset"),
                             ("critical", "turbine_type")])
        r = viewer.request("GET", API + "drift/drift?reference=training&current=production" + q)
        self.assertEqual(r.status, 200, r.body)
        same(r.json(), seam_json("drift", "--reference", training, "--current", operational, "--format", "json", "--method",
                                 "wind_speed=psi", "--threshold", "wind_speed=0.3", "--fail-on", "dataset", "--critical", "turbine_type"))
        r = viewer.request("GET", API + "drift/drift?reference=training&current=production&descriptors=true")
        self.assertEqual(r.status, 200, r.body)
        cli = seam("drift", "--reference", training, "--current", operational, "--format", "json", "--descriptors", EXAMPLE).stdout
        # Why a column is critical names the descriptor: a file here, the project's document there.
        same(r.json(), json.loads(cli.replace(EXAMPLE, "drift")))
        self.assertIn("a feature in drift/training_data.yaml", r.body.decode())
        text = viewer.request("GET", API + "drift/drift?reference=training&current=production&format=markdown")
        self.assertEqual(text.header("Content-Type"), "text/markdown")
        for bad, status in [("?reference=training", 400), ("?reference=training&current=nope", 404),
                            ("?reference=training&current=production&method=wind_speed%3Dmagic", 400),
                            ("?reference=training&current=production&bins=1", 400),
                            ("?reference=training&current=production&format=pdf", 400),
                            ("?reference=training&current=production&descriptors=yes", 400),
                            ("?reference=training&current=production&columns=nope", 422)]:
            self.assertEqual(viewer.request("GET", API + "drift/drift" + bad).status, status, bad)

    def test_a_malformed_profile_is_refused_with_its_location(self):
        self.new_project("badprofile", cards=False, descriptors=False)
        good = json.loads(read(self.profile("training")))
        good["columns"][1]["count"] = "many"
        r = self.upload("data_scientist", "badprofile", "training", json.dumps(good, indent=1).encode())
        self.assertEqual(r.status, 422, r.body)
        detail = r.json()["error"]["details"][0]
        self.assertEqual(detail["pointer"], "/columns/1/count")
        self.assertGreater(detail["line"], 1)
        for body in [b'{"format": "csv"}', b"not json", b"[]"]:
            self.assertEqual(self.upload("data_scientist", "badprofile", "training", body).status, 422, body)
        r = self.clients["viewer"].request("GET", API + "badprofile/profiles/training")
        self.assertEqual(r.status, 404)
        self.assertEqual(r.json()["error"]["message"], "project 'badprofile' has no profile 'training' yet")
        r = self.clients["data_scientist"].request("PUT", API + "badprofile/profiles/training", raw=b"a: 1",
                                                   headers={"Content-Type": "application/yaml", "If-None-Match": "*"})
        self.assertEqual(r.status, 400)
        self.assertEqual(self.upload("data_scientist", "badprofile", "..hidden", b"{}").status, 422)
        self.assertEqual(self.clients["viewer"].request("GET", API + "badprofile/profiles/.x").status, 422)


class Outsiders(ReadinessTest):
    def test_outsiders_get_404_on_every_readiness_and_profile_route(self):
        self.new_project("hidden", descriptors=False)
        out = self.clients["outsider"]
        for method, path in [("GET", "/cards"), ("GET", "/cards/scoring-service"), ("PUT", "/cards/scoring-service"),
                             ("GET", "/trl"), ("GET", "/trl/metrics"), ("GET", "/trl/scoring-service/gate?to=6"),
                             ("GET", "/trl/scoring-service/card"), ("POST", "/trl/scoring-service/reviews"),
                             ("GET", "/profiles"), ("GET", "/profiles/training"), ("PUT", "/profiles/training"),
                             ("GET", "/drift?reference=a&current=b")]:
            r = out.request(method, API + "hidden" + path, {"content": "x"} if method != "GET" else None,
                            headers={"If-None-Match": "*"} if method != "GET" else None)
            self.assertEqual(r.status, 404, f"{method} {path}")
            self.assertEqual(r.json()["error"]["message"], "no project 'hidden'")


class ZApiContract(unittest.TestCase):
    """Runs last: every request above matches the OpenAPI document, and every readiness and
    profile route it documents was exercised (server_e2e_test.py checks the rest)."""

    def test_readiness_and_profile_routes_against_the_openapi_document(self):
        check_api_contract(self, SEAM, ROOT, {"readiness", "profiles"})


if __name__ == "__main__":
    unittest.main()
