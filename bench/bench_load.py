"""Load on a real server: 64 connections for 30 s of reads and writes (wrk), then the memory
the largest accepted request costs and how fast an oversized one is refused; or, with
`--reads`, 64 connections for 30 s on each of the cached reads in turn: a numbered version,
one provision of it (`?eid=`), the diff of two numbered versions, and a search; then a
search that is new on every request (a word left out that no text holds), which is computed
each time, for its cost beside the kept answer's. Each target is first asked for a few
seconds unmeasured (`WARM_UP_SECONDS`), so the runs measure the steady state.

    apt-get install wrk
    .venv/bin/python bench/bench_load.py [--runs 5] [--seconds 30] [--connections 64]
        [--database-url postgresql+psycopg://…]   # default: a new SQLite file
        [--reads] [--workers 2]                   # the cached reads, on `kanun serve --workers`

Prints, per run, requests per second, latency percentiles, non-2xx answers and socket errors
(with `--reads`, also the machine's load and the server's CPU time per answer); then the min
and median over the runs, and the load of the machine.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).parents[1]))

from api.auth import service as auth
from api.auth.schemas import UserCreate
from api.migrate import upgrade
from drafts import service
from drafts.audit import Actor
from drafts.db import make_engine
from drafts.packages import service as drafts
from drafts.packages.schemas import DraftCreate, TargetIn
from drafts.schemas import InstrumentCreate
from drafts.tree import from_dict, to_dict
from tests.factories import big_law
from tests.live import free_port

SYSTEM = Actor(None, "bench")
TARGET_RPS = 1_000
TARGET_P99_MS = 50
SCRIPT = """
local token = "%(token)s"
local reads = {"/api/v1/instruments/1/versions/1", "/api/v1/drafts/1", "/api/v1/instruments",
               "/api/v1/drafts/1/comments", "/api/v1/instruments/1"}
local n = 0
request = function()
  n = n + 1
  local headers = {["Authorization"] = "Bearer " .. token}
  if n %% 5 == 0 then
    headers["Content-Type"] = "application/json"
    return wrk.format("POST", "/api/v1/drafts/1/comments", headers,
                      '{"body": "Load comment ' .. n .. '"}')
  end
  return wrk.format("GET", reads[(n %% #reads) + 1], headers)
end
"""
NEW_SEARCHES = """
local counter = 0
setup = function(thread)
  thread:set("thread", counter)
  counter = counter + 1
end
local n = 0
request = function()
  n = n + 1
  return wrk.format("GET", "%(path)s%%20NOT%%20none" .. thread .. "x" .. n,
                    {["Authorization"] = "Bearer %(token)s"})
end
"""
SEARCH = "/api/v1/search?q=competent%20authority"
WARM_UP_SECONDS = 3
"""Each target is asked this long before the runs, unmeasured: its first answers are the
route's, and each worker then learns it for the lean path (`api.fast_reads`)."""
COMPUTED = "search, new each time"
"""Not a cached read: the target is not asked of it."""


def seed(url: str) -> str:
    """A law of 250 provisions in two versions, a draft on it and a drafter's token."""
    engine = make_engine(url, connections=1)
    with Session(engine) as session:
        user = auth.create_user(
            session=session,
            data=UserCreate(username="loader", password="load password 1", role="drafter"),
            actor=SYSTEM,
        )
        token, _ = auth.create_token(session=session, user=user, name="bench", actor=SYSTEM)
        law = service.create_instrument(
            session=session,
            data=InstrumentCreate(
                title="Law on Load",
                kind="law",
                jurisdiction="tm",
                language="en",
                work_uri="/akn/tm/act/2026/load",
            ),
            actor=SYSTEM,
        )
        first = service.create_version(
            session=session,
            instrument=law,
            provisions=tuple(from_dict(node) for node in big_law(50)),
            actor=SYSTEM,
        )
        changed = [to_dict(node) for node in service.read_tree(session=session, version=first)]
        for chapter in changed[::3]:
            chapter["heading"] += " (as amended)"
        service.create_version(
            session=session,
            instrument=law,
            provisions=tuple(from_dict(node) for node in changed),
            actor=SYSTEM,
        )
        drafts.create_draft(
            session=session,
            data=DraftCreate(title="Load", targets=[TargetIn(instrument_id=law.id)]),
            user=user,
            actor=SYSTEM,
        )
        session.commit()
    engine.dispose()
    return token


def rss_mb(pid: int, field: str = "VmRSS") -> float:
    status = Path(f"/proc/{pid}/status").read_text()
    return int(re.search(rf"{field}:\s+(\d+)", status).group(1)) / 1024


def reset_peak(pid: int) -> None:
    """Start the process's peak resident set (VmHWM) afresh from its present one."""
    Path(f"/proc/{pid}/clear_refs").write_text("5")


def wrk(base: str, script: Path | str, connections: int, seconds: int) -> dict:
    """wrk with a Lua script, or (`script` a token) GETs of the URL `base` with it."""
    options = ["-t2", f"-c{connections}", f"-d{seconds}s", "--timeout", "60s", "--latency"]
    if isinstance(script, Path):
        options += ["-s", str(script)]
    else:
        options += ["-H", f"Authorization: Bearer {script}"]
    out = subprocess.run(
        ["wrk", *options, base],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    found = {
        "rps": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1)),
        "requests": int(re.search(r"(\d+) requests in", out).group(1)),
        "non_2xx": int(m.group(1))
        if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out))
        else 0,
        "socket_errors": sum(map(int, m.groups()))
        if (m := re.search(r"connect (\d+), read (\d+), write (\d+), timeout (\d+)", out))
        else 0,
    }
    for pct in ("50", "99"):
        value, unit = re.search(rf"\s{pct}%\s+([\d.]+)(us|ms|s)", out).groups()
        found[f"p{pct}_ms"] = float(value) * {"us": 0.001, "ms": 1, "s": 1000}[unit]
    return found


