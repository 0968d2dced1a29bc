#!/usr/bin/env bash
# Copyright 2026 The tooltrace Authors
# SPDX-License-Identifier: Apache-2.0
#
# Runs every benchmark in one go and writes BENCHMARKS.md at the repository root:
#   1. per-call overhead, MooBench style (8 configurations x 2 variants x RUNS forked JVMs),
#   1b. flat outermost calls with a String argument (issue 16: the pipeline shape),
#   2. allocation per tracked call (per-thread counter, and JMH -prof gc),
#   3. sustained throughput of a burst from 1 and 2 threads, and what was dropped,
#   4. start-up time and RSS with each agent,
#   5. a short batch job: wall time to exit and peak RSS (issue 16),
#   6. the export drain (benchmarks/drain.sh, owned by the exporter work),
#   7. large arguments (1 KB .. 1 MB String and byte[]) and the cost per list element,
#   8. the hash chain and capture.cost per call (depth 1 and 10), and the chain per document.
# Each configuration runs in its own JVM with its own flags; configurations are interleaved within
# each round so that a noisy neighbour hurts all of them alike.
#
# Usage: benchmarks/run-all.sh [--quick | --report-only]
#   --quick: tiny sizes, a smoke test of the script; --report-only: only rewrite BENCHMARKS.md
# Sizes can be overridden by environment variables: RUNS, WARMUP, ITERATIONS, WORK, BURST_CALLS,
# STARTUP_RUNS, ALLOC_CALLS, FLAT_WARMUP, FLAT_CALLS, SHORT_RUNS, SHORT_CALLS, SHORT_WORK, JVM_OPTS,
# JAVA (default: $JAVA_HOME/bin/java or java), BENCH_NOTE. SKIP_BUILD=1 skips the Maven build.
# LARGE_CALLS, CHAIN_DOCS, CHAIN_ROUNDS.
# ONLY="overhead flat alloc burst startup shortjob drain largeargs chaincost" runs only the named sections (the report
# then shows the others as not measured): for quick looks while working, not for BENCHMARKS.md.
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
  : "${FLAT_WARMUP:=20000}" "${FLAT_CALLS:=50000}" "${SHORT_RUNS:=1}"
else
  : "${RUNS:=3}" "${WARMUP:=150000}" "${ITERATIONS:=300000}" "${BURST_CALLS:=5000000}"
  : "${STARTUP_RUNS:=5}" "${ALLOC_CALLS:=2000000}" "${JMH_TIME:=300ms}" "${JMH_ITER:=3}"
  : "${FLAT_WARMUP:=300000}" "${FLAT_CALLS:=1000000}" "${SHORT_RUNS:=5}"
fi
# The short job: 200 calls of 450k LCG steps and a summary (201 tracked calls, ~0.14 s).
: "${SHORT_CALLS:=200}" "${SHORT_WORK:=450000}" "${ONLY:=}"
: "${WORK:=100}" "${DEPTH:=10}" "${BATCHES:=5}" "${JVM_OPTS:=-Xms1g -Xmx1g}" "${BENCH_NOTE:=}"
if [[ -z "${JAVA:-}" ]]; then
  if [[ -n "${JAVA_HOME:-}" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi
fi
read -r -a JVM <<<"$JVM_OPTS"

log() { printf '[run-all %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
# Whether section $1 runs (all of them unless ONLY names some).
section() { [[ -z "$ONLY" || " $ONLY " == *" $1 "* ]]; }
# The load average before each section, in the report: the machine is shared.
load_note() { printf 'load\t%s\t%s\n' "$1" "$(cut -d' ' -f1-3 /proc/loadavg)" >>"$RESULTS"; }

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
    # The short job with defaults (export on, HTTP endpoint on a free port) and with export=none.
    tooltrace-nocollector) FLAGS=("-javaagent:$AGENT=dir=$RUNDIR/queue,http.port=0") ;;
    tooltrace-job-noexport) FLAGS=("-javaagent:$AGENT=dir=$RUNDIR/queue,http.port=0,export=none") ;;
    # The recording path only (section 8): the chain off, default (chain on), capture.cost on.
    chain-*)
      local rec="$tt,export=none,sample.interval=0"
      case "$config" in
        chain-off) FLAGS=("$rec,audit.chain=false") ;;
        chain-on) FLAGS=("$rec") ;;
        chain-cost) FLAGS=("$rec,capture.cost=true") ;;
        *) echo "unknown configuration $config" >&2; exit 2 ;;
      esac
      ;;
    otel | otel-noexport) FLAGS=("-javaagent:$OTEL_AGENT") ;;
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
section overhead && load_note overhead
section overhead && for variant in nowork work; do
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

# ---- 1b. flat outermost calls (issue 16) -----------------------------------------------------
# A loop of outermost calls to one tool taking a 60-char String (hashed and previewed by default):
# every call is its own outermost call, the shape of a pipeline, unlike MooBench's recursion.

