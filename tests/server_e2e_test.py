#!/usr/bin/env python3
"""End-to-end tests of `seam serve` over real HTTP on loopback: accounts, sessions and
CSRF, tokens, roles, revisions with ETags, drafts, findings, live updates, hostile requests,
rate limiting and shutdown.

Usage: server_e2e_test.py PATH/TO/seam [--postgres]   (run by ctest, with and without)

--postgres runs every server on a database of its own in a throwaway PostgreSQL cluster
(scripts/pg-temp); when PostgreSQL cannot start, the suite fails.
"""
import concurrent.futures
import json
import re
import os
import signal
import socket
import subprocess
import sys
import time
import unittest

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from seam_server import PASSWORD, Server, check_api_contract, race, take_postgres_flag  # noqa: E402

SEAM = os.path.abspath(sys.argv.pop(1)) if len(sys.argv) > 1 else "build/seam"
POSTGRES = take_postgres_flag(sys.argv)
ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
EXAMPLE = os.path.join(ROOT, "examples", "turbine-maintenance")
DESCRIPTORS = ["system_context", "raw_data", "data_pipeline", "training_data", "trained_model",
               "development_environment", "production_environment", "production_data"]
ROLES = ["owner", "data_scientist", "software_engineer", "operations", "reviewer", "viewer"]
# Who may write what by default (the owner may write everything).
WRITERS = {
    "system_context": {"software_engineer"}, "raw_data": {"data_scientist"}, "data_pipeline": {"data_scientist"},
    "training_data": {"data_scientist"}, "trained_model": {"data_scientist"},
    "development_environment": {"data_scientist", "software_engineer"},
    "production_environment": {"operations"}, "production_data": {"operations"},
}


def read_replies(sock, count):
    """Reads `count` HTTP replies with Content-Length bodies: [(status, headers, body)]."""
    data, replies = b"", []
    while len(replies) < count:
        head, sep, rest = data.partition(b"\r\n\r\n")
        if sep:
            lines = head.decode().split("\r\n")
            headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:])}
            length = int(headers["content-length"])
            if len(rest) >= length:
                replies.append((int(lines[0].split()[1]), headers, rest[:length]))
                data = rest[length:]
                continue
        chunk = sock.recv(65536)
        if not chunk:
            raise AssertionError("the server closed the connection after %d replies" % len(replies))
        data += chunk
    return replies


def logged(server, text):
    """The server's log once `text` is in it: a request is logged just after its reply."""
    deadline = time.time() + 10
    while text not in server.log[0] and time.time() < deadline:
        time.sleep(0.02)
    return server.log[0]


def example(name):
    with open(os.path.join(EXAMPLE, name + ".yaml"), encoding="utf-8") as f:
        return f.read()


class ServerTest(unittest.TestCase):
    server = None

    @classmethod
    def setUpClass(cls):
        cls.server = Server(SEAM)
        r = cls.server.admin("create-user", "root", "--admin")
        assert r.returncode == 0, r.stderr
        cls.server.start()
        cls.root = cls.server.client()
        assert cls.root.login("root").status == 201
        for role in ROLES + ["outsider"]:
            r = cls.root.request("POST", "/api/v1/users", {"name": role, "password": PASSWORD})
            assert r.status == 201, r.body

    @classmethod
    def tearDownClass(cls):
        cls.server.close()

    def user(self, name):
        c = self.server.client()
        self.assertEqual(c.login(name).status, 201)
        return c

    def new_project(self, name, members=ROLES):
        owner = self.user("owner")
        self.assertEqual(owner.request("POST", "/api/v1/projects", {"name": name}).status, 201)
        for role in members:
            if role != "owner":
                r = owner.request("PUT", f"/api/v1/projects/{name}/members/{role}", {"role": role})
                self.assertEqual(r.status, 204, r.body)
        return owner


class Accounts(ServerTest):
    def test_no_default_account_and_wrong_passwords_are_refused(self):
        c = self.server.client()
        self.assertEqual(c.login("admin", "admin").status, 401)
        self.assertEqual(c.login("root", "not the password").status, 401)
        r = c.request("GET", "/api/v1/projects")
        self.assertEqual(r.status, 401)
        self.assertEqual(r.json()["error"]["code"], "unauthenticated")

    def test_session_cookie_is_httponly_strict_and_logout_ends_it(self):
        c = self.server.client()
        r = c.login("viewer")
        cookie = r.header("Set-Cookie")
        self.assertIn("HttpOnly", cookie)
        self.assertIn("SameSite=Strict", cookie)
        self.assertNotIn("Secure", cookie)  # plain HTTP on loopback
        self.assertEqual(c.request("GET", "/api/v1/session").json()["user"]["name"], "viewer")
        old = c.cookie
        self.assertEqual(c.request("DELETE", "/api/v1/session").status, 204)
        c.cookie = old
        self.assertEqual(c.request("GET", "/api/v1/session").status, 401)

    def test_state_changes_with_the_cookie_need_the_csrf_token(self):
        c = self.user("owner")
        r = c.request("POST", "/api/v1/projects", {"name": "csrf-check"}, csrf=False)
        self.assertEqual(r.status, 403)
        self.assertEqual(r.json()["error"]["code"], "csrf")
        r = c.request("POST", "/api/v1/projects", {"name": "csrf-check"}, headers={"X-CSRF-Token": "forged"})
        self.assertEqual(r.status, 403)
        self.assertEqual(c.request("POST", "/api/v1/projects", {"name": "csrf-check"}).status, 201)

    def test_only_admins_create_accounts_and_short_passwords_are_refused(self):
        self.assertEqual(self.user("owner").request("POST", "/api/v1/users", {"name": "x", "password": PASSWORD}).status, 403)
        r = self.root.request("POST", "/api/v1/users", {"name": "shortpw", "password": "abc"})
        self.assertEqual(r.status, 422)
        self.assertEqual(r.json()["error"]["details"][0]["pointer"], "/password")
        self.assertEqual(self.root.request("POST", "/api/v1/users", {"name": "viewer", "password": PASSWORD}).status, 409)

    def test_login_attempts_are_rate_limited_per_account(self):
        self.root.request("POST", "/api/v1/users", {"name": "target", "password": PASSWORD})
        c = self.server.client()
        statuses = [c.login("target", "wrong password!").status for _ in range(12)]
        self.assertEqual(statuses[:10], [401] * 10)
        self.assertEqual(statuses[10:], [429, 429])
        r = c.login("target")  # even the right password waits for the window
        self.assertEqual(r.status, 429)
        self.assertTrue(int(r.header("Retry-After")) > 0)


