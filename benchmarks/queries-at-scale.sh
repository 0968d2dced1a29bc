#!/usr/bin/env bash
# Copyright 2026 The tooltrace Authors
# SPDX-License-Identifier: Apache-2.0
#
# "Queries at scale": runs the fan-in generator (examples/.../scale/FanInPipeline) under the agent
# for each size, then times the query commands (seconds and peak RSS, /usr/bin/time -v) with the
# CLI limited to -Xmx512m: "after" answers from the persistent index (its first build timed
# separately, split into reading the queue and linking), "before" reads the whole queue as the CLI
# did before the index (BEFORE_JAR: an agent jar built from main without the index; without it,
# this jar with --no-index). Each query runs RUNS times; the table shows the median. A phase table
# (-Dtooltrace.timing=true) shows where the time of one run goes.
# Writes benchmarks/src/main/report/queries-at-scale.md.
#
# Usage: benchmarks/queries-at-scale.sh            (sizes 1000000 10000000)
#   SIZES="100000" benchmarks/queries-at-scale.sh  (a quick check)
# Env: SIZES, BEFORE_SIZES (sizes that get a "before" column, default 1000000), WORK (default
#      target/queries-at-scale; queues and indexes, deleted afterwards unless KEEP=1), BEFORE_JAR,
#      TIMEOUT (per command, default 900 s), BEFORE_TIMEOUT (default 600 s), RUNS (default 3),
#      SKIP_BUILD=1, AGENT (default agent/target/tooltrace-agent.jar).
set -euo pipefail
export LC_ALL=C
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
: "${SIZES:=1000000 10000000}" "${BEFORE_SIZES:=1000000}" "${WORK:=$ROOT/target/queries-at-scale}"
: "${TIMEOUT:=900}" "${BEFORE_TIMEOUT:=600}" "${RUNS:=3}"
OUT="$ROOT/benchmarks/src/main/report/queries-at-scale.md"
log() { printf '[queries-at-scale %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  log "building (mvn -B -q package -DskipTests -pl agent,examples -am)"
  mvn -B -q package -DskipTests -pl agent,examples -am
fi
# The index engine is found beside the agent jar (tooltrace-index.jar and DuckDB's native library).
# AGENT may name a copy (with tooltrace-index.jar and the native library beside it), so that
# rebuilding the tree during a long run does not replace the jar under the running commands.
: "${AGENT:=$ROOT/agent/target/tooltrace-agent.jar}"
CP="$ROOT/examples/target/tooltrace-examples-0.1.0-SNAPSHOT.jar:$ROOT/bootstrap/target/tooltrace-bootstrap-0.1.0-SNAPSHOT.jar"
mkdir -p "$WORK"
RESULTS="$WORK/results.tsv"
PHASES="$WORK/phases.tsv"
: >"$RESULTS"
: >"$PHASES"

# once TIMEOUT TIMEFILE JAR ARGS...: one timed run; prints "seconds rss_mb status"
once() {
  local timeout=$1 t=$2 jar=$3
  shift 3
  local status=ok
  if ! timeout "$timeout" /usr/bin/time -v -o "$t" java -Xmx512m -Dtooltrace.timing=true \
    -jar "$jar" "$@" >"$WORK/out.txt" 2>"$WORK/err.txt"; then
    status=failed
    grep -q OutOfMemoryError "$WORK/err.txt" && status=OOM
    grep -q "Command terminated by signal\|timed out" "$t" 2>/dev/null && status=timeout
    [[ -s "$t" ]] || status=timeout
  fi
  local secs rss
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/{n=split($2,a,":"); s=0; for(i=1;i<=n;i++) s=s*60+a[i]; print s}' "$t" 2>/dev/null || echo "")
  rss=$(awk -F': ' '/Maximum resident set size/{printf "%.0f", $2/1024}' "$t" 2>/dev/null || echo "")
  echo "${secs:-?} ${rss:-?} $status"
}

# measure LABEL SIZE VARIANT RUNS TIMEOUT JAR ARGS...: rows "size variant label seconds rss status"
# (median of RUNS by seconds), and the phases of the median run.
measure() {
  local label=$1 size=$2 variant=$3 runs=$4 timeout=$5 jar=$6
  shift 6
  local rows=() i
  for ((i = 0; i < runs; i++)); do
    read -r s r st < <(once "$timeout" "$WORK/time.txt" "$jar" "$@")
    rows+=("$s $r $st")
    cp "$WORK/err.txt" "$WORK/err.$i.txt"
    [[ $st == ok ]] || break
  done
  local med
  med=$(printf '%s\n' "${rows[@]}" | sort -n -k1,1 | awk -v n="${#rows[@]}" 'NR==int((n+1)/2)')
  read -r s r st <<<"$med"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$variant" "$label" "$s" "$r" "$st" >>"$RESULTS"
  log "$size $variant $label: $s s, $r MB, $st (runs: ${rows[*]})"
  for ((i = 0; i < ${#rows[@]}; i++)); do
    if [[ "${rows[$i]}" == "$med" ]]; then
      { grep '^tooltrace timing:' "$WORK/err.$i.txt" || true; } |
        sed -E 's/^tooltrace timing: (.*) at ([0-9]+) ms.*/\1\t\2/' |
        awk -F'\t' -v sz="$size" -v v="$variant" -v l="$label" '{printf "%s\t%s\t%s\t%s\t%s\n", sz, v, l, $1, $2}' >>"$PHASES"
      break
    fi
  done
}

for N in $SIZES; do
  Q="$WORK/q$N"
  IDX="$WORK/idx$N"
  if [[ ! -d "$Q" ]]; then
    log "generating $N calls into $Q"
    /usr/bin/time -v -o "$WORK/gen$N.txt" java \
      "-javaagent:$AGENT=dir=$Q,export=none,http.enabled=false,sample.interval=0" \
      -cp "$CP" dev.tooltrace.examples.scale.FanInPipeline "calls=$N" >&2
  fi
  rm -rf "$IDX"
  measure "index build (first command: read the queue, link)" "$N" after 1 "$TIMEOUT" "$AGENT" stats --dir "$Q" --index "$IDX"
  java -jar "$AGENT" show --dir "$Q" --index "$IDX" --tool scale.process --limit 1 --json >"$WORK/p.json"
  read -r COUNT LOAD < <(python3 -c '
import json,sys
t=json.load(open(sys.argv[1]))["traces"][0]["roots"][0]
kids={c["tool"]:c["spanId"] for c in t["children"]}
print(kids["scale.count"], kids["scale.load"])' "$WORK/p.json")
  for v in after before; do
    jar="$AGENT"
    extra=(--index "$IDX")
    runs=$RUNS
    timeout=$TIMEOUT
    if [[ $v == before ]]; then
      [[ " $BEFORE_SIZES " == *" $N "* ]] || continue
      runs=1
      timeout=$BEFORE_TIMEOUT
      if [[ -n "${BEFORE_JAR:-}" ]]; then
        jar="$BEFORE_JAR"
        extra=()
      else
        extra=(--no-index)
      fi
    fi
    measure "stats" "$N" $v $runs "$timeout" "$jar" stats --dir "$Q" "${extra[@]}"
    measure "show --tool scale.merge --limit 20" "$N" $v $runs "$timeout" "$jar" show --dir "$Q" --tool scale.merge --limit 20 "${extra[@]}"
    measure "lineage (a count)" "$N" $v $runs "$timeout" "$jar" lineage "$COUNT" --dir "$Q" "${extra[@]}"
    measure "impact (a load)" "$N" $v $runs "$timeout" "$jar" impact "$LOAD" --dir "$Q" "${extra[@]}"
  done
  du -sm "$Q" "$IDX" | awk -v n="$N" '{printf "%s\tsize\t%s\t%s\t\t\n", n, $2, $1}' >>"$RESULTS"
  [[ "${KEEP:-0}" == 1 ]] || rm -rf "$Q" "$IDX"
done

{
  echo "## Queries at scale"
  echo
  echo "Generated by \`benchmarks/queries-at-scale.sh\` on $(date -u +%Y-%m-%d) ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg) at the end; other engineers' builds shared the machine)."
  echo "Queue: \`FanInPipeline\` (per document process → load → tokenize → count, a merge of every"
  echo "100 documents' counts). Every command runs as \`java -Xmx512m -jar tooltrace-agent.jar …\`;"
  echo "seconds are wall clock including JVM start (median of $RUNS runs; one run for the build and"
  echo "for \"before\"), memory is peak resident set (JVM heap and DuckDB's native memory)."
  if [[ -n "${BEFORE_JAR:-}" ]]; then
    echo "\"before\" reads the whole queue (the CLI of main without the index: $(basename "$BEFORE_JAR")), \"after\" answers from the index."
  else
    echo "\"before\" reads the whole queue (this CLI with --no-index), \"after\" answers from the index."
  fi
  echo
  echo "| calls | command | before s | before MB | after s | after MB |"
  echo "|---:|---|---:|---:|---:|---:|"
  python3 - "$RESULTS" <<'PY'
import sys, collections
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
cells = collections.OrderedDict()
for size, variant, label, secs, rss, status in rows:
    if variant == "size":
        continue
    cells.setdefault((size, label), {})
    val = (secs, rss) if status == "ok" else (status + (" after " + secs + " s" if secs not in ("", "?") else ""), rss)
    cells[(size, label)][variant] = val
for (size, label), v in cells.items():
    b = v.get("before", ("-", "-"))
    a = v.get("after", ("-", "-"))
    print(f"| {int(size):,} | {label} | {b[0]} | {b[1]} | {a[0]} | {a[1]} |")
print()
for size, variant, label, secs, rss, status in rows:
    if variant == "size":
        print(f"- {int(size):,} calls: {label.split('/')[-1]} {secs} MB on disk")
PY
  echo
  echo "Where the time of the median \"after\" run goes (ms since the JVM started, \`-Dtooltrace.timing=true\`):"
  echo
  python3 - "$PHASES" <<'PY'
import sys, collections
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1]) if l.strip()]
want = ["command parsed", "index opened", "queues checked for new documents", "linked", "answered"]
by = collections.OrderedDict()
for size, variant, label, phase, ms in rows:
    if variant != "after":
        continue
    if phase.startswith("source ") or phase.startswith("queue opened"):
        phase = "queue opened"
    by.setdefault((size, label), {})[phase] = ms
cols = ["command parsed", "index opened", "queue opened", "queues checked for new documents", "linked", "answered"]
print("| calls | command | " + " | ".join(cols) + " |")
print("|---:|---|" + "---:|" * len(cols))
for (size, label), p in by.items():
    print(f"| {int(size):,} | {label} | " + " | ".join(p.get(c, "-") for c in cols) + " |")
PY
  NOTES="$ROOT/benchmarks/src/main/report/queries-at-scale-notes.md"
  [[ -f "$NOTES" ]] && cat "$NOTES"
} >"$OUT"
log "wrote $OUT"
