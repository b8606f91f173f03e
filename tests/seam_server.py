"""Starting a real `seam serve` for tests, and a small HTTP client for its API.

Everything stays on loopback. Each server gets its own database: a SQLite file in a
temporary directory, or after use_postgres() a fresh database in a throwaway PostgreSQL
cluster; or the one given. It listens on a free port and is stopped with SIGTERM at the end.
"""
import atexit
import http.client
import json
import os
import re
import select
import signal
import socket
import sqlite3
import ssl
import subprocess
import tempfile
import threading
import time

PASSWORD = "correct horse battery"
PSQL = os.path.join(os.environ.get("PG_BIN", "/usr/lib/postgresql/15/bin"), "psql")
PG_TEMP = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "scripts", "pg-temp")


class PgCluster:
    """A throwaway PostgreSQL cluster (scripts/pg-temp), stopped at exit. Raises when it
    cannot start, so that a test meant for PostgreSQL fails rather than skips."""

    def __init__(self):
        # Under /tmp, not TMPDIR: the Unix socket's path must stay short.
        self.dir = tempfile.mkdtemp(prefix="seam-pg-", dir="/tmp")
        r = subprocess.run([PG_TEMP, "start", self.dir], capture_output=True, text=True, timeout=120)
        lines = r.stdout.strip().splitlines()
        if r.returncode or not lines or not lines[-1].startswith("postgresql://"):
            subprocess.run([PG_TEMP, "stop", self.dir], capture_output=True, timeout=60)
            raise RuntimeError("cannot start PostgreSQL for the tests: " + r.stdout + r.stderr)
        self.count = 0
        atexit.register(self.stop)

    def database(self):
        """The URL of a new, empty database in the cluster."""
        self.count += 1
        r = subprocess.run([PG_TEMP, "createdb", self.dir, f"test_{self.count}"], capture_output=True, text=True, timeout=60)
        if r.returncode:
            raise RuntimeError("cannot make a PostgreSQL database: " + r.stderr)
        return r.stdout.strip().splitlines()[-1]

    def stop(self):
        subprocess.run([PG_TEMP, "stop", self.dir], capture_output=True, timeout=60)


_cluster = None


def use_postgres():
    """From now on every Server without a database named gets a fresh one in one throwaway
    PostgreSQL cluster. Returns the cluster."""
    global _cluster
    if _cluster is None:
        _cluster = PgCluster()
    return _cluster


def take_postgres_flag(argv):
    """Removes --postgres from argv and, when it was there, calls use_postgres()."""
    if "--postgres" in argv:
        argv.remove("--postgres")
        use_postgres()
        return True
    return False


class Server:
    def __init__(self, seam, db=None, extra=()):
        self.seam = seam
        self.tmp = tempfile.TemporaryDirectory(prefix="seam-server-")
        self.db = db or (_cluster.database() if _cluster else os.path.join(self.tmp.name, "seam.db"))
        self.extra = list(extra)
        self.proc = None
        self.clients = []
        self.tls_ca = None  # the certificate to trust when the server speaks HTTPS

    def admin(self, *args, password=PASSWORD):
        return subprocess.run([self.seam, "admin", *args, "--db", self.db], input=password + "\n",
                              capture_output=True, text=True, timeout=60)

    def sql(self, statement, **values):
        """Runs one statement on the server's database, around the server (for tests that fake
        the passing of time). Values are integers, named :NAME in the statement."""
        if "://" in self.db:
            sets = [f"--set={k}={int(v)}" for k, v in values.items()]
            subprocess.run([PSQL, self.db, "-q", "-v", "ON_ERROR_STOP=1", *sets], input=statement,
                           check=True, capture_output=True, text=True, timeout=60)
        else:
            with sqlite3.connect(self.db) as db:
                db.execute(statement, {k: int(v) for k, v in values.items()})

    @property
    def log(self):
        """What the server wrote on stderr (its access log included), as a list of one text."""
        path = os.path.join(self.tmp.name, "serve.log")
        if not os.path.exists(path):
            return []
        with open(path, encoding="utf-8", errors="replace") as f:
            return [f.read()]

    def start(self):
        # stderr goes to a file, not a pipe: reading thousands of access-log lines a second
        # through Python would slow the server down in benchmarks.
        # A restart appends to the same file: look only at what this process writes, measured
        # before it starts (a fast server may have written its line before Popen returns).
        seen = len(self.log[0]) if self.log else 0
        with open(os.path.join(self.tmp.name, "serve.log"), "a") as err:
            self.proc = subprocess.Popen([self.seam, "serve", "--db", self.db, "--listen", "127.0.0.1:0", *self.extra],
                                         stderr=err)
        deadline = time.time() + 30
        while time.time() < deadline:
            text = self.log[0][seen:] if self.log else ""
            m = re.search(r"listening on (https?)://[^:]+:(\d+)", text)
            if m:
                self.scheme, self.port = m.group(1), int(m.group(2))
                return self
            if self.proc.poll() is not None:
                raise RuntimeError("seam serve exited: " + text)
            time.sleep(0.02)
        raise RuntimeError("seam serve did not start in 30 s")

    def stop(self, sig=signal.SIGTERM):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(sig)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        return self.proc.returncode if self.proc else None

    def close(self):
        for c in self.clients:
            if c.conn:
                c.conn.close()
        self.stop()
        self.tmp.cleanup()

    def client(self):
        c = Client(self.port, tls_ca=self.tls_ca if self.scheme == "https" else None)
        self.clients.append(c)
        return c