class Tokens(ServerTest):
    def token(self, owner, **body):
        r = owner.request("POST", "/api/v1/tokens", {"name": "ci", **body})
        self.assertEqual(r.status, 201, r.body)
        t = self.server.client()
        t.token = r.json()["token"]
        return t, r.json()["info"]["id"]

    def test_read_token_reads_but_cannot_write(self):
        owner = self.new_project("tok-read", members=["owner"])
        self.assertEqual(owner.put_doc("tok-read", "trained_model", example("trained_model"), create=True).status, 201)
        t, _ = self.token(owner, project="tok-read", access="read")
        self.assertTrue(t.token.startswith("seam_"))
        self.assertEqual(t.request("GET", "/api/v1/projects/tok-read/findings").status, 200)
        r = t.put_doc("tok-read", "raw_data", example("raw_data"), create=True)
        self.assertEqual(r.status, 403)
        log = owner.request("GET", "/api/v1/projects/tok-read/audit").json()["items"]
        self.assertEqual([e["action"] for e in log].count("token_use"), 1)  # once a minute, not per request

    def test_a_token_scoped_to_one_project_sees_no_other(self):
        owner = self.new_project("tok-a", members=["owner"])
        owner.request("POST", "/api/v1/projects", {"name": "tok-b"})
        t, _ = self.token(owner, project="tok-a", access="write")
        self.assertEqual(t.request("GET", "/api/v1/projects/tok-a").status, 200)
        self.assertEqual(t.request("GET", "/api/v1/projects/tok-b").status, 404)
        names = [p["name"] for p in t.request("GET", "/api/v1/projects").json()["items"]]
        self.assertEqual(names, ["tok-a"])

    def test_revoked_token_is_refused_and_tokens_cannot_mint_tokens(self):
        owner = self.new_project("tok-rev", members=["owner"])
        t, tid = self.token(owner, access="write")
        self.assertEqual(t.request("POST", "/api/v1/tokens", {"name": "more"}).status, 403)
        self.assertEqual(owner.request("DELETE", f"/api/v1/tokens/{tid}").status, 204)
        r = t.request("GET", "/api/v1/projects")
        self.assertEqual(r.status, 401)
        self.assertIn("revoked", r.json()["error"]["message"])
        listed = owner.request("GET", "/api/v1/tokens").json()["items"]
        self.assertTrue(any(x["id"] == tid and x["revoked_at"] for x in listed))
        self.assertNotIn(t.token, json.dumps(listed))

    def test_an_expired_token_is_refused(self):
        owner = self.new_project("tok-exp", members=["owner"])
        t, tid = self.token(owner, access="read", expires_in_days=1)
        self.assertEqual(t.request("GET", "/api/v1/projects/tok-exp").status, 200)
        # Move its expiry into the past, as a day passing would.
        self.server.sql("UPDATE tokens SET expires_at = expires_at - 2 * 86400 WHERE id = :id", id=tid)
        r = t.request("GET", "/api/v1/projects/tok-exp")
        self.assertEqual(r.status, 401)
        self.assertIn("expired", r.json()["error"]["message"])

    def test_bad_token_requests(self):
        owner = self.user("owner")
        r = owner.request("POST", "/api/v1/tokens", {"name": "x", "access": "admin"})
        self.assertEqual(r.status, 422)
        self.assertEqual(r.json()["error"]["details"][0]["pointer"], "/access")
        r = owner.request("POST", "/api/v1/tokens", {"name": "x", "project": "no-such-project"})
        self.assertEqual(r.status, 422)
        bogus = self.server.client()
        bogus.token = "seam_not_a_real_token"
        self.assertEqual(bogus.request("GET", "/api/v1/projects").status, 401)


