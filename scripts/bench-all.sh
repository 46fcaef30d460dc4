#!/usr/bin/env bash
# Every figure of the README's benchmark table in one run, each with the reference it is
# compared against measured in the same run, then the table in Markdown. Local only: a
# ministack on 127.0.0.1 started by scripts/bench-scale.py, never AWS.
#
#   scripts/bench-all.sh                 # 10,000 users for the scale rows (about 10 minutes)
#   USERS=100000 scripts/bench-all.sh    # the README's 100k figures (seeding alone ~12 min)
#
# Rows and their references: the screen figures (criterion, benches/scale.rs) against their
# goals; the listing through the gateway against bare SDK calls (alternating rounds); the
# export with groups against the same export with --no-groups (3,000 users, 5 groups); SRP
# against the other arithmetics (aws-lc, crypto-bigint alone), pycognito and
# amazon-cognito-identity-js (scripts/bench-srp.sh);
# bulk writes against Cognito's UserUpdate quota (the time 10,000 users take at the pace the
# run starts with). SRP_BENCH_PYTHON / SRP_BENCH_NODE_DIR reuse installs (see bench-srp.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
USERS="${USERS:-10000}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

echo "load before: $(uptime)"
cargo build -q --release --bin cognito-tui --example bench_list --example srp_ab --example export_memory
echo "== screen (criterion, benches/scale.rs) =="
cargo bench -q --bench scale -- --warm-up-time 1 --measurement-time 3 2>/dev/null \
  | grep -E "^[a-z/].*|time:" | tee "$out/scale"
echo "== export's group map, 1,000,000 memberships (examples/export_memory.rs) =="
target/release/examples/export_memory | tee "$out/groupmap"
echo "== SRP (scripts/bench-srp.sh) =="
scripts/bench-srp.sh | tee "$out/srp"
echo "== export, then scale, $USERS users (scripts/bench-scale.py) =="
scripts/bench-scale.py --users "$USERS" --rounds 3 | tee "$out/list"
echo "load after: $(uptime)"

# The middle of criterion's "time: [low mid high]" after the line naming the bench, in ms.
crit() {
  awk -v name="$1" '
    index($0, name) { found = 1 }
    found && /time:/ {
      t = substr($0, index($0, "time:")); gsub(/[\[\]]/, "", t); split(t, f, " ")
      v = f[4]; u = f[5]
      if (u == "µs") v /= 1000; else if (u == "ns") v /= 1e6; else if (u == "s") v *= 1000
      printf "%.2f", v; exit
    }' "$out/scale"
}
frame="$(crit "users pane frame")"
filter="$(crit "filter over 100k")"
key="$(crit "key press")"
listing="$(sed -n 's/^listing (median of [0-9]*): gateway \([0-9.]*\) s, bare SDK \([0-9.]*\) s, ratio \([0-9.]*\)x.*/\1 s vs \2 s: \3×/p' "$out/list")"
export_row="$(sed -n 's/^export of [0-9]* users, .*: with groups \([0-9.]*\) s, --no-groups \([0-9.]*\) s, ratio \([0-9.]*\)x.*/\1 s vs \2 s: \3×/p' "$out/list")"
export_pool="$(sed -n 's/^export of \([0-9]*\) users, \([0-9]*\) groups (\([0-9]*\) memberships).*/\1 users in \2 groups (\3 memberships)/p' "$out/list")"
paced="$(sed -n 's/^listing with the default pacing.*: \([0-9]*\) users in \([0-9.]*\) s (\([0-9.]*\) pages\/s)/\2 s (\3 pages\/s, goal 25)/p' "$out/list")"
seed="$(sed -n 's/^seeded \([0-9]*\) users in \([0-9.]*\) s: \([0-9]*\) users\/s.*/\3 users\/s (\2 s)/p' "$out/list")"
memory="$(sed -n 's/.*VmRSS \([0-9.]*\) MiB at the pool list -> \([0-9.]*\) MiB.*/\2 MiB (\1 MiB at the pool list)/p' "$out/list")"
groupmap="$(sed -n 's/^group map, \([0-9]*\) users in \([0-9]\) of 5 groups .*: \([0-9.]*\) MiB held, \([0-9.]*\) MiB peak.*/\1 users in \2: \3 MiB held, \4 MiB peak/p' "$out/groupmap" | paste -sd';' - | sed 's/;/; /g')"
arith="$(sed -n 's/^sign-ins here run on: //p' "$out/srp")"
srp_ab="$(sed -n "s/^\([a-z0-9-]*\) \/ $arith: \([0-9.]*\)x (wall medians).*/\1 \2×/p" "$out/srp" | paste -sd, - | sed 's/,/, /g')"
ours="$(sed -n "s/^sign-in total, $arith .*wall: median \([0-9.]*\) ms.*on-CPU: median \([0-9.]*\) ms/\1 ms wall, \2 ms on-CPU ($arith)/p" "$out/srp")"
py="$(sed -n 's/^pycognito  *\([0-9.]*\)x wall.*,  *\([0-9.]*\)x on-CPU.*/\1× wall, \2× on-CPU/p' "$out/srp")"
js="$(sed -n 's/^identity-js  *\([0-9.]*\)x wall.*,  *\([0-9.]*\)x on-CPU.*/\1× wall, \2× on-CPU/p' "$out/srp")"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == 0) print "?"; else printf "%.2f×", a / b }'; }

cat <<EOF

| what (release, this run) | result | against, same run |
|---|---|---|
| one frame of the users pane, 100k users loaded, 200×50 | $frame ms | $(ratio "$frame" 2) of the 2 ms goal |
| \`/\` local filter over 100k rows | $filter ms | $(ratio "$filter" 20) of the 20 ms goal |
| key press (update + render), ListUsers in flight, 100k loaded | $key ms | $(ratio "$key" "$frame") of one frame |
| seeding $USERS users into ministack (AdminCreateUser, 16 in flight, boto3) | $seed | — (the emulator's pace) |
| listing $USERS users, gateway (pacing off) vs bare SDK, median of 3 alternating rounds | $listing | goal ≤ 1.05× |
| listing $USERS users with the default pacing (ListUsers 25/s) | $paced | — |
| \`export\` (release binary) of $export_pool, with groups vs \`--no-groups\`, median of 3 alternating rounds | $export_row | goal ≤ 2.5× |
| \`export\`'s username → groups map, 1,000,000 memberships (heap, counting allocator) | $groupmap | the earlier estimate: 150–200 MB |
| TUI resident memory (VmRSS), every page of $USERS users loaded | $memory | — |
| SRP sign-in, client work (A + claim) | $ours | slower here: $srp_ab; pycognito $py; identity-js $js |
| bulk writes, 10,000 users at the UserUpdate quota (25/s), computed, not measured | 400 s (6 min 40 s) | at the previous 10/s: 1,000 s (2.5× longer) |
EOF
