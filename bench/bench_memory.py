"""Memory of the largest accepted request on a real server: the peak RSS above idle of the
server process while it stores a version of 50,000 provisions (7.3 MB of JSON) through the API.

    .venv/bin/python bench/bench_memory.py [--runs 5] [--database-url postgresql+psycopg://…]
        [--next]

Each run makes an instrument with a first version of 250 provisions, then stores through the
API `first`: 50,000 provisions on that parent (almost all new), and with `--next`, `next`: the
same 50,000 with one article in seven retitled, sent without provision ids, so every node is
matched against a parent of 50,000. Before each request the peak of the server's resident set is
reset (`/proc/PID/clear_refs`). Each run has a server of its own, started afresh; its idle
is its resident set once it has stored a first small version, and the figure (`+MB`) is the
peak during a request minus that idle. Prints each run, then min and median over the runs,
and the load of the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parents[1]))

from api.migrate import upgrade
from bench.bench_load import post, reset_peak, rss_mb, seed
from tests.factories import big_law, instrument_body
from tests.live import free_port


def api(base: str, token: str, path: str, body: dict | None = None) -> tuple[dict, str]:
    """A JSON request; its answer and ETag."""
    request = urllib.request.Request(
        base + path,
        data=None if body is None else json.dumps(body).encode(),
        headers={"Authorization": f"Bearer {token}", "Content-Type": "application/json"},
        method="GET" if body is None else "POST",
    )
    with urllib.request.urlopen(request, timeout=600) as answer:
        return json.loads(answer.read()), answer.headers["etag"]


def measured(base: str, pid: int, token: str, iid: int, body: bytes) -> dict:
    """Store `body` as a new version of instrument `iid`; the server's memory meanwhile."""
    _, etag = api(base, token, f"/api/v1/instruments/{iid}")
    idle = rss_mb(pid)
    reset_peak(pid)
    started = time.perf_counter()
    status = post(base, f"/api/v1/instruments/{iid}/versions", body, token, etag)
    took = time.perf_counter() - started
    peak = rss_mb(pid, "VmHWM")
    return {"status": status, "seconds": took, "idle": idle, "peak": peak, "above": peak - idle}


def small_law(base: str, token: str) -> int:
    """A new instrument with a first version of 250 provisions; its id."""
    instrument, _ = api(base, token, "/api/v1/instruments", instrument_body())
    iid = instrument["id"]
    _, etag = api(base, token, f"/api/v1/instruments/{iid}")
    post(base, f"/api/v1/instruments/{iid}/versions",
         json.dumps({"provisions": big_law(50)}).encode(), token, etag)  # fmt: skip
    return iid


def run(base: str, pid: int, token: str, largest: list[dict], edition: bool) -> dict[str, dict]:
    iid = small_law(base, token)
    first = json.dumps({"provisions": largest}).encode()
    if not edition:
        return {"first": measured(base, pid, token, iid, first)}
    changed = [dict(a, heading=a["heading"] + " (as amended)") if n % 7 == 0 else a
               for n, a in enumerate(largest)]  # fmt: skip
    second = json.dumps({"provisions": changed}).encode()
    return {
        "first": measured(base, pid, token, iid, first),
        "next": measured(base, pid, token, iid, second),
    }


@contextmanager
def served(url: str, folder: str) -> Iterator[tuple[str, int]]:
    """A fresh server of the app on `url`: its base URL and process id."""
    port = free_port()
    env = os.environ | {"KANUN_DATABASE_URL": url, "KANUN_VAR_DIR": folder}
    server = subprocess.Popen(
        [sys.executable, "-m", "uvicorn", "api.app:create_app", "--factory",
         "--port", str(port), "--log-level", "warning"],
        env=env,
    )  # fmt: skip
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(1200):
            try:
                urllib.request.urlopen(base + "/login", timeout=5)
                break
            except OSError:
                time.sleep(0.1)
        yield base, server.pid
    finally:
        server.terminate()
        server.wait(timeout=120)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--database-url")
    parser.add_argument("--next", action="store_true", help="the next edition too")
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)
    largest = big_law(10_000, 4)
    found: dict[str, list[dict]] = {"first": [], "next": []}
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{Path(folder) / 'kanun.db'}"
        upgrade(url)
        token = seed(url)
        for number in range(1, args.runs + 1):
            with served(url, folder) as (base, pid):
                small_law(base, token)
                warm = rss_mb(pid)
                for name, got in run(base, pid, token, largest, args.next).items():
                    found[name].append(got | {"above_warm": got["peak"] - warm})
                    print(f"run {number} {name}: {got['status']} in {got['seconds']:.1f} s, "
                          f"server idle {warm:.0f} MB, before the request {got['idle']:.0f} MB, "
                          f"peak {got['peak']:.0f} MB (+{got['peak'] - warm:.0f} MB)")  # fmt: skip
    found = {name: results for name, results in found.items() if results}
    print(f"\n{'request':<8}{'+MB min':>9}{'median':>8}{'s min':>8}{'median':>8}  statuses")
    for name, results in found.items():
        above = [r["above_warm"] for r in results]
        seconds = [r["seconds"] for r in results]
        print(f"{name:<8}{min(above):>9.0f}{statistics.median(above):>8.0f}"
              f"{min(seconds):>8.1f}{statistics.median(seconds):>8.1f}  "
              f"{sorted({r['status'] for r in results})}")  # fmt: skip
    print("database:", "PostgreSQL" if args.database_url else "SQLite")
    print("load of the machine:", os.getloadavg(), "(2 cores shared with other work)")


if __name__ == "__main__":
    main()