class Roles(ServerTest):
    def test_every_role_against_every_descriptor(self):
        self.new_project("matrix")
        clients = {role: self.user(role) for role in ROLES + ["outsider"]}
        for name in DESCRIPTORS:
            for role, c in clients.items():
                etag = None
                head = clients["owner"].request("GET", f"/api/v1/projects/matrix/descriptors/{name}")
                if head.status == 200:
                    etag = head.header("ETag")
                r = c.put_doc("matrix", name, example(name), etag=etag, create=etag is None)
                if role == "outsider":
                    expected = 404
                elif role == "owner" or role in WRITERS[name]:
                    expected = 201 if etag is None else 200
                else:
                    expected = 403
                self.assertEqual(r.status, expected, f"{role} writing {name}: {r.body[:200]}")
                # Every member reads everything; outsiders learn nothing.
                g = c.request("GET", f"/api/v1/projects/matrix/descriptors/{name}")
                self.assertEqual(g.status, 404 if role == "outsider" else 200)

    def test_outsiders_get_404_not_403_everywhere(self):
        self.new_project("secret", members=["owner"])
        out = self.user("outsider")
        for path in ["", "/members", "/descriptors", "/descriptors/trained_model", "/findings", "/revisions", "/audit", "/policy", "/waivers"]:
            r = out.request("GET", "/api/v1/projects/secret" + path)
            self.assertEqual(r.status, 404, path)
            self.assertEqual(r.json()["error"]["message"], "no project 'secret'")
        self.assertEqual(out.request("GET", "/api/v1/projects/never-made").json()["error"]["message"], "no project 'never-made'")

    def test_policy_can_be_changed_by_the_owner_only(self):
        owner = self.new_project("policy")
        ops = self.user("operations")
        self.assertEqual(ops.put_doc("policy", "trained_model", example("trained_model"), create=True).status, 403)
        self.assertEqual(ops.request("PUT", "/api/v1/projects/policy/policy", {"trained_model": ["operations"]}).status, 403)
        r = owner.request("PUT", "/api/v1/projects/policy/policy", {"trained_model": ["operations"]})
        self.assertEqual(r.status, 200, r.body)
        self.assertEqual(ops.put_doc("policy", "trained_model", example("trained_model"), create=True).status, 201)
        r = owner.request("PUT", "/api/v1/projects/policy/policy", {"trained_modle": ["operations"]})
        self.assertEqual(r.status, 422)
        self.assertIn("did you mean 'trained_model'", r.json()["error"]["message"])

    def test_the_last_owner_cannot_leave(self):
        owner = self.new_project("owners", members=["owner"])
        r = owner.request("DELETE", "/api/v1/projects/owners/members/owner")
        self.assertEqual(r.status, 409)
        self.assertEqual(owner.request("GET", "/api/v1/projects/owners").status, 200)


