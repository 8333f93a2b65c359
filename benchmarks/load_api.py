"""Bounded load test of the REST API from a second process, on loopback only.

    python benchmarks/load_api.py               # 50 clients for 60 s
    python benchmarks/load_api.py --quick       # 10 clients for 5 s (tests/reliability/test_load_short.py)
    python benchmarks/load_api.py --url http://127.0.0.1:8000/   # an `amity serve` already running

Without ``--url`` it builds a store (``--db``, else the bundled sample corpus ingested into
a temporary SQLite file), starts ``amity serve`` on a free 127.0.0.1 port and stops it at
the end. Each client thread loops over read endpoints with its own ``httpx.Client`` until
the time is up. A request is an error when it fails, times out or answers 5xx (4xx are
planned answers and not expected here either: they count as errors too).
Prints requests, errors, requests/s and p50/p95/p99 latency; exit status 1 on errors.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

import httpx

REPO = Path(__file__).resolve().parents[1]
SAMPLE = REPO / "amity" / "data" / "sample"
PATHS = (
    "api/stats", "api/events?limit=50", "api/events?dyad=JPN-KHM&limit=20",
    "api/events?since=2010&sort=-goldstein&limit=20", "api/articles?limit=20", "api/actors?limit=50",
    "api/dyads", "api/events?code=04&quad=verbal_coop", "",
)


@dataclass
class Tally:
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, seconds: float, error: str | None) -> None:
        with self.lock:
            self.latencies.append(seconds)
            if error:
                self.errors.append(error)


def client_loop(base: str, paths: list[str], stop_at: float, tally: Tally, offset: int) -> None:
    with httpx.Client(base_url=base, timeout=30.0) as client:
        n = offset
        while time.monotonic() < stop_at:
            path = paths[n % len(paths)]
            n += 1
            started = time.perf_counter()
            error = None
            try:
                response = client.get("/" + path)
                if response.status_code >= 400 or b"database is locked" in response.content:
                    error = f"{response.status_code} {path}: {response.text[:200]}"
            except httpx.HTTPError as exc:
                error = f"{type(exc).__name__} {path}: {exc}"
            tally.add(time.perf_counter() - started, error)


def percentile(sorted_values: list[float], q: float) -> float:
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, max(0, round(q / 100 * len(sorted_values)) - 1))
    return sorted_values[index]


def run_load(base: str, clients: int, seconds: float) -> Tally:
    """``clients`` threads for ``seconds`` against ``base``; returns the tally."""
    paths = list(PATHS) + _article_paths(base)
    tally = Tally()
    stop_at = time.monotonic() + seconds
    threads = [threading.Thread(target=client_loop, args=(base, paths, stop_at, tally, i), daemon=True)
               for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=seconds + 60)
    return tally


def _article_paths(base: str) -> list[str]:
    rows = httpx.get(base + "api/articles?limit=5", timeout=30).json().get("articles", [])
    return [f"api/articles/{row['doc_id']}" for row in rows]


def report(tally: Tally, clients: int, seconds: float) -> str:
    ms = sorted(x * 1000 for x in tally.latencies)
    n = len(ms)
    lines = [
        f"clients={clients} seconds={seconds:g} requests={n} errors={len(tally.errors)} "
        f"rps={n / seconds:.1f}",
        f"latency_ms p50={percentile(ms, 50):.1f} p95={percentile(ms, 95):.1f} "
        f"p99={percentile(ms, 99):.1f} max={(ms[-1] if ms else 0):.1f} "
        f"mean={(statistics.fmean(ms) if ms else 0):.1f}",
    ]
    lines += [f"error: {e}" for e in tally.errors[:10]]
    return "\n".join(lines)


def check_loopback(url: str) -> str:
    host = urlparse(url).hostname or ""
    if host not in ("127.0.0.1", "localhost", "::1"):
        raise SystemExit(f"load_api.py only sends traffic to loopback, not {host!r}")
    return url if url.endswith("/") else url + "/"


def amity_cmd(db: str, *args: str) -> list[str]:
    return [sys.executable, "-m", "amity", "--db", db, *args]


def build_store(folder: Path) -> str:
    db = f"sqlite:///{folder / 'load.db'}"
    subprocess.run(amity_cmd(db, "ingest", "-q", str(SAMPLE)), check=True, capture_output=True)
    return db


class Server:
    """``amity serve`` in a child process on a free loopback port."""

    def __init__(self, db: str) -> None:
        from amity.api.server import free_port

        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.proc = subprocess.Popen(amity_cmd(db, "serve", "--port", str(self.port)),
                                     stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)

    def wait_ready(self, timeout: float = 60.0) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"amity serve exited: {self.proc.stderr.read() if self.proc.stderr else ''}")
            try:
                if httpx.get(self.url + "api/stats", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise RuntimeError("amity serve did not answer in time")

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--quick", action="store_true", help="10 clients for 5 s.")
    parser.add_argument("--url", help="A running server on loopback (else one is started).")
    parser.add_argument("--db", help="Store for the started server (else the sample corpus).")
    args = parser.parse_args(argv)
    if args.quick:
        args.clients, args.seconds = 10, 5.0
    if args.url:
        tally = run_load(check_loopback(args.url), args.clients, args.seconds)
    else:
        with tempfile.TemporaryDirectory(prefix="amity-load-") as tmp:
            db = args.db or os.environ.get("AMITY_DB") or build_store(Path(tmp))
            server = Server(db)
            try:
                server.wait_ready()
                tally = run_load(server.url, args.clients, args.seconds)
            finally:
                server.stop()
    print(report(tally, args.clients, args.seconds), flush=True)
    return 1 if tally.errors else 0


if __name__ == "__main__":
    sys.exit(main())
