#!/usr/bin/env python3
"""Scale measurements against a local ministack (never AWS):

1. seed N users into a fresh pool with the emulator's own API (AdminCreateUser, many in
   flight at once) and report the rate;
2. list every user through cognito-tui's gateway and through bare SDK calls, alternating,
   in the same run against the same endpoint (examples/bench_list.rs);
3. the resident memory (VmRSS) of the release TUI with every user loaded: the binary runs in
   tmux, opens the pool's users and presses G until the last page is in;
4. first, on a second small pool (--export-users, 3,000 users in 5 groups, 4,000
   memberships): the release binary's `export` with groups against `--no-groups`, alternating,
   the medians and their ratio (the goal is at most 2.5x).

Usage: scripts/bench-scale.py [--users N] [--workers W] [--rounds R] [--skip-memory]
       scripts/bench-scale.py --export-only [--export-users N]   # just 4.
       scripts/bench-scale.py --seed-only --users N   # seed, print the endpoint, keep running
       scripts/bench-scale.py --endpoint-url URL --pool-id ID --users N   # reuse that
Needs: the release binary and example (`cargo build --release --bin cognito-tui --example
bench_list`), tmux, and the emulators' virtualenv (COGNITO_TUI_PYTHON or .venv) with boto3.
"""

import argparse
import concurrent.futures as cf
import os
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = Path(os.environ.get("CARGO_TARGET_DIR", ROOT / "target"))
PYTHON = os.environ.get("COGNITO_TUI_PYTHON", str(ROOT / ".venv/bin/python"))
REGION = "us-east-1"
ENV = dict(
    os.environ,
    AWS_ACCESS_KEY_ID="test",
    AWS_SECRET_ACCESS_KEY="test",
    AWS_REGION=REGION,
    AWS_EC2_METADATA_DISABLED="true",
)


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_ministack():
    port = free_port()
    env = dict(ENV, AUTH="true", BIND_HOST="127.0.0.1", GATEWAY_PORT=str(port),
               IOT_MTLS_ENABLED="false", SFTP_ENABLED="false", LOG_LEVEL="WARNING")
    proc = subprocess.Popen([PYTHON, "-m", "ministack"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(180):
        try:
            urllib.request.urlopen(url + "/_ministack/health", timeout=1)
            return proc, url
        except Exception:
            time.sleep(0.5)
    proc.kill()
    sys.exit("ministack did not start")


def client(url):
    import boto3
    from botocore.config import Config
    return boto3.client("cognito-idp", endpoint_url=url, region_name=REGION,
                        aws_access_key_id="test", aws_secret_access_key="test",
                        config=Config(max_pool_connections=64, retries={"max_attempts": 1}))


def seed(url, n, workers):
    c = client(url)
    pool = c.create_user_pool(PoolName=f"scale-{n}", Schema=[
        {"Name": "role", "AttributeDataType": "String", "Mutable": True}])["UserPool"]["Id"]
    roles = ["admin", "instructor", "student", "guest"]

    def one(i):
        c.admin_create_user(
            UserPoolId=pool, Username=f"user{i:06d}", MessageAction="SUPPRESS",
            TemporaryPassword="Temp-Passw0rd!",
            UserAttributes=[{"Name": "email", "Value": f"user{i:06d}@example.com"},
                            {"Name": "name", "Value": f"User {i}"},
                            {"Name": "custom:role", "Value": roles[i % 4]}])

    t = time.monotonic()
    done = 0
    with cf.ThreadPoolExecutor(workers) as ex:
        for f in cf.as_completed([ex.submit(one, i) for i in range(n)]):
            f.result()
            done += 1
            if done % 5000 == 0:
                el = time.monotonic() - t
                print(f"  seeded {done}/{n} ({done / el:.0f} users/s)", flush=True)
    el = time.monotonic() - t
    print(f"seeded {n} users in {el:.1f} s: {n / el:.0f} users/s ({workers} in flight)")
    return pool


GROUPS = 5


def seed_export_pool(url, n, workers):
    """A pool of n users in 5 groups: user i in group i % 5, every third also in the next one
    (n + n/3 memberships). Returns the pool id and the memberships."""
    c = client(url)
    pool = c.create_user_pool(PoolName=f"export-{n}")["UserPool"]["Id"]
    groups = [f"group{g}" for g in range(GROUPS)]
    for g in groups:
        c.create_group(UserPoolId=pool, GroupName=g)
    joins = [(i, i % GROUPS) for i in range(n)] + \
        [(i, (i + 1) % GROUPS) for i in range(0, n, 3)]
    t = time.monotonic()
    with cf.ThreadPoolExecutor(workers) as ex:
        list(ex.map(lambda i: c.admin_create_user(
            UserPoolId=pool, Username=f"member{i:06d}", MessageAction="SUPPRESS",
            TemporaryPassword="Temp-Passw0rd!",
            UserAttributes=[{"Name": "email", "Value": f"member{i:06d}@example.com"}]),
            range(n)))
        list(ex.map(lambda j: c.admin_add_user_to_group(
            UserPoolId=pool, Username=f"member{j[0]:06d}", GroupName=groups[j[1]]), joins))
    print(f"export pool: {n} users in {GROUPS} groups ({len(joins)} memberships), seeded in "
          f"{time.monotonic() - t:.1f} s")
    return pool, len(joins)


def compare_export(url, pool, rounds, n, memberships):
    """The release binary's export, with groups and with --no-groups, alternating; each run
    checked (every user once, every membership there)."""
    import json
    import statistics
    import tempfile
    exe = TARGET / "release/cognito-tui"
    times = {True: [], False: []}
    pages = {}
    with tempfile.TemporaryDirectory() as tmp:
        for _ in range(rounds):
            for groups in (True, False):
                out = Path(tmp) / "users.jsonl"
                cmd = [str(exe), "--endpoint-url", url, "export", "--pool-id", pool,
                       "--output", "json"] + ([] if groups else ["--no-groups"])
                with open(out, "w") as f:
                    t = time.monotonic()
                    r = subprocess.run(cmd, env=ENV, stdout=f, stderr=subprocess.PIPE,
                                       text=True)
                    el = time.monotonic() - t
                if r.returncode != 0:
                    sys.exit(f"export failed: {r.stderr}")
                lines = [json.loads(line) for line in out.read_text().splitlines()]
                names = {u["username"] for u in lines}
                joined = sum(len(u.get("groups", [])) for u in lines)
                want = memberships if groups else 0
                if len(lines) != n or len(names) != n or joined != want:
                    sys.exit(f"export wrote {len(lines)} lines, {len(names)} users, "
                             f"{joined} memberships; expected {n}, {n}, {want}")
                m = re.findall(r"exported \d+ users \((\d+) pages\)", r.stderr)
                pages[groups] = m[-1] if m else "?"
                times[groups].append(el)
    with_g, without = statistics.median(times[True]), statistics.median(times[False])
    print(f"export of {n} users, {GROUPS} groups ({memberships} memberships), median of "
          f"{rounds} alternating rounds: with groups {with_g:.2f} s, --no-groups {without:.2f} s, "
          f"ratio {with_g / without:.2f}x (goal <= 2.5x); {pages[True]} ListUsers pages each way")
    print("  with groups: " + " ".join(f"{t:.2f}" for t in times[True]) +
          " s; --no-groups: " + " ".join(f"{t:.2f}" for t in times[False]) + " s")


def compare_listing(url, pool, rounds):
    exe = TARGET / "release/examples/bench_list"
    out = subprocess.run([str(exe), "--endpoint-url", url, "--pool-id", pool,
                          "--rounds", str(rounds)], env=ENV, check=True,
                          capture_output=True, text=True)
    print(out.stdout, end="")


def tmux(*args):
    return subprocess.run(["tmux", *args], check=True, capture_output=True, text=True).stdout


def memory(url, n):
    exe = TARGET / "release/cognito-tui"
    session = f"cognito-tui-bench-{os.getpid()}"
    env = " ".join(f"{k}={v}" for k, v in [("AWS_ACCESS_KEY_ID", "test"),
                                          ("AWS_SECRET_ACCESS_KEY", "test"),
                                          ("AWS_REGION", REGION),
                                          ("AWS_EC2_METADATA_DISABLED", "true")])
    log = f"/tmp/{session}.log"
    tmux("new-session", "-d", "-s", session, "-x", "200", "-y", "50",
         f"env {env} {exe} --endpoint-url {url} --log-file {log}")
    try:
        def screen():
            return tmux("capture-pane", "-p", "-t", session)

        def wait_for(text, secs=30):
            end = time.monotonic() + secs
            while time.monotonic() < end:
                if text in screen():
                    return
                time.sleep(0.1)
            raise SystemExit(f"TUI never showed {text!r}:\n{screen()}")

        wait_for(f"scale-{n}")
        pid = int(tmux("display-message", "-p", "-t", session, "#{pane_pid}").strip())
        rss = lambda: int(re.search(r"VmRSS:\s+(\d+)", Path(f"/proc/{pid}/status").read_text())[1])
        before = rss()
        # Other pools (the export's) may be listed first: move down to this one's row.
        rows = screen().splitlines()
        header = next(i for i, r in enumerate(rows) if "NAME" in r and "POOL ID" in r)
        row = next(i for i, r in enumerate(rows) if f"scale-{n} " in r)
        for _ in range(row - header - 1):
            tmux("send-keys", "-t", session, "Down")
        tmux("send-keys", "-t", session, "u")
        wait_for("USERNAME")
        t = time.monotonic()
        done = re.compile(rf"\({n} loaded\)")
        while not done.search(screen()):
            tmux("send-keys", "-t", session, "G")
            time.sleep(0.05)
            if time.monotonic() - t > 1800:
                raise SystemExit("loading every page took over 30 minutes")
        el = time.monotonic() - t
        after = rss()
        # The loaded screen must still answer keys promptly.
        t = time.monotonic()
        tmux("send-keys", "-t", session, "g")
        wait_for("user000000", 10)
        key = time.monotonic() - t
        print(f"TUI: every page of {n} users loaded by pressing G in {el:.1f} s; "
              f"VmRSS {before / 1024:.1f} MiB at the pool list -> {after / 1024:.1f} MiB "
              f"with {n} users loaded; `g` redrawn within {key * 1000:.0f} ms (tmux round trip)")
    finally:
        subprocess.run(["tmux", "kill-session", "-t", session], capture_output=True)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--users", type=int, default=100_000)
    ap.add_argument("--workers", type=int, default=16)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--skip-memory", action="store_true")
    ap.add_argument("--seed-only", action="store_true",
                    help="seed, print the endpoint and pool, and keep the emulator running")
    ap.add_argument("--endpoint-url", help="an emulator seeded by --seed-only")
    ap.add_argument("--pool-id")
    ap.add_argument("--export-users", type=int, default=3000,
                    help="users of the export pool (0: no export comparison)")
    ap.add_argument("--export-only", action="store_true",
                    help="only the export comparison, on its own emulator")
    args = ap.parse_args()
    if args.endpoint_url:
        compare_listing(args.endpoint_url, args.pool_id, args.rounds)
        if not args.skip_memory:
            memory(args.endpoint_url, args.users)
        return
    proc, url = start_ministack()
    try:
        if args.export_users and not args.seed_only:
            epool, memberships = seed_export_pool(url, args.export_users, args.workers)
            compare_export(url, epool, args.rounds, args.export_users, memberships)
        if args.export_only:
            return
        pool = seed(url, args.users, args.workers)
        if args.seed_only:
            print(f"--endpoint-url {url} --pool-id {pool}", flush=True)
            proc.wait()
            return
        compare_listing(url, pool, args.rounds)
        if not args.skip_memory:
            memory(url, args.users)
    finally:
        proc.terminate()
        proc.wait(10)


if __name__ == "__main__":
    main()