class Revisions(ServerTest):
    def test_if_match_is_required_and_stale_writes_get_412(self):
        owner = self.new_project("etags", members=["owner"])
        r = owner.put_doc("etags", "trained_model", example("trained_model"))
        self.assertEqual(r.status, 428)
        r = owner.put_doc("etags", "trained_model", example("trained_model"), create=True, message="first")
        self.assertEqual(r.status, 201)
        first = r.header("ETag")
        self.assertEqual(owner.put_doc("etags", "trained_model", example("trained_model"), create=True).status, 412)
        r = owner.put_doc("etags", "trained_model", example("trained_model") + "\n", etag=first, message="second")
        self.assertEqual(r.status, 200)
        r = owner.put_doc("etags", "trained_model", example("trained_model"), etag=first)
        self.assertEqual(r.status, 412)
        body = r.json()
        self.assertEqual(body["error"]["code"], "precondition_failed")
        self.assertEqual(body["current"]["number"], 2)
        self.assertEqual(body["current"]["author"], "owner")
        self.assertEqual(owner.put_doc("etags", "trained_model", "x", etag='"garbage"').status, 412)

    def test_two_clients_racing_on_one_descriptor_exactly_one_wins(self):
        owner = self.new_project("race", members=["owner", "data_scientist"])
        etag = owner.put_doc("race", "trained_model", example("trained_model"), create=True).header("ETag")
        clients = [self.user("owner") for _ in range(4)] + [self.user("data_scientist") for _ in range(4)]
        results = race(clients, lambda i, c: c.put_doc("race", "trained_model", example("trained_model") + f"\n# writer {i}\n", etag=etag).status)
        self.assertEqual(sorted(results), [200] + [412] * (len(clients) - 1))
        history = owner.request("GET", "/api/v1/projects/race/descriptors/trained_model/revisions").json()["items"]
        self.assertEqual([h["number"] for h in history], [2, 1])

    def test_history_keeps_every_revision_with_author_and_message(self):
        owner = self.new_project("history", members=["owner", "data_scientist"])
        ds = self.user("data_scientist")
        etag = owner.put_doc("history", "trained_model", example("trained_model"), create=True, message="from the example").header("ETag")
        ds.put_doc("history", "trained_model", example("trained_model").replace("gbx-windows-train-2025a", "gbx-windows-train-2025b"), etag=etag, message="fix the identifier")
        items = owner.request("GET", "/api/v1/projects/history/revisions").json()["items"]
        self.assertEqual([(i["author"], i["message"], i["number"]) for i in items],
                         [("data_scientist", "fix the identifier", 2), ("owner", "from the example", 1)])
        old = owner.request("GET", f"/api/v1/projects/history/revisions/{items[1]['id']}").json()
        self.assertEqual(old["content"], example("trained_model"))
        diff = owner.request("GET", f"/api/v1/projects/history/revisions/{items[0]['id']}/diff").json()
        self.assertEqual(diff, [{"op": "changed", "pointer": "/training_data_identifier",
                                 "before": "gbx-windows-train-2025a", "after": "gbx-windows-train-2025b"}])
        text = owner.request("GET", f"/api/v1/projects/history/revisions/{items[0]['id']}/diff?format=text").body.decode()
        self.assertIn("~ /training_data_identifier", text)
        first = owner.request("GET", f"/api/v1/projects/history/revisions/{items[1]['id']}/diff").json()
        self.assertTrue(all(c["op"] == "added" for c in first))
        # Paging with a cursor.
        page = owner.request("GET", "/api/v1/projects/history/revisions?limit=1").json()
        self.assertEqual(len(page["items"]), 1)
        rest = owner.request("GET", f"/api/v1/projects/history/revisions?limit=1&cursor={page['next']}").json()
        self.assertEqual(rest["items"][0]["number"], 1)
        self.assertEqual(owner.request("GET", "/api/v1/projects/history/revisions?limit=abc").status, 400)

    def test_an_invalid_document_is_kept_as_a_draft_and_not_analysed(self):
        owner = self.new_project("drafts", members=["owner"])
        for name in DESCRIPTORS:
            owner.put_doc("drafts", name, example(name), create=True)
        before = owner.request("GET", "/api/v1/projects/drafts/findings").json()
        etag = owner.request("GET", "/api/v1/projects/drafts/descriptors/production_environment").header("ETag")
        broken = example("production_environment").replace("gpu: 0", "gpu: lots")
        r = owner.put_doc("drafts", "production_environment", broken, etag=etag, message="half done")
        self.assertEqual(r.status, 200)
        rev = r.json()["revision"]
        self.assertTrue(rev["draft"])
        diag = rev["diagnostics"]["files"][0]["errors"][0]
        self.assertEqual(diag["pointer"], "/computing_resources/gpu")
        self.assertGreater(diag["line"], 1)
        after = owner.request("GET", "/api/v1/projects/drafts/findings").json()
        self.assertEqual(after["summary"], before["summary"])
        got = owner.request("GET", "/api/v1/projects/drafts/descriptors/production_environment").json()
        self.assertTrue(got["document"]["draft"])
        self.assertEqual(got["revision"]["content"], broken)

    def test_a_change_records_the_findings_it_introduced_and_resolved(self):
        owner = self.new_project("changes", members=["owner"])
        for name in DESCRIPTORS:
            owner.put_doc("changes", name, example(name), create=True)
        etag = owner.request("GET", "/api/v1/projects/changes/descriptors/production_environment").header("ETag")
        fixed = example("production_environment").replace("gpu: 0", "gpu: 1", 1)
        r = owner.put_doc("changes", "production_environment", fixed, etag=etag, message="add a GPU")
        self.assertEqual(r.status, 200, r.body)
        rev = r.json()["revision"]
        self.assertEqual(rev["introduced"], [])
        self.assertIn("model-compute-exceeds-production", [i["rule"] for i in rev["resolved"]])
        r = owner.put_doc("changes", "production_environment", example("production_environment"), etag=r.header("ETag"), message="remove it")
        rev = r.json()["revision"]
        self.assertIn("model-compute-exceeds-production", [i["rule"] for i in rev["introduced"]])
        self.assertEqual(rev["resolved"], [])


class Findings(ServerTest):
    def test_findings_are_the_check_contract_in_every_format(self):
        owner = self.new_project("findings", members=["owner"])
        for name in DESCRIPTORS:
            owner.put_doc("findings", name, example(name), create=True)
        owner.put_doc("findings", "waivers", open(os.path.join(EXAMPLE, "waivers.yaml")).read(), create=True)
        served = owner.request("GET", "/api/v1/projects/findings/findings").json()
        local = json.loads(subprocess.run([SEAM, "check", "--format", "json", "--fail-on", "never", EXAMPLE],
                                          capture_output=True, text=True).stdout)
        self.assertEqual(set(served), set(local))
        self.assertEqual(served["summary"], local["summary"])
        self.assertEqual([f["rule"] for f in served["findings"]], [f["rule"] for f in local["findings"]])
        for fmt, marker in [("sarif", b'"version": "2.1.0"'), ("junit", b"<testsuite"), ("markdown", b"# seam check"),
                            ("html", b"<!DOCTYPE html>"), ("text", b"error[")]:
            r = owner.request("GET", f"/api/v1/projects/findings/findings?format={fmt}")
            self.assertEqual(r.status, 200, fmt)
            self.assertIn(marker, r.body, fmt)
        r = owner.request("GET", "/api/v1/projects/findings/findings", headers={"Accept": "application/sarif+json"})
        self.assertIn(b'"version": "2.1.0"', r.body)
        self.assertEqual(owner.request("GET", "/api/v1/projects/findings/findings?format=pdf").status, 400)

    def test_rule_coverage_is_the_cli_contract_for_anyone_signed_in(self):
        owner = self.new_project("coverage", members=["owner"])
        served = owner.request("GET", "/api/v1/rules/coverage").json()
        local = json.loads(subprocess.run([SEAM, "rules", "coverage", "--format", "json"], capture_output=True, text=True).stdout)
        self.assertEqual(served, local)
        self.assertEqual(len(served["subcategories"]), 34)
        self.assertIn(b"|", owner.request("GET", "/api/v1/rules/coverage?format=markdown").body)
        self.assertEqual(owner.request("GET", "/api/v1/rules/coverage?format=sarif").status, 400)
        self.assertEqual(self.server.client().request("GET", "/api/v1/rules/coverage").status, 401)

    def test_project_list_shows_state(self):
        owner = self.new_project("listing", members=["owner"])
        owner.put_doc("listing", "trained_model", example("trained_model"), create=True)
        items = {p["name"]: p for p in owner.request("GET", "/api/v1/projects").json()["items"]}
        p = items["listing"]
        self.assertEqual(p["role"], "owner")
        self.assertEqual(p["last_change"]["author"], "owner")
        self.assertIn("error", p["summary"])