def post(base: str, path: str, body: bytes, token: str, etag: str | None = None) -> int:
    headers = {"Authorization": f"Bearer {token}", "Content-Type": "application/json"}
    if etag:
        headers["If-Match"] = etag
    request = urllib.request.Request(base + path, data=body, headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=600) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


def memory(base: str, pid: int, token: str) -> None:
    """Peak memory for the largest accepted version, and the refusal of an oversized one."""

    def etag() -> str:
        request = urllib.request.Request(
            base + "/api/v1/instruments/1", headers={"Authorization": f"Bearer {token}"}
        )
        with urllib.request.urlopen(request) as answer:
            return answer.headers["etag"]

    largest = json.dumps({"provisions": big_law(10_000, 4)}).encode()  # 50,000 provisions
    idle = rss_mb(pid)
    reset_peak(pid)
    started = time.perf_counter()
    status = post(base, "/api/v1/instruments/1/versions", largest, token, etag())
    took = time.perf_counter() - started
    peak = rss_mb(pid, "VmHWM")
    print(f"largest accepted version: {len(largest) / 2**20:.1f} MB, 50,000 provisions, "
          f"{status} in {took:.1f} s; memory idle {idle:.0f} MB, peak {peak:.0f} MB "
          f"(+{peak - idle:.0f} MB)")  # fmt: skip
    huge = json.dumps(
        {"provisions": [{"kind": "paragraph", "text": f"P {n}."} for n in range(300_000)]}
    ).encode()
    started = time.perf_counter()
    status = post(base, "/api/v1/instruments/1/versions", huge, token, etag())
    took = time.perf_counter() - started
    print(f"300,000-node body of {len(huge) / 2**20:.1f} MB: {status} in {took:.2f} s; "
          f"peak now {rss_mb(pid, 'VmHWM'):.0f} MB")  # fmt: skip


def cpu_seconds(pid: int) -> float:
    """CPU time of a process and its children that are still running (the server's workers)."""
    ticks = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for each in [pid, *children(pid)]:
        try:
            fields = Path(f"/proc/{each}/stat").read_text().rpartition(")")[2].split()
        except FileNotFoundError:
            continue
        total += (int(fields[11]) + int(fields[12])) / ticks
    return total


def children(pid: int) -> list[int]:
    found = Path(f"/proc/{pid}/task/{pid}/children")
    return [int(child) for child in found.read_text().split()] if found.exists() else []