FLAT_CONFIGS=(none tooltrace tooltrace-noexport otel kieker)
section flat && load_note flat
section flat && for run in $(seq "$RUNS"); do
  for config in "${FLAT_CONFIGS[@]}"; do
    log "flat calls run $run/$RUNS: $config"
    config_flags "$config"
    run_jvm "$config" dev.tooltrace.benchmarks.FlatCallDriver warmup="$FLAT_WARMUP" \
      calls="$FLAT_CALLS" batches="$BATCHES"
    rm -rf "$RUNDIR"
  done
done

# ---- 2. allocation --------------------------------------------------------------------------

section alloc && load_note alloc
section alloc && {
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
}

# ---- 3. sustained throughput ----------------------------------------------------------------

section burst && load_note burst
section burst && for config in tooltrace otel; do
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
section startup && load_note startup
section startup && for run in $(seq "$STARTUP_RUNS"); do
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

# ---- 5. short job (issue 16) ------------------------------------------------------------------
# 201 tracked calls in ~0.14 s: wall time from just before exec java to the exit (shutdown hooks
# included) and peak RSS (GNU time's maximum resident set; -1 without /usr/bin/time). tooltrace
# with export=none, and with defaults while no collector listens (the endpoint is a loopback port
# nobody listens on: the sink's, after it stopped); the OpenTelemetry agent with its exporters off
# (as in the issue's table); Kieker's binary writer. The records a tooltrace job left are counted.

run_short_job() {
  local config=$1 name t0 t1 rc=0 rss=-1 recorded=-1 endpoint=$DEAD_ENDPOINT
  local -a env=(OTEL_EXPORTER_OTLP_ENDPOINT="$endpoint")
  if [[ $config == kieker* && $KIEKER_OK == 0 ]]; then
    printf 'fail\t%s\tShortJob\tskipped: Kieker 2.0.2 does not weave on Java %s\n' "$config" \
      "$JAVA_FEATURE" >>"$RESULTS"
    return
  fi
  [[ $config == otel-noexport ]] && env+=(OTEL_TRACES_EXPORTER=none)
  name="$config-ShortJob-$(date +%s%N)"
  local -a timer=()
  [[ -x /usr/bin/time ]] && timer=(/usr/bin/time -f '%M' -o "$WORKDIR/rss.txt")
  rm -f "$WORKDIR/rss.txt"
  t0=$(date +%s%N)
  env "${env[@]}" ${timer[@]+"${timer[@]}"} "$JAVA" "${JVM[@]}" ${FLAGS[@]+"${FLAGS[@]}"} \
    -cp "$CP" dev.tooltrace.benchmarks.ShortJob calls="$SHORT_CALLS" work="$SHORT_WORK" \
    >"$LOGS/$name.log" 2>&1 || rc=$?
  t1=$(date +%s%N)
  if [[ $rc != 0 ]]; then
    printf 'fail\t%s\tShortJob\texit %s (log: benchmarks/target/bench-results/logs/%s.log)\n' \
      "$config" "$rc" "$name" >>"$RESULTS"
    log "FAILED: $config ShortJob, exit $rc"
    return
  fi
  [[ -s "$WORKDIR/rss.txt" ]] && rss=$(tail -1 "$WORKDIR/rss.txt")
  if [[ $config == tooltrace* ]]; then
    recorded=$("$JAVA" "${CHRONICLE_OPENS[@]}" -cp "$CP" dev.tooltrace.benchmarks.QueueCount \
      dir="$RUNDIR/queue" 2>>"$LOGS/queuecount.log" | cut -f1)
    [[ -n "$recorded" ]] || recorded=-1
  fi
  printf 'shortjob\t%s\t%s\t%s\t%s\n' "$config" "$(((t1 - t0) / 1000000))" "$rss" "$recorded" \
    >>"$RESULTS"
}

if section shortjob; then
  load_note shortjob
  start_sink false
  DEAD_ENDPOINT="http://127.0.0.1:$SINK_PORT"
  stop_sink
  for run in $(seq "$SHORT_RUNS"); do
    for config in none tooltrace-job-noexport tooltrace-nocollector otel-noexport kieker; do
      log "short job run $run/$SHORT_RUNS: $config"
      config_flags "$config"
      run_short_job "$config"
      rm -rf "$RUNDIR"
    done
  done
fi

# ---- 6. export drain (branch perf-export owns benchmarks/drain.sh) ---------------------------
# drain.sh defines drain_workload, called here with this script's variables and helpers (JAVA,
# JVM, CP, AGENT, B, WORKDIR, LOGS, RESULTS, QUICK, log, run_jvm, config_flags, start_sink,
# stop_sink, sink_spans). It appends one line per measured drain to $RESULTS:
#   drain <config> <spans> <seconds> <spansPerSecond> <cpuMicrosPerSpan>
# config: tooltrace-<protocol> for `export --until-drained`, otel-sdk-<protocol> for the SDK;
# DrainSection renders them and the issue's drain targets.
if section drain && [[ -f "$ROOT/benchmarks/drain.sh" ]]; then
  load_note drain
  # shellcheck source=drain.sh
  source "$ROOT/benchmarks/drain.sh"
  drain_workload
  stop_sink