class Hostile(ServerTest):
    def test_hostile_bodies_get_clear_errors(self):
        owner = self.new_project("hostile", members=["owner"])
        r = owner.request("POST", "/api/v1/projects", raw=b"x" * (5 << 20), headers={"Content-Type": "application/json"})
        self.assertEqual(r.status, 413)
        self.assertEqual(r.json()["error"]["code"], "too_large")
        r = owner.request("POST", "/api/v1/projects", raw=b"[" * 100 + b"]" * 100, headers={"Content-Type": "application/json"})
        self.assertEqual(r.status, 422)
        detail = r.json()["error"]["details"][0]
        self.assertEqual((detail["file"], detail["line"], detail["column"]), ("request body", 1, 65))
        r = owner.request("POST", "/api/v1/projects", raw=b'{"name": "caf\xe9"}', headers={"Content-Type": "application/json"})
        self.assertEqual(r.status, 422)
        self.assertEqual(r.json()["error"]["details"][0]["line"], 1)
        r = owner.request("POST", "/api/v1/projects", raw=b'{"name": ', headers={"Content-Type": "application/json"})
        self.assertEqual(r.status, 422)
        r = owner.request("POST", "/api/v1/projects", {"name": 42})
        self.assertEqual(r.status, 422)
        self.assertEqual(r.json()["error"]["details"][0]["pointer"], "/name")
        r = owner.request("POST", "/api/v1/projects", {"name": "../etc"})
        self.assertEqual(r.status, 422)
        for path in ["/api/v1/projects/hostile/descriptors/..%2F..%2Fetc%2Fpasswd", "/api/v1/projects/..%2Fhostile/descriptors"]:
            self.assertEqual(owner.request("GET", path).status, 404, path)

    def test_sql_metacharacters_are_stored_verbatim(self):
        owner = self.new_project("sqlmeta", members=["owner"])
        evil = "'; DROP TABLE users; -- \" \\ %s $1 \u00e9\u4e2d"
        content = example("trained_model").replace("gbx-windows-train-2025a", evil.replace('"', "").replace("\\", ""))
        r = owner.put_doc("sqlmeta", "trained_model", content, create=True, message=evil)
        self.assertEqual(r.status, 201, r.body)
        got = owner.request("GET", "/api/v1/projects/sqlmeta/descriptors/trained_model").json()
        self.assertEqual(got["revision"]["message"], evil)
        self.assertEqual(got["revision"]["content"], content)
        self.assertEqual(self.root.request("GET", "/api/v1/session").status, 200)  # users still there

    def test_unknown_routes_and_fields(self):
        owner = self.user("owner")
        r = owner.request("GET", "/api/v1/nothing-here")
        self.assertEqual(r.status, 404)
        self.assertEqual(r.json()["error"]["code"], "not_found")
        r = owner.request("POST", "/api/v1/projects", {"name": "x1", "nam": "y"})
        self.assertEqual(r.status, 422)
        self.assertIn("did you mean 'name'", r.json()["error"]["message"])


class Audit(ServerTest):
    def test_owners_read_the_audit_log_of_writes_and_role_changes(self):
        owner = self.new_project("audited", members=["owner", "viewer"])
        owner.put_doc("audited", "trained_model", example("trained_model"), create=True)
        log = owner.request("GET", "/api/v1/projects/audited/audit").json()["items"]
        actions = [(e["action"], e["target"]) for e in log]
        self.assertIn(("write", "descriptor/trained_model"), actions)
        self.assertIn(("role_change", "member/viewer"), actions)
        self.assertEqual(self.user("viewer").request("GET", "/api/v1/projects/audited/audit").status, 403)


