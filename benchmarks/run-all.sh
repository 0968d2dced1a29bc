#!/usr/bin/env bash
# Copyright 2026 The tooltrace Authors
# SPDX-License-Identifier: Apache-2.0
#
# Runs every benchmark in one go and writes BENCHMARKS.md at the repository root:
#   1. per-call overhead, MooBench style (8 configurations x 2 variants x RUNS forked JVMs),
#   2. allocation per tracked call (per-thread counter, and JMH -prof gc),
#   3. sustained throughput of a burst from 1 and 2 threads, and what was dropped,
#   4. start-up time and RSS with each agent,
#   5. large arguments (1 KB .. 1 MB String and byte[]) and the cost per list element.
# Each configuration runs in its own JVM with its own flags; configurations are interleaved within
# each round so that a noisy neighbour hurts all of them alike.
#
# Usage: benchmarks/run-all.sh [--quick | --report-only]
#   --quick: tiny sizes, a smoke test of the script; --report-only: only rewrite BENCHMARKS.md
# Sizes can be overridden by environment variables: RUNS, WARMUP, ITERATIONS, WORK, BURST_CALLS,
# STARTUP_RUNS, ALLOC_CALLS, JVM_OPTS, JAVA (default: $JAVA_HOME/bin/java or java), BENCH_NOTE.
# SKIP_BUILD=1 skips the Maven build.
set -euo pipefail
export LC_ALL=C

ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
ARGS_TEXT="$*"
QUICK=0
if [[ "${1:-}" == "--quick" ]]; then QUICK=1; fi
# --report-only: rewrite BENCHMARKS.md from the last run's raw results (e.g. after editing the
# hand-written analysis in benchmarks/src/main/report/analysis.md).
if [[ "${1:-}" == "--report-only" ]]; then
  R="$ROOT/benchmarks/target/bench-results"
  exec "${JAVA:-java}" -cp "$ROOT/benchmarks/target/classes:$ROOT/benchmarks/target/lib/*" \
    dev.tooltrace.benchmarks.ReportWriter results="$R/results.tsv" jmh="$R/jmh.csv" \
    meta="$R/meta.txt" out="$ROOT/BENCHMARKS.md" \
    notes="$ROOT/benchmarks/src/main/report/analysis.md"
fi

if [[ $QUICK == 1 ]]; then
  : "${RUNS:=1}" "${WARMUP:=20000}" "${ITERATIONS:=20000}" "${BURST_CALLS:=200000}"
  : "${STARTUP_RUNS:=1}" "${ALLOC_CALLS:=200000}" "${JMH_TIME:=200ms}" "${JMH_ITER:=1}"
else
  : "${RUNS:=3}" "${WARMUP:=150000}" "${ITERATIONS:=300000}" "${BURST_CALLS:=5000000}"
  : "${STARTUP_RUNS:=5}" "${ALLOC_CALLS:=2000000}" "${JMH_TIME:=300ms}" "${JMH_ITER:=3}"
