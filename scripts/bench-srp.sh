#!/usr/bin/env bash
# Times the client work of one SRP sign-in (a fresh a and A = g^a mod N, then the
# PASSWORD_VERIFIER answer: u, x, S, HKDF key, signature) in cognito-tui (criterion,
# benches/srp.rs), pycognito and amazon-cognito-identity-js, in the same run, on the same
# known-answer case (tests/fixtures/srp, first case).
#
#   scripts/bench-srp.sh            # cargo bench (release profile)
#   PROFILE=dev scripts/bench-srp.sh   # reuse a debug build (num-bigint is opt-level 3 there)
#
# The libraries are the versions pinned in scripts/srp-vectors/ (requirements.txt,
# package.json + package-lock.json), installed into scratch directories that are removed
# afterwards. To reuse installs: SRP_BENCH_PYTHON=<python with pycognito> and
# SRP_BENCH_NODE_DIR=<directory holding node_modules/amazon-cognito-identity-js>.
# ITERATIONS (default 200) sets the loop count of the Python and Node timings.
#
# After criterion, examples/srp_ab.rs times a whole sign-in on each arithmetic (AVX-512 IFMA where
# the CPU has it, aws-lc, crypto-bigint alone), interleaved, wall clock and on-CPU (the CPU
# time leaves out what other processes took on a
# shared machine); Python and Node report the sign-in the same two ways, and the last lines are
# the ratios, all from this one run. The load (uptime) is printed before and after.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$PWD"
VECTORS="$ROOT/scripts/srp-vectors"
ITERATIONS="${ITERATIONS:-200}"
scratch="$(mktemp -d)"
trap 'rm -rf "$scratch"' EXIT

py="${SRP_BENCH_PYTHON:-}"
if [ -z "$py" ]; then
  python3 -m venv "$scratch/venv" >/dev/null
  "$scratch/venv/bin/pip" install -q -r "$VECTORS/requirements.txt"
  py="$scratch/venv/bin/python"
fi
node_dir="${SRP_BENCH_NODE_DIR:-}"
if [ -z "$node_dir" ]; then
  node_dir="$scratch/js"
  mkdir -p "$node_dir"
  cp "$VECTORS/package.json" "$VECTORS/package-lock.json" "$node_dir/"
  (cd "$node_dir" && npm ci --silent --no-audit --no-fund >/dev/null)
fi

echo "load before: $(uptime)"
echo "== cognito-tui (criterion, profile ${PROFILE:-bench}) =="
if [ "${PROFILE:-}" = "" ]; then
  cargo bench --bench srp -- --warm-up-time 1 --measurement-time 3 2>/dev/null | grep -E "^srp/|time:"
else
  cargo bench --profile "$PROFILE" --bench srp -- --warm-up-time 1 --measurement-time 3 2>/dev/null | grep -E "^srp/|time:"
fi

echo "== cognito-tui, each arithmetic, interleaved (examples/srp_ab.rs) =="
if [ "${PROFILE:-}" = "" ]; then ab_profile=release; else ab_profile="$PROFILE"; fi
ab="$(cargo run -q --profile "$ab_profile" --example srp_ab 2>/dev/null)"
echo "$ab"
# "sign-ins here run on: NAME", then "sign-in total, NAME ... wall: median W ms, ...; on-CPU:
# median C ms": what the tool uses here (avx512-ifma where the CPU has it, else aws-lc).
ours="$(echo "$ab" | sed -n 's/^sign-ins here run on: //p')"
ours_wall="$(echo "$ab" | sed -n "s/^sign-in total, $ours .*wall: median \([0-9.]*\) ms.*/\1/p")"
ours_cpu="$(echo "$ab" | sed -n "s/^sign-in total, $ours .*on-CPU: median \([0-9.]*\) ms.*/\1/p")"

echo "== pycognito $("$py" -c 'import importlib.metadata as m; print(m.version("pycognito"))') =="
py_out="$("$py" - "$ROOT/tests/fixtures/srp/pycognito.json" "$ITERATIONS" <<'PY'
import json, sys, time
from pycognito.aws_srp import AWSSRP
case = json.load(open(sys.argv[1]))["cases"][0]
n = int(sys.argv[2])
params = {"USERNAME": case["user_id_for_srp"], "USER_ID_FOR_SRP": case["user_id_for_srp"],
          "SALT": case["salt_hex"], "SRP_B": case["srp_b_hex"], "SECRET_BLOCK": case["secret_block_b64"]}