class Sync(ServerTest):
    def seam(self, *args, token):
        env = dict(os.environ, SEAM_SERVER=f"http://127.0.0.1:{self.server.port}", SEAM_PROJECT="synced", SEAM_TOKEN=token)
        return subprocess.run([SEAM, *args], capture_output=True, text=True, env=env, timeout=60)

    def test_push_pull_and_log(self):
        import shutil
        import tempfile
        owner = self.new_project("synced", members=["owner"])
        token = owner.request("POST", "/api/v1/tokens", {"name": "sync", "project": "synced", "access": "write"}).json()["token"]
        with tempfile.TemporaryDirectory() as tmp:
            work = os.path.join(tmp, "work")
            shutil.copytree(EXAMPLE, work, ignore=shutil.ignore_patterns("data", "trl", "README.md"))
            r = self.seam("push", work, "-m", "initial import", token=token)
            self.assertEqual(r.returncode, 0, r.stdout + r.stderr)
            self.assertEqual(r.stdout.count(" created"), 9)
            r = self.seam("push", work, token=token)
            self.assertEqual(r.stdout.count(" unchanged"), 9)
            # A change made on the server meanwhile makes the local change conflict.
            etag = owner.request("GET", "/api/v1/projects/synced/descriptors/trained_model").header("ETag")
            owner.put_doc("synced", "trained_model", example("trained_model") + "# server edit\n", etag=etag)
            with open(os.path.join(work, "trained_model.yaml"), "a") as f:
                f.write("# local edit\n")
            r = self.seam("push", work, token=token)
            self.assertEqual(r.returncode, 1)
            self.assertIn("conflict", r.stdout)
            self.assertIn("revision 2 by owner", r.stdout)
            # Pull keeps the local change unless forced.
            r = self.seam("pull", work, token=token)
            self.assertEqual(r.returncode, 1)
            self.assertIn("kept", r.stdout)
            r = self.seam("pull", work, "--force", token=token)
            self.assertEqual(r.returncode, 0, r.stderr)
            with open(os.path.join(work, "trained_model.yaml")) as f:
                self.assertTrue(f.read().endswith("# server edit\n"))
            fresh = os.path.join(tmp, "fresh")
            self.assertEqual(self.seam("pull", fresh, token=token).returncode, 0)
            local = json.loads(subprocess.run([SEAM, "check", "--format", "json", "--fail-on", "never", fresh],
                                              capture_output=True, text=True).stdout)
            served = owner.request("GET", "/api/v1/projects/synced/findings").json()
            self.assertEqual(local["summary"], served["summary"])
            r = self.seam("log", token=token)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("initial import", r.stdout)
            self.assertIn("descriptor/trained_model #2", r.stdout)
            r = self.seam("push", work, token="seam_wrong")
            self.assertEqual(r.returncode, 2)
            self.assertIn("token", r.stderr)


class Events(ServerTest):
    def test_a_member_hears_each_write_of_the_project_at_once(self):
        owner = self.new_project("live", members=["owner", "viewer"])
        owner.request("POST", "/api/v1/projects", {"name": "live-other"})
        stream = self.user("viewer").stream("/api/v1/projects/live/events")
        self.addCleanup(stream.close)
        self.assertEqual(stream.status, 200)
        self.assertTrue(stream.headers["content-type"].startswith("text/event-stream"))
        ready = stream.next()
        self.assertEqual((ready["event"], ready["data"]), ("ready", {"project": "live", "project_revision": 0}))
        started = time.time()
        r = owner.put_doc("live", "trained_model", example("trained_model"), create=True, message="first")
        event = stream.next(timeout=1.0)
        self.assertLess(time.time() - started, 1.0)
        self.assertEqual(event["event"], "change")
        self.assertEqual(event["id"], "1")
        rev = r.json()["revision"]
        self.assertEqual(event["data"], {"project": "live", "project_revision": 1, "kind": "descriptor", "name": "trained_model",
                                         "revision": rev["id"], "number": 1, "etag": r.header("ETag"), "author": "owner",
                                         "draft": False, "created_at": rev["created_at"]})
        # Other projects' writes are not heard; drafts and waivers are.
        owner.put_doc("live-other", "trained_model", example("trained_model"), create=True)
        owner.put_doc("live", "waivers", "not: [valid", create=True)
        event = stream.next(timeout=1.0)
        self.assertEqual((event["data"]["name"], event["data"]["project_revision"], event["data"]["draft"]), ("waivers", 2, True))
        self.assertIsNone(stream.next(timeout=0.2))

    def test_outsiders_get_404_and_strangers_401(self):
        self.new_project("live-secret", members=["owner"])
        s = self.user("outsider").stream("/api/v1/projects/live-secret/events")
        self.assertEqual((s.status, s.error["error"]["message"]), (404, "no project 'live-secret'"))
        s = self.server.client().stream("/api/v1/projects/live-secret/events")
        self.assertEqual(s.status, 401)


