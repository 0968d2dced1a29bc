#!/usr/bin/env bash
# Copyright 2026 The tooltrace Authors
# SPDX-License-Identifier: Apache-2.0
#
# What the hash chain and capture.cost cost per call, with the packaged agent (MooBench-style
# OverheadDriver, export=none so that only the recording path is compared), plus the chain per
# document in isolation (ChainCostProbe). Configurations, interleaved RUNS times:
#   base      BASE_AGENT (optional: an agent jar built without the chain, e.g. from main)
#   chain     this agent, default (chain on, capture.cost off)
#   nochain   this agent, audit.chain=false
#   cost      this agent, capture.cost=true (chain on)
# at depth 1 (every call its own document) and depth 10 (ten calls per document).
# Prints a markdown table on stdout. Build first: mvn -B -q package -DskipTests -pl benchmarks,agent -am
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
B="$ROOT/benchmarks/target"
CP="$B/classes:$B/lib/*"
AGENT="$ROOT/agent/target/tooltrace-agent.jar"
: "${RUNS:=3}" "${WARMUP:=200000}" "${ITERATIONS:=1000000}" "${JAVA:=java}" "${BASE_AGENT:=}"
WORKDIR=$(mktemp -d "$B/audit-cost.XXXXXX")
trap 'rm -rf "$WORKDIR"' EXIT
RESULTS="$WORKDIR/results.tsv"
OPENS=(--add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED
  --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-exports=java.base/sun.nio.ch=ALL-UNNAMED -Dchronicle.analytics.disable=true)

configs=(chain nochain cost)
[[ -n "$BASE_AGENT" ]] && configs=(base "${configs[@]}")
for run in $(seq "$RUNS"); do
  for depth in 1 10; do
    for c in "${configs[@]}"; do
      q="$WORKDIR/q"
      rm -rf "$q"
      common="dir=$q,export=none,http.enabled=false,sample.interval=0"
      case $c in
        base) flag="-javaagent:$BASE_AGENT=$common" ;;
        chain) flag="-javaagent:$AGENT=$common" ;;
        nochain) flag="-javaagent:$AGENT=$common,audit.chain=false" ;;
        cost) flag="-javaagent:$AGENT=$common,capture.cost=true" ;;
      esac
      echo "[audit-cost] run $run depth $depth $c" >&2
      "$JAVA" -Xms1g -Xmx1g "$flag" -cp "$CP" dev.tooltrace.benchmarks.OverheadDriver \
        config="$c" variant="depth$depth" out="$RESULTS" warmup="$WARMUP" \
        iterations="$((ITERATIONS / depth))" batches=5 depth="$depth" work=0 >/dev/null 2>&1
    done
  done
done
rm -rf "$WORKDIR/q"
echo "[audit-cost] chain per document (ChainCostProbe)" >&2
"$JAVA" "${OPENS[@]}" -Xms1g -Xmx1g -cp "$CP" dev.tooltrace.benchmarks.ChainCostProbe \
  dir="$WORKDIR/probe" docs=200000 rounds=5 2>/dev/null >"$WORKDIR/probe.tsv"

python3 - "$RESULTS" "$WORKDIR/probe.tsv" <<'PY'
import sys, statistics, collections
rows = collections.defaultdict(list)
for line in open(sys.argv[1]):
    f = line.rstrip("\n").split("\t")
    if f[0] != "overhead":
        continue
    rows[(f[2], f[1])].append((float(f[3]), float(f[5])))
print("| calls per document | configuration | ns/call (median, min–max) | thread CPU ns/call |")
print("|---|---|---|---|")
for depth in ("depth1", "depth10"):
    for c in ("base", "nochain", "chain", "cost"):
        v = rows.get((depth, c))
        if not v:
            continue
        ns = [x[0] for x in v]; cpu = [x[1] for x in v]
        print(f"| {depth[5:]} | {c} | {statistics.median(ns):.0f} ({min(ns):.0f}–{max(ns):.0f}) | {statistics.median(cpu):.0f} |")
print()
print("| appending threads | document bytes | plain ns/doc | chained ns/doc | chain ns/doc | plain thread CPU | chained thread CPU |")
print("|---|---|---|---|---|---|---|")
for line in open(sys.argv[2]):
    f = line.split("\t")
    if f[0] == "chain":
        print(f"| {f[1]} | {f[2]} | {float(f[3]):.0f} | {float(f[4]):.0f} | {float(f[5]):.0f} | {float(f[6]):.0f} | {float(f[7]):.0f} |")
PY