class Response:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body

    def json(self):
        return json.loads(self.body)

    def header(self, name):
        return self.headers.get(name.lower())


class Client:
    """One user's HTTP client: keeps the session cookie and CSRF token, or a bearer token.

    Every exchange is recorded in `Client.seen` as (method, path, status), so a test can
    check the API's real behaviour against its OpenAPI document.
    """

    seen = []

    def __init__(self, port, tls_ca=None):
        self.port = port
        self.tls_ca = tls_ca
        self.cookie = None
        self.csrf = None
        self.token = None
        self.conn = None

    def request(self, method, path, body=None, headers=None, raw=None, csrf=True):
        h = dict(headers or {})
        data = raw
        if body is not None:
            data = json.dumps(body).encode()
            h.setdefault("Content-Type", "application/json")
        if self.cookie:
            h["Cookie"] = "seam_session=" + self.cookie
            if csrf and self.csrf and method not in ("GET", "HEAD"):
                h.setdefault("X-CSRF-Token", self.csrf)
        if self.token:
            h["Authorization"] = "Bearer " + self.token
        for attempt in range(2):
            if self.conn is None:
                if self.tls_ca:
                    ctx = ssl.create_default_context(cafile=self.tls_ca)
                    ctx.check_hostname = False  # the throwaway certificate names localhost
                    self.conn = http.client.HTTPSConnection("127.0.0.1", self.port, timeout=30, context=ctx)
                else:
                    self.conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
            try:
                self.conn.request(method, path, body=data, headers=h)
                r = self.conn.getresponse()
                out = Response(r.status, {k.lower(): v for k, v in r.getheaders()}, r.read())
                break
            except (ConnectionError, http.client.HTTPException):
                self.conn.close()
                self.conn = None
                if attempt:
                    raise
        Client.seen.append((method, path.split("?")[0], out.status))
        set_cookie = out.header("Set-Cookie")
        if set_cookie:
            m = re.match(r"seam_session=([^;]*)", set_cookie)
            self.cookie = m.group(1) or None
        return out

    def stream(self, path, timeout=10):
        """Subscribes to a Server-Sent Events route: an EventStream, whose status is the
        reply's; recorded in `seen` like every request."""
        h = {}
        if self.cookie:
            h["Cookie"] = "seam_session=" + self.cookie
        if self.token:
            h["Authorization"] = "Bearer " + self.token
        s = EventStream(self.port, path, h, timeout)
        Client.seen.append(("GET", path.split("?")[0], s.status))
        return s

    def login(self, name, password=PASSWORD):
        r = self.request("POST", "/api/v1/session", {"name": name, "password": password})
        if r.status == 201:
            self.csrf = r.json()["csrf_token"]
        return r

    def put_doc(self, project, name, content, etag=None, message="", create=False):
        headers = {"If-None-Match": "*"} if create else ({"If-Match": etag} if etag else {})
        path = f"/api/v1/projects/{project}/" + ("waivers" if name == "waivers" else f"descriptors/{name}")
        return self.request("PUT", path, {"content": content, "message": message}, headers=headers)