class Lifecycle(unittest.TestCase):
    def test_health_and_graceful_shutdown(self):
        s = Server(SEAM)
        try:
            s.start()
            c = s.client()
            self.assertEqual(c.request("GET", "/healthz").status, 200)
            self.assertEqual(c.request("GET", "/readyz").status, 200)
            self.assertEqual(c.request("GET", "/api/v1/projects/p/findings").status, 401)
            metrics = c.request("GET", "/metrics").body.decode()
            self.assertIn('seam_http_requests_total{route="/healthz",status="200"} 1', metrics)
            self.assertIn('seam_http_requests_total{route="/api/v1/projects/{project}/findings",status="401"} 1', metrics)
            self.assertIn('seam_http_request_duration_seconds_count{route="/readyz"} 1', metrics)
            self.assertIn("seam_analysis_cache_hits_total", metrics)
            self.assertEqual(s.stop(signal.SIGTERM), 0)
            self.assertIn("stopped", "".join(s.log))
        finally:
            s.close()

    def test_connections_pipeline_continue_and_close_on_shutdown(self):
        s = Server(SEAM)
        try:
            s.start()
            with socket.create_connection(("127.0.0.1", s.port), timeout=10) as sock:
                # Two requests in one packet get two replies, in order, on one connection.
                sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\nGET /readyz HTTP/1.1\r\nHost: x\r\n\r\n")
                replies = read_replies(sock, 2)
                self.assertEqual([(r[0], r[2]) for r in replies], [(200, b"ok\n"), (200, b"ready\n")])
                # A client that waits for "100 Continue" before its body is not left waiting.
                body = json.dumps({"name": "nobody", "password": "wrong password"}).encode()
                sock.sendall(b"POST /api/v1/session HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                             b"Expect: 100-continue\r\nContent-Length: " + str(len(body)).encode() + b"\r\n\r\n")
                sock.settimeout(2)
                self.assertTrue(sock.recv(64).startswith(b"HTTP/1.1 100 Continue\r\n\r\n"))
                sock.settimeout(10)
                sock.sendall(body)
                self.assertEqual(read_replies(sock, 1)[0][0], 401)
                # An idle keep-alive connection does not hold up shutdown: the server closes it.
                started = time.time()
                self.assertEqual(s.stop(signal.SIGTERM), 0)
                self.assertLess(time.time() - started, 3)
                self.assertEqual(sock.recv(64), b"")
        finally:
            s.close()

    def test_login_limit_per_address_believes_x_forwarded_for_from_a_trusted_proxy_only(self):
        s = Server(SEAM, extra=["--trusted-proxy", "127.0.0.1"])
        plain = Server(SEAM)
        try:
            s.start()
            clients = [s.client(), s.client()]

            def attempt(i, forwarded):
                body = {"name": f"nobody{i}", "password": "wrong password"}  # a new name each time:
                # the per-account limit never trips, only the per-address one
                r = clients[i % 2].request("POST", "/api/v1/session", body, headers={"X-Forwarded-For": forwarded})
                return r.status

            with concurrent.futures.ThreadPoolExecutor(2) as pool:  # each attempt hashes a password
                self.assertEqual(set(pool.map(lambda i: attempt(i, "203.0.113.7"), range(50))), {401})
            self.assertEqual(attempt(50, "203.0.113.7"), 429)
            # Addresses the client writes in front of the proxy's own hop change nothing.
            self.assertEqual(attempt(51, "198.51.100.1, 203.0.113.7"), 429)
            # Another client behind the same proxy is not locked out, and is logged as itself.
            self.assertEqual(attempt(52, "203.0.113.8"), 401)
            self.assertIn('"address":"203.0.113.8"', logged(s, "203.0.113.8"))
            # Without --trusted-proxy the header is the client's word, and is ignored.
            plain.start()
            r = plain.client().request("GET", "/healthz", headers={"X-Forwarded-For": "203.0.113.9"})
            self.assertEqual(r.status, 200)
            log = logged(plain, '"path":"/healthz"')
            self.assertNotIn("203.0.113.9", log)
            self.assertIn('"address":"127.0.0.1"', log)
        finally:
            s.close()
            plain.close()

    def test_the_web_ui_is_served_from_the_binary(self):
        s = Server(SEAM)
        try:
            s.start()
            c = s.client()
            page = c.request("GET", "/")
            self.assertEqual(page.status, 200)
            self.assertTrue(page.header("Content-Type").startswith("text/html"))
            self.assertIn("default-src 'self'", page.header("Content-Security-Policy"))
            self.assertIn("frame-ancestors 'none'", page.header("Content-Security-Policy"))
            script = re.search(r'src="/([^"]+\.js)"', page.body.decode()).group(1)
            r = c.request("GET", "/" + script)
            self.assertEqual(r.status, 200)
            self.assertTrue(r.header("Content-Type").startswith("text/javascript"))
            self.assertEqual(r.header("Cache-Control"), "public, max-age=31536000, immutable")
            self.assertGreater(len(r.body), 1000)
            for path in ["/no-such-file.js", "/.hidden", "/..%2fseam.db", "/%2e%2e"]:
                r = c.request("GET", path)
                self.assertEqual(r.status, 404, path)
                self.assertEqual(r.json()["error"]["code"], "not_found", path)
        finally:
            s.close()

    def test_tls_serves_https_with_secure_cookies(self):
        s = Server(SEAM)
        try:
            key, cert = os.path.join(s.tmp.name, "key.pem"), os.path.join(s.tmp.name, "cert.pem")
            subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=localhost",
                            "-days", "1", "-keyout", key, "-out", cert], check=True, capture_output=True, timeout=60)
            s.extra = ["--tls-cert", cert, "--tls-key", key]
            s.tls_ca = cert
            self.assertEqual(s.admin("create-user", "tls").returncode, 0)
            s.start()
            self.assertEqual(s.scheme, "https")
            c = s.client()
            r = c.login("tls")
            self.assertEqual(r.status, 201)
            self.assertIn("Secure", r.header("Set-Cookie"))
            self.assertEqual(c.request("GET", "/api/v1/session").json()["user"]["name"], "tls")
        finally:
            s.close()
        s = Server(SEAM, extra=["--tls-cert", "/nonexistent/cert.pem", "--tls-key", "/nonexistent/key.pem"])
        try:
            with self.assertRaises(RuntimeError):
                s.start()
            self.assertIn("cannot use the TLS certificate", "".join(s.log))
        finally:
            s.close()

    def test_backup_is_a_working_database(self):
        s = Server(SEAM)
        try:
            s.admin("create-user", "b", "--admin")
            s.start()
            c = s.client()
            c.login("b")
            c.request("POST", "/api/v1/projects", {"name": "kept"})
            c.put_doc("kept", "trained_model", example("trained_model"), create=True, message="before the backup")
            backup = os.path.join(s.tmp.name, "backup.db")
            r = subprocess.run([SEAM, "admin", "backup", backup, "--db", s.db], capture_output=True, text=True, timeout=60)
            if POSTGRES:  # pg_dump's work, which the message says
                self.assertNotEqual(r.returncode, 0)
                self.assertIn("pg_dump", r.stderr)
                return
            self.assertEqual(r.returncode, 0, r.stderr)
            restored = Server(SEAM, db=backup)
            try:
                restored.start()
                rc = restored.client()
                self.assertEqual(rc.login("b").status, 201)
                got = rc.request("GET", "/api/v1/projects/kept/descriptors/trained_model").json()
                self.assertEqual(got["revision"]["message"], "before the backup")
            finally:
                restored.close()
        finally:
            s.close()

    def test_event_streams_are_bounded_rechecked_and_end_on_shutdown(self):
        s = Server(SEAM, extra=["--max-streams", "2", "--heartbeat", "1"])
        try:
            self.assertEqual(s.admin("create-user", "root", "--admin").returncode, 0)
            s.start()
            root = s.client()
            self.assertEqual(root.login("root").status, 201)
            root.request("POST", "/api/v1/users", {"name": "member", "password": PASSWORD})
            root.request("POST", "/api/v1/projects", {"name": "p"})
            root.request("PUT", "/api/v1/projects/p/members/member", {"role": "viewer"})
            member = s.client()
            self.assertEqual(member.login("member").status, 201)
            streams = [root.stream("/api/v1/projects/p/events") for _ in range(2)]
            for x in streams:
                self.addCleanup(x.close)
            self.assertEqual([x.status for x in streams], [200, 200])
            over = root.stream("/api/v1/projects/p/events")
            self.assertEqual(over.status, 503)
            self.assertIn("retry-after", over.headers)
            # A reader that leaves frees its place within a second or so.
            streams.pop().close()
            deadline = time.time() + 5
            while True:
                again = member.stream("/api/v1/projects/p/events")
                if again.status == 200 or time.time() > deadline:
                    break
                time.sleep(0.2)
            self.addCleanup(again.close)
            self.assertEqual(again.status, 200)
            self.assertEqual(again.next()["event"], "ready")
            self.assertEqual(again.next(timeout=3, comments=True), {"comment": "heartbeat"})
            # Removed from the project, the member stops hearing it at the next heartbeat.
            self.assertEqual(root.request("DELETE", "/api/v1/projects/p/members/member").status, 204)
            self.assertTrue(again.wait_end(3))
            deadline = time.time() + 3
            while "seam_event_streams 1\n" not in root.request("GET", "/metrics").body.decode() and time.time() < deadline:
                time.sleep(0.1)
            self.assertIn("seam_event_streams 1\n", root.request("GET", "/metrics").body.decode())
            # Stopping does not wait for the readers of open streams: they see the stream end.
            for c in (root, member):
                c.conn.close()  # idle keep-alive connections would hold the stop up for seconds
            started = time.time()
            self.assertEqual(s.stop(signal.SIGTERM), 0)
            self.assertLess(time.time() - started, 3)
            self.assertTrue(streams[0].wait_end(1))
        finally:
            s.close()

    def test_serve_refuses_bad_options(self):
        for args in (["--listen", "nonsense"], ["--tls-cert", "x.pem"], ["--max-body", "12"], ["--max-streams", "0"],
                     ["--heartbeat", "-1"]):
            r = subprocess.run([SEAM, "serve", *args], capture_output=True, text=True, timeout=30)
            self.assertEqual(r.returncode, 2, args)
            self.assertIn("seam", r.stderr)

    def test_admin_create_user_reads_the_password_from_stdin(self):
        s = Server(SEAM)
        try:
            self.assertEqual(s.admin("create-user", "a", password="short").returncode, 2)
            r = s.admin("create-user", "alice")
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertNotEqual(s.admin("create-user", "alice").returncode, 0)
            r = subprocess.run([SEAM, "admin", "migrate", "--db", s.db], capture_output=True, text=True)
            self.assertEqual(r.returncode, 0)
            self.assertIn("version", r.stdout)
        finally:
            s.close()


class ZApiContract(unittest.TestCase):
    """Runs last (unittest orders classes by name): every request the other tests made must
    match a route, method and status of the OpenAPI document the server serves, and every
    untagged documented route (the core API; server_readiness_test.py owns the tagged
    readiness and profile routes) must have been exercised."""

    def test_every_route_against_the_openapi_document(self):
        check_api_contract(self, SEAM, ROOT, {None})


if __name__ == "__main__":
    unittest.main()