def reads(base: str, token: str, args: argparse.Namespace, server: int, folder: Path) -> None:
    """Each cached read under load in turn, `args.runs` times, then min and median; beside
    each run, the machine's load and the server's CPU time per answer (the figure that other
    work on a shared machine disturbs least)."""
    request = urllib.request.Request(
        base + "/api/v1/instruments/1/versions/1", headers={"Authorization": f"Bearer {token}"}
    )
    with urllib.request.urlopen(request) as answer:
        body = json.loads(answer.read())
    eid = body["provisions"][1]["children"][0]["eid"]
    targets = {
        "version (JSON)": "/api/v1/instruments/1/versions/1",
        "provision (?eid=)": f"/api/v1/instruments/1/versions/1?eid={eid}",
        "diff 1..2 (JSON)": "/api/v1/diff?from=1:1&to=1:2",
        "search": SEARCH,
        COMPUTED: folder / "new_searches.lua",
    }
    targets[COMPUTED].write_text(NEW_SEARCHES % {"path": SEARCH, "token": token})

    def ask(path: str | Path, seconds: int) -> dict:
        if isinstance(path, Path):
            return wrk(base, path, args.connections, seconds)
        return wrk(base + path, token, args.connections, seconds)

    for path in targets.values():
        ask(path, WARM_UP_SECONDS)
    found: dict[str, list[dict]] = {name: [] for name in targets}
    for run in range(1, args.runs + 1):
        for name, path in targets.items():
            load = os.getloadavg()[0]
            used = cpu_seconds(server)
            result = ask(path, args.seconds)
            result["cpu_ms"] = (cpu_seconds(server) - used) * 1000 / max(result["requests"], 1)
            result["load"] = load
            found[name].append(result)
            print(f"run {run} {name}: {result}")
    print(f"\n{'read':<20}{'req/s min':>10}{'med':>8}{'p50 ms med':>12}{'p99 ms min':>12}"
          f"{'med':>8}{'cpu ms/req med':>16}{'non-2xx':>9}{'socket err':>11}"
          f"{'target':>8}")  # fmt: skip
    for name, results in found.items():
        rps = [r["rps"] for r in results]
        p50 = [r["p50_ms"] for r in results]
        p99 = [r["p99_ms"] for r in results]
        cpu = [r["cpu_ms"] for r in results]
        errors = sum(r["non_2xx"] + r["socket_errors"] for r in results)
        met = statistics.median(rps) >= TARGET_RPS and statistics.median(p99) < TARGET_P99_MS
        verdict = "" if name == COMPUTED else "met" if met and not errors else "missed"
        print(f"{name:<20}{min(rps):>10.0f}{statistics.median(rps):>8.0f}"
              f"{statistics.median(p50):>12.1f}{min(p99):>12.1f}{statistics.median(p99):>8.1f}"
              f"{statistics.median(cpu):>16.2f}{sum(r['non_2xx'] for r in results):>9}"
              f"{sum(r['socket_errors'] for r in results):>11}"
              f"{verdict:>8}")  # fmt: skip
    print(f"target of the cached reads: median >= {TARGET_RPS} req/s, median p99 < "
          f"{TARGET_P99_MS} ms, no errors")  # fmt: skip
    loads = [r["load"] for results in found.values() for r in results]
    print(f"load of the machine (1 min) at the runs' starts: min {min(loads):.1f}, "
          f"max {max(loads):.1f}, on {os.cpu_count()} cores shared with other work")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--seconds", type=int, default=30)
    parser.add_argument("--connections", type=int, default=64)
    parser.add_argument("--database-url")
    parser.add_argument("--reads", action="store_true", help="the cached reads, one by one")
    parser.add_argument("--workers", type=int, default=2)
    args = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)
    if shutil.which("wrk") is None:
        sys.exit("wrk is not installed: apt-get install wrk")
    with tempfile.TemporaryDirectory() as folder:
        url = args.database_url or f"sqlite:///{Path(folder) / 'kanun.db'}"
        upgrade(url)
        token = seed(url)
        script = Path(folder) / "load.lua"
        script.write_text(SCRIPT % {"token": token})
        port = free_port()
        env = os.environ | {"KANUN_DATABASE_URL": url, "KANUN_VAR_DIR": folder}
        command = [sys.executable, "-m", "uvicorn", "api.app:served_app", "--factory"]
        if args.reads:
            command = [str(Path(sys.executable).with_name("kanun")), "serve"]
            command += ["--workers", str(args.workers)]
        server = subprocess.Popen(
            [*command, "--port", str(port), "--log-level", "warning"] if not args.reads
            else [*command, "--port", str(port)],
            env=env,
            # the access log is kept, as in service, written where a service would write it
            stdout=(Path(folder) / "server.log").open("w") if args.reads else None,
            stderr=subprocess.STDOUT if args.reads else None,
        )  # fmt: skip
        base = f"http://127.0.0.1:{port}"
        try:
            for _ in range(600):
                try:
                    urllib.request.urlopen(base + "/login", timeout=5)
                    break
                except (OSError, urllib.error.URLError):
                    time.sleep(0.1)
            if args.reads:
                reads(base, token, args, server.pid, Path(folder))
                return
            results = []
            for run in range(1, args.runs + 1):
                found = wrk(base, script, args.connections, args.seconds)
                results.append(found)
                print(f"run {run}: {found}")
            for key in ("rps", "p50_ms", "p99_ms") if results else ():
                values = [r[key] for r in results]
                print(f"{key}: min {min(values):.1f}, median {statistics.median(values):.1f}")
            errors = sum(r["non_2xx"] + r["socket_errors"] for r in results)
            print(f"errors over all runs: {errors}")
            memory(base, server.pid, token)
        finally:
            server.terminate()
            server.wait(timeout=30)
    print("load of the machine:", os.getloadavg(), "(2 cores shared with other work)")


if __name__ == "__main__":
    main()