def check_api_contract(test, seam, root, tags):
    """Checks this process's requests against the OpenAPI document the server serves.

    Every request any test of this process made (Client.seen) must match a documented route,
    method and status. Every documented operation this test file is responsible for must have
    been exercised: those whose OpenAPI `tags` include one of `tags`, with None standing for
    the untagged ones. So each test file owns its part of the API (server_e2e_test.py the
    untagged core, server_readiness_test.py "readiness" and "profiles"), and together they
    cover all of it.
    """
    s = Server(seam)
    try:
        s.start()
        spec = s.client().request("GET", "/api/v1/openapi.json").json()
    finally:
        s.close()
    test.assertEqual(spec["openapi"], "3.1.0")
    with open(os.path.join(root, "docs", "api", "openapi.json")) as f:
        test.assertEqual(json.load(f), spec)
    routes = [(re.compile("^" + re.sub(r"\\{[^/]+\\}", "[^/]+", re.escape(p)) + "$"), p) for p in spec["paths"]]
    used = set()
    for method, path, status in Client.seen:
        matches = [p for rx, p in routes if rx.match(path)]
        if not matches:
            test.assertEqual(status, 404, f"{method} {path} is served but not documented")
            continue
        # A literal segment beats a placeholder: /revisions/{id} vs /descriptors/{descriptor}.
        template = min(matches, key=lambda p: p.count("{"))
        ops = spec["paths"][template]
        test.assertIn(method.lower(), ops, f"{method} {template} is not documented")
        test.assertIn(str(status), ops[method.lower()]["responses"], f"{method} {template} answered {status}, not documented")
        used.add((method.lower(), template))
    owned = {(m, p) for p, ops in spec["paths"].items() for m, op in ops.items()
             if any(t in tags for t in (op.get("tags") or [None]))}
    test.assertEqual(owned - used, set(), "documented routes no test exercised")


class EventStream:
    """One Server-Sent Events response, read from a raw socket with deadlines (http.client
    cannot wait for a chunk with a timeout and go on reading afterwards)."""

    def __init__(self, port, path, headers, timeout):
        self.sock = socket.create_connection(("127.0.0.1", port), timeout=timeout)
        head = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
        head += "".join(f"{k}: {v}\r\n" for k, v in headers.items()) + "\r\n"
        self.sock.sendall(head.encode())
        self.raw = b""      # bytes received and not yet de-chunked
        self.body = b""     # de-chunked bytes not yet parsed into events
        self.ended = False  # the last chunk came, or the server closed the connection
        deadline = time.time() + timeout
        while b"\r\n\r\n" not in self.raw:
            if not self._receive(deadline):
                raise RuntimeError("no reply headers in time")
        header, self.raw = self.raw.split(b"\r\n\r\n", 1)
        lines = header.decode().split("\r\n")
        self.status = int(lines[0].split()[1])
        self.headers = {k.strip().lower(): v.strip() for k, v in (line.split(":", 1) for line in lines[1:])}
        if self.status != 200:  # an error envelope with a length
            n = int(self.headers.get("content-length", "0"))
            while len(self.raw) < n and self._receive(deadline):
                pass
            self.error = json.loads(self.raw[:n])
            self.close()

    def _receive(self, deadline):
        left = deadline - time.time()
        if self.ended or left <= 0 or not select.select([self.sock], [], [], left)[0]:
            return False
        data = self.sock.recv(65536)
        if not data:
            self.ended = True
            return False
        self.raw += data
        return True

    def _dechunk(self):
        while True:
            line_end = self.raw.find(b"\r\n")
            if line_end < 0:
                return
            size = int(self.raw[:line_end], 16)
            if len(self.raw) < line_end + 2 + size + 2:
                return
            self.body += self.raw[line_end + 2:line_end + 2 + size]
            self.raw = self.raw[line_end + 2 + size + 2:]
            if size == 0:
                self.ended = True
                return

    def next(self, timeout=5.0, comments=False):
        """The next event as {"event", "data" (parsed JSON), "id"}, a comment as {"comment"}
        when asked for, or None when none came in time or the stream ended."""
        deadline = time.time() + timeout
        while True:
            self._dechunk()
            if b"\n\n" in self.body:
                frame, self.body = self.body.split(b"\n\n", 1)
                event = {}
                for line in frame.decode().split("\n"):
                    key, _, value = line.partition(":")
                    event["comment" if key == "" else key] = value[1:] if value.startswith(" ") else value
                if "data" in event:
                    event["data"] = json.loads(event["data"])
                if "event" in event or (comments and "comment" in event):
                    return event
                continue
            if not self._receive(deadline):
                return None

    def wait_end(self, timeout):
        """True when the stream ends (last chunk, or connection closed) within `timeout`."""
        deadline = time.time() + timeout
        while not self.ended:
            self._dechunk()
            if not self.ended and not self._receive(deadline) and not self.ended:
                return False
        return True

    def close(self):
        self.sock.close()


def race(clients, write):
    """Starts write(i, client) for every client at the same moment; returns their results."""
    results = [None] * len(clients)
    barrier = threading.Barrier(len(clients))

    def run(i):
        barrier.wait()
        results[i] = write(i, clients[i])

    threads = [threading.Thread(target=run, args=(i,)) for i in range(len(clients))]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return results