fi

# ---- 7. large arguments and cost per element (issue 20, issue 14; branch values) -----------------
# LargeArgsDriver: O(1) tools on a 1 KB / 64 KB / 1 MB String and byte[], and on lists of 0..1024
# strings, with no agent, tooltrace (default capture, exporting to the sink), tooltrace with the
# budget off (capture.budget.micros=0) and the OpenTelemetry agent, interleaved per run. Rows: largeargs <config> <case> <size> <nsPerCall> <threadCpuNs>;
# LargeArgsSection renders them. Skipped when ONLY names other sections.
if section largeargs; then
  load_note largeargs
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

# ---- 8. hash chain and per-call cost (branch audit) -----------------------------------------
# OverheadDriver (MooBench's recursion, no work) at depth 1 (each call its own outermost call) and
# depth 10, the same number of calls, with export=none: audit.chain=false, the default (chain on)
# and capture.cost=true. Rows: chaincost <config> depth<N> <ns> <perBatch> <threadCpu> <cpu>.
# Then ChainCostProbe: the chain per document in isolation (rows: chain <threads> <bytes> ...).
# ChainCostSection renders both.
if section chaincost; then
  load_note chaincost
  : "${CHAIN_DOCS:=$([[ $QUICK == 1 ]] && echo 2000 || echo 200000)}"
  : "${CHAIN_ROUNDS:=$([[ $QUICK == 1 ]] && echo 1 || echo 5)}"
  for run in $(seq "$RUNS"); do
    for depth in 1 10; do
      for config in chain-off chain-on chain-cost; do
        log "chain and cost run $run/$RUNS, depth $depth: $config"
        config_flags "$config"
        run_jvm "$config" dev.tooltrace.benchmarks.OverheadDriver kind=chaincost \
          variant="depth$depth" work=0 depth="$depth" warmup="$WARMUP" \
          iterations="$((ITERATIONS * DEPTH / depth))" batches="$BATCHES"
        rm -rf "$RUNDIR"
      done
    done
  done
  log "chain per document (ChainCostProbe, $CHAIN_DOCS documents x $CHAIN_ROUNDS rounds)"
  if ! "$JAVA" "${CHRONICLE_OPENS[@]}" "${JVM[@]}" -cp "$CP" \
    dev.tooltrace.benchmarks.ChainCostProbe dir="$WORKDIR/chainprobe" docs="$CHAIN_DOCS" \
    rounds="$CHAIN_ROUNDS" >>"$RESULTS" 2>"$LOGS/chainprobe.log"; then
    printf 'fail\tchain\tChainCostProbe\tsee benchmarks/target/bench-results/logs/chainprobe.log\n' \
      >>"$RESULTS"
    log "FAILED: ChainCostProbe (see $LOGS/chainprobe.log)"
  fi
  rm -rf "$WORKDIR/chainprobe"
fi

# ---- report ---------------------------------------------------------------------------------

ELAPSED=$((SECONDS - START_SECONDS))
{
  echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "duration=$((ELAPSED / 60)) min $((ELAPSED % 60)) s"
  echo "command=benchmarks/run-all.sh${ARGS_TEXT:+ $ARGS_TEXT}   # RUNS=$RUNS WARMUP=$WARMUP ITERATIONS=$ITERATIONS WORK=$WORK BURST_CALLS=$BURST_CALLS STARTUP_RUNS=$STARTUP_RUNS FLAT_CALLS=$FLAT_CALLS SHORT_RUNS=$SHORT_RUNS${LARGE_CALLS:+ LARGE_CALLS=$LARGE_CALLS}${CHAIN_DOCS:+ CHAIN_DOCS=$CHAIN_DOCS CHAIN_ROUNDS=$CHAIN_ROUNDS}${ONLY:+ ONLY=\"$ONLY\"}"
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
  echo "flatWarmup=$FLAT_WARMUP"
  echo "flatCalls=$FLAT_CALLS"
  echo "shortRuns=$SHORT_RUNS"
  echo "shortCalls=$SHORT_CALLS"
  echo "shortWork=$SHORT_WORK"
  echo "chainDocs=${CHAIN_DOCS:-}"
  echo "chainRounds=${CHAIN_ROUNDS:-}"
} >"$WORKDIR/meta.txt"
"$JAVA" -cp "$CP" dev.tooltrace.benchmarks.ReportWriter results="$RESULTS" \
  jmh="$WORKDIR/jmh.csv" meta="$WORKDIR/meta.txt" out="$ROOT/BENCHMARKS.md" \
  notes="$ROOT/benchmarks/src/main/report/analysis.md"
log "wrote $ROOT/BENCHMARKS.md in $((ELAPSED / 60)) min $((ELAPSED % 60)) s (raw results: $B/bench-results)"