fi
: "${WORK:=100}" "${DEPTH:=10}" "${BATCHES:=5}" "${JVM_OPTS:=-Xms1g -Xmx1g}" "${BENCH_NOTE:=}"
if [[ -z "${JAVA:-}" ]]; then
  if [[ -n "${JAVA_HOME:-}" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi
fi
read -r -a JVM <<<"$JVM_OPTS"

log() { printf '[run-all %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }

START_SECONDS=$SECONDS
LOAD_START=$(cut -d' ' -f1-3 /proc/loadavg)

if [[ "${SKIP_BUILD:-0}" != 1 ]]; then
  log "building (mvn -B -q package -DskipTests)"
  mvn -B -q package -DskipTests
fi

AGENT="$ROOT/agent/target/tooltrace-agent.jar"
B="$ROOT/benchmarks/target"
OTEL_AGENT="$B/agents/opentelemetry-javaagent.jar"
KIEKER_AGENT="$B/agents/kieker-aspectj.jar"
AOP="$ROOT/benchmarks/src/main/kieker/aop.xml"
KIEKER_PROPS="$ROOT/benchmarks/src/main/kieker/kieker.properties"
CP="$B/classes:$B/lib/*"
for f in "$AGENT" "$OTEL_AGENT" "$KIEKER_AGENT"; do
  [[ -f "$f" ]] || { echo "run-all: missing $f (build first)" >&2; exit 2; }
done
# Chronicle outside the agent (QueueCount) needs these; the agent opens them for itself.
CHRONICLE_OPENS=(--add-opens=java.base/sun.nio.ch=ALL-UNNAMED
  --add-opens=java.base/java.lang.reflect=ALL-UNNAMED --add-opens=java.base/jdk.internal.ref=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
  --add-opens=java.base/java.util=ALL-UNNAMED --add-exports=java.base/jdk.internal.misc=ALL-UNNAMED
  --add-exports=java.base/jdk.internal.ref=ALL-UNNAMED --add-exports=java.base/sun.nio.ch=ALL-UNNAMED
  -Dchronicle.analytics.disable=true)

# Kieker 2.0.2 weaves with AspectJ 1.9.22.1, which does not weave for Java 23+ (its closures are
# never defined: NoClassDefFoundError MonitoredClass$AjcClosure1); its rows are skipped there.
JAVA_FEATURE=$("$JAVA" -XshowSettings:properties -version 2>&1 |
  sed -n 's/^ *java.specification.version = //p')
KIEKER_OK=1
if [[ "${JAVA_FEATURE:-0}" -gt 22 ]]; then KIEKER_OK=0; fi

rm -rf "$B/bench-results"
WORKDIR=$(mktemp -d "${TMPDIR:-/tmp}/tooltrace-bench.XXXXXX")
RESULTS="$WORKDIR/results.tsv"
LOGS="$WORKDIR/logs"
mkdir -p "$LOGS"
: >"$RESULTS"
SINK_PID=""
EXTRA=()
FLAGS=()

cleanup() {
  stop_sink
  mkdir -p "$B/bench-results"
  cp -f "$RESULTS" "$B/bench-results/" 2>/dev/null || true
  cp -rf "$LOGS" "$B/bench-results/" 2>/dev/null || true
  cp -f "$WORKDIR/jmh.csv" "$WORKDIR/meta.txt" "$B/bench-results/" 2>/dev/null || true
  rm -rf "$WORKDIR"
}
trap cleanup EXIT

# ---- the local OTLP/HTTP receiver -----------------------------------------------------------

start_sink() { # $1: count=true|false
  stop_sink
  rm -f "$WORKDIR/sink.port"
  "$JAVA" -Xmx256m -cp "$CP" dev.tooltrace.benchmarks.OtlpSink portFile="$WORKDIR/sink.port" \
    count="$1" >>"$LOGS/sink.log" 2>&1 &
  SINK_PID=$!
  for _ in $(seq 100); do [[ -f "$WORKDIR/sink.port" ]] && break; sleep 0.1; done
  SINK_PORT=$(cat "$WORKDIR/sink.port")
  export OTEL_EXPORTER_OTLP_ENDPOINT="http://127.0.0.1:$SINK_PORT"
}

stop_sink() {
  if [[ -n "$SINK_PID" ]]; then
    kill "$SINK_PID" 2>/dev/null || true
    wait "$SINK_PID" 2>/dev/null || true
    SINK_PID=""
  fi
}

sink_spans() { curl -s "http://127.0.0.1:$SINK_PORT/count" | cut -d' ' -f1; }

# Both tracers export over OTLP/HTTP to the sink; only traces matter.
export OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf
export OTEL_METRICS_EXPORTER=none OTEL_LOGS_EXPORTER=none OTEL_SERVICE_NAME=moobench

# ---- one configuration's JVM flags ----------------------------------------------------------
# Sets FLAGS for configuration $1; tooltrace queues and Kieker logs go to a fresh $RUNDIR.

config_flags() {
  local config=$1
  RUNDIR="$WORKDIR/run"
  rm -rf "$RUNDIR"
  mkdir -p "$RUNDIR"
  # export=otlp (the default) to the local sink, like the OpenTelemetry agent; no HTTP endpoint.
  local tt="-javaagent:$AGENT=dir=$RUNDIR/queue,http.enabled=false"
  case "$config" in
    none) FLAGS=() ;;
    tooltrace-disabled) FLAGS=("-javaagent:$AGENT=enabled=false") ;;
    tooltrace) FLAGS=("$tt") ;;
    tooltrace-startup) FLAGS=("-javaagent:$AGENT=dir=$RUNDIR/queue,http.port=0") ;;
    tooltrace-args) FLAGS=("$tt,capture.args=true") ;;
    tooltrace-noexport) FLAGS=("$tt,export=none") ;;
    otel) FLAGS=("-javaagent:$OTEL_AGENT") ;;
    kieker | kieker-off)
      cp "$KIEKER_PROPS" "$RUNDIR/kieker.properties"
      if [[ $config == kieker ]]; then
        mkdir -p "$RUNDIR/kieker"
        echo "kieker.monitoring.writer.filesystem.FileWriter.customStoragePath=$RUNDIR/kieker" \
          >>"$RUNDIR/kieker.properties"
      else
        printf '%s\n' kieker.monitoring.enabled=false \
          kieker.monitoring.writer=kieker.monitoring.writer.dump.DumpWriter \
          >>"$RUNDIR/kieker.properties"
      fi
      FLAGS=("-javaagent:$KIEKER_AGENT" -Dkieker.monitoring.skipDefaultAOPConfiguration=true
        "-Dorg.aspectj.weaver.loadtime.configuration=file://$AOP"
        "-Dkieker.monitoring.configuration=$RUNDIR/kieker.properties")
      ;;
    *) echo "unknown configuration $config" >&2; exit 2 ;;
  esac
}