def a_only():
    return AWSSRP(case["user_id_for_srp"], case["password"], case["pool_id"], "client", client=object())
def claim(aws):
    return aws.process_challenge(params, {"USERNAME": case["user_id_for_srp"]})
def timed(f, cpu=False):
    f()
    t, c = time.perf_counter(), time.process_time()
    for _ in range(n):
        f()
    wall, used = (time.perf_counter() - t) / n * 1000, (time.process_time() - c) / n * 1000
    return used if cpu else wall
aws = a_only()
print(f"srp_a (random a, g^a mod N):                {timed(a_only):8.3f} ms")
print(f"password_claim (u, x, S, HKDF, signature):  {timed(lambda: claim(aws)):8.3f} ms")
print(f"sign-in total (A + claim):                  {timed(lambda: claim(a_only())):8.3f} ms")
print(f"sign-in total, on-CPU:                      {timed(lambda: claim(a_only()), True):8.3f} ms")
PY
)"
echo "$py_out"

echo "== amazon-cognito-identity-js $(cd "$node_dir" && node -p 'require("amazon-cognito-identity-js/package.json").version') =="
js_out="$(NODE_PATH="$node_dir/node_modules" node - "$ROOT/tests/fixtures/srp/cognito-identity-js.json" "$ITERATIONS" <<'JS'
const fs = require('fs');
const { AuthenticationHelper } = require('amazon-cognito-identity-js');
const BigInteger = require('amazon-cognito-identity-js/lib/BigInteger').default;
const { createHmac } = require('crypto');
const c = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')).cases[0];
const n = Number(process.argv[3]);
const poolName = c.pool_id.split('_')[1];
// What CognitoUser.authenticateUser does for SRP: getLargeAValue, then
// getPasswordAuthenticationKey and the HMAC over pool name, user, SECRET_BLOCK, timestamp.
function aOnly() {
  const h = new AuthenticationHelper(poolName);
  let a; h.getLargeAValue((e, v) => { if (e) throw e; a = v; });
  return h;
}
function claim(h) {
  let sig;
  h.getPasswordAuthenticationKey(c.user_id_for_srp, c.password, new BigInteger(c.srp_b_hex, 16),
    new BigInteger(c.salt_hex, 16), (e, key) => {
      if (e) throw e;
      const mac = createHmac('sha256', Buffer.from(key));
      mac.update(Buffer.concat([Buffer.from(poolName), Buffer.from(c.user_id_for_srp),
        Buffer.from(c.secret_block_b64, 'base64'), Buffer.from(c.timestamp)]));
      sig = mac.digest('base64');
    });
  return sig;
}
function timed(f, cpu) {
  f();
  const t = process.hrtime.bigint();
  const c = process.cpuUsage();
  for (let i = 0; i < n; i++) f();
  const used = process.cpuUsage(c);
  return cpu ? (used.user + used.system) / 1e3 / n : Number(process.hrtime.bigint() - t) / 1e6 / n;
}
const h = aOnly();
const fmt = x => x.toFixed(3).padStart(8);
console.log(`srp_a (random a, g^a mod N):                ${fmt(timed(aOnly))} ms`);
console.log(`password_claim (u, x, S, HKDF, signature):  ${fmt(timed(() => claim(h)))} ms`);
console.log(`sign-in total (A + claim):                  ${fmt(timed(() => claim(aOnly())))} ms`);
console.log(`sign-in total, on-CPU:                      ${fmt(timed(() => claim(aOnly()), true))} ms`);
JS
)"
echo "$js_out"

total() { echo "$1" | sed -n "s/^sign-in total$2: *\([0-9.]*\) ms/\1/p"; }
echo "== ratios, this run: how many times cognito-tui's sign-in the other takes =="
for lib in pycognito identity-js; do
  if [ "$lib" = pycognito ]; then out="$py_out"; else out="$js_out"; fi
  awk -v l="$lib" -v w="$(total "$out" " (A + claim)")" -v c="$(total "$out" ", on-CPU")" \
    -v ow="$ours_wall" -v oc="$ours_cpu" \
    'BEGIN { printf "%-12s %7.1fx wall (%.2f vs %.3f ms), %7.1fx on-CPU (%.2f vs %.3f ms)\n", l, w / ow, w, ow, c / oc, c, oc }'
done
echo "load after: $(uptime)"