# Runs main class $2 in configuration $1 with driver arguments $3...; a failure is recorded, not
# fatal, so one broken configuration still leaves a report of the others.
run_jvm() {
  local config=$1 main=$2 short name rc=0
  shift 2
  short=${main##*.}
  if [[ $config == kieker* && $KIEKER_OK == 0 ]]; then
    printf 'fail\t%s\t%s\t%s\n' "$config" "$short" \
      "skipped: Kieker 2.0.2 (AspectJ 1.9.22.1) does not weave on Java $JAVA_FEATURE" >>"$RESULTS"
    return
  fi
  name="$config-$short-$(date +%s%N)"
  "$JAVA" "${JVM[@]}" ${FLAGS[@]+"${FLAGS[@]}"} ${EXTRA[@]+"${EXTRA[@]}"} -cp "$CP" "$main" \
    config="$config" out="$RESULTS" "$@" >"$LOGS/$name.log" 2>&1 || rc=$?
  if [[ $rc != 0 ]]; then
    printf 'fail\t%s\t%s\t%s\n' "$config" "$short" \
      "exit $rc (log: benchmarks/target/bench-results/logs/$name.log)" >>"$RESULTS"
    log "FAILED: $config $short, exit $rc (see $LOGS/$name.log)"
    tail -5 "$LOGS/$name.log" >&2 || true
  fi
}

# ---- 1. per-call overhead -------------------------------------------------------------------

CONFIGS=(none tooltrace-disabled tooltrace tooltrace-args tooltrace-noexport otel kieker kieker-off)
start_sink false
for variant in nowork work; do
  w=0
  [[ $variant == work ]] && w=$WORK
  for run in $(seq "$RUNS"); do
    for config in "${CONFIGS[@]}"; do
      log "overhead $variant run $run/$RUNS: $config"
      config_flags "$config"
      run_jvm "$config" dev.tooltrace.benchmarks.OverheadDriver variant=$variant work=$w \
        depth="$DEPTH" warmup="$WARMUP" iterations="$ITERATIONS" batches="$BATCHES"
      rm -rf "$RUNDIR"
    done
  done
done

# ---- 2. allocation --------------------------------------------------------------------------

log "allocation: per-thread counter"
config_flags tooltrace
run_jvm tooltrace dev.tooltrace.benchmarks.HotPathAllocation warmup="$ALLOC_CALLS" \
  calls="$ALLOC_CALLS"
rm -rf "$RUNDIR"

log "allocation: JMH -prof gc"
config_flags tooltrace
# A disk budget as a safety valve: every tracked call of every JMH iteration is queued.
JMH_AGENT="-javaagent:$AGENT=dir=$RUNDIR/queue,export=none,http.enabled=false,disk.max.bytes=3GB"
if ! "$JAVA" -cp "$CP" org.openjdk.jmh.Main 'dev.tooltrace.benchmarks.jmh.AllocationBenchmark' \
  -prof gc -f 1 -wi "$JMH_ITER" -i "$JMH_ITER" -w "$JMH_TIME" -r "$JMH_TIME" \
  -jvmArgsAppend "$JVM_OPTS $JMH_AGENT" -rf csv -rff "$WORKDIR/jmh.csv" \
  >"$LOGS/jmh.log" 2>&1; then
  printf 'fail\tjmh\tAllocationBenchmark\tsee benchmarks/target/bench-results/logs/jmh.log\n' \
    >>"$RESULTS"
  log "FAILED: JMH (see $LOGS/jmh.log)"
fi
rm -rf "$RUNDIR"

# ---- 3. sustained throughput ----------------------------------------------------------------

for config in tooltrace otel; do
  for threads in 1 2; do
    log "burst: $config, $threads thread(s), $BURST_CALLS calls"
    start_sink true
    config_flags "$config"
    run_jvm "$config" dev.tooltrace.benchmarks.BurstDriver threads="$threads" \
      calls="$BURST_CALLS" depth="$DEPTH"
    received=$(sink_spans)
    recorded=-1
    if [[ $config == tooltrace ]]; then
      recorded=$("$JAVA" "${CHRONICLE_OPENS[@]}" -cp "$CP" dev.tooltrace.benchmarks.QueueCount \
        dir="$RUNDIR/queue" 2>>"$LOGS/queuecount.log" | cut -f1)
      [[ -n "$recorded" ]] || recorded=-1
    fi
    printf 'delivered\t%s\t%s\t%s\t%s\n' "$config" "$threads" "$recorded" "$received" \
      >>"$RESULTS"
    rm -rf "$RUNDIR"
  done
done

# ---- 4. start-up ----------------------------------------------------------------------------

start_sink false
for run in $(seq "$STARTUP_RUNS"); do
  for config in none tooltrace-disabled tooltrace otel kieker; do
    log "start-up run $run/$STARTUP_RUNS: $config"
    # The default configuration (export and HTTP endpoint on), on a free port.
    if [[ $config == tooltrace ]]; then config_flags tooltrace-startup; else config_flags "$config"; fi
    EXTRA=("-Dbench.launchNanos=$(date +%s%N)")
    run_jvm "$config" dev.tooltrace.benchmarks.StartupProbe
    EXTRA=()
    rm -rf "$RUNDIR"
  done
done
stop_sink

# ---- large arguments and cost per element (issue 20, issue 14; branch values) -----------------
# LargeArgsDriver: O(1) tools on a 1 KB / 64 KB / 1 MB String and byte[], and on lists of 0..1024
# strings, with no agent, tooltrace (default capture, exporting to the sink), tooltrace with the
# budget off (capture.budget.micros=0) and the OpenTelemetry agent, interleaved per run. Rows: largeargs <config> <case> <size> <nsPerCall> <threadCpuNs>;
# LargeArgsSection renders them. Skipped when ONLY names other sections.
if [[ -z "${ONLY:-}" || " ${ONLY:-} " == *" largeargs "* ]]; then
  : "${LARGE_CALLS:=$([[ $QUICK == 1 ]] && echo 5000 || echo 100000)}"
  start_sink false
  for run in $(seq "$RUNS"); do
    for config in none tooltrace tooltrace-exact otel; do
      log "large arguments run $run/$RUNS: $config"
      if [[ $config == tooltrace-exact ]]; then
        # The budget off: every value hashed exactly, every element looked at (cost per element).
        config_flags tooltrace
        FLAGS=("${FLAGS[0]},capture.budget.micros=0")
      else
        config_flags "$config"
      fi
      run_jvm "$config" dev.tooltrace.benchmarks.LargeArgsDriver warmup="$LARGE_CALLS" \
        calls="$LARGE_CALLS"
      rm -rf "$RUNDIR"
    done
  done
  stop_sink
fi

# ---- report ---------------------------------------------------------------------------------

ELAPSED=$((SECONDS - START_SECONDS))
{
  echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "duration=$((ELAPSED / 60)) min $((ELAPSED % 60)) s"
  echo "command=benchmarks/run-all.sh${ARGS_TEXT:+ $ARGS_TEXT}   # RUNS=$RUNS WARMUP=$WARMUP ITERATIONS=$ITERATIONS WORK=$WORK BURST_CALLS=$BURST_CALLS STARTUP_RUNS=$STARTUP_RUNS"
  echo "nproc=$(nproc)"
  echo "jvmOpts=$JVM_OPTS"
  echo "loadStart=$LOAD_START"
  echo "loadEnd=$(cut -d' ' -f1-3 /proc/loadavg)"
  echo "commit=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)$(git diff --quiet 2>/dev/null || echo ' (uncommitted changes)')"
  echo "note=$BENCH_NOTE"
  echo "depth=$DEPTH"
  echo "warmup=$WARMUP"
  echo "iterations=$ITERATIONS"
  echo "runs=$RUNS"
  echo "work=$WORK"
  echo "burstCalls=$BURST_CALLS"
  echo "startupRuns=$STARTUP_RUNS"
  echo "allocCalls=$ALLOC_CALLS"
  echo "jmhAgent=-javaagent:tooltrace-agent.jar=export=none,http.enabled=false,disk.max.bytes=3GB"
} >"$WORKDIR/meta.txt"
"$JAVA" -cp "$CP" dev.tooltrace.benchmarks.ReportWriter results="$RESULTS" \
  jmh="$WORKDIR/jmh.csv" meta="$WORKDIR/meta.txt" out="$ROOT/BENCHMARKS.md" \
  notes="$ROOT/benchmarks/src/main/report/analysis.md"
log "wrote $ROOT/BENCHMARKS.md in $((ELAPSED / 60)) min $((ELAPSED % 60)) s (raw results: $B/bench-results)"
