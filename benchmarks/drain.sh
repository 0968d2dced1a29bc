#!/usr/bin/env bash
# Copyright 2026 The tooltrace Authors
# SPDX-License-Identifier: Apache-2.0
#
# The export-drain workload of issue 16. Sourced by run-all.sh (its drain section), or run on its
# own: `benchmarks/drain.sh [--quick]` (after `mvn -B -q package -DskipTests`) prints the rows.
#
# What it measures, per protocol (OTLP/HTTP-protobuf and OTLP/gRPC), in the same run:
#   tooltrace-<p>  `java -jar tooltrace-agent.jar export --dir Q --until-drained` of a queue of N
#                  calls recorded by the real agent (DrainApp, export=none: pipelines of three
#                  calls, String arguments hashed and previewed as by default, one in nine failing);
#   otel-sdk-<p>   the OpenTelemetry SDK creating and exporting N spans of the same shape through
#                  its BatchSpanProcessor and OTLP exporter (DrainSdk);
# both to the same receiver (DrainSink: counts spans by walking the protobuf, answers at once).
# Spans only: OTEL_LOGS_EXPORTER and OTEL_METRICS_EXPORTER are none for both.
#
# Appends one line per drain to "$RESULTS", tab-separated:
#   drain <config> <spans> <seconds> <spansPerSecond> <cpuMicrosPerSpan>
# seconds: the receiver's window, first to last trace request (the drain itself, without JVM
# start-up); cpuMicrosPerSpan: user+system CPU of the whole exporting JVM (start-up included) per
# span. The JVM's wall time from launch to exit goes to the log. A drain that delivered a different
# number of spans is a `fail` line instead.
#
# Sizes: DRAIN_CALLS (default 300000, --quick 30000), DRAIN_RUNS (default 3, --quick 1).

drain_workload() {
  local calls runs dir dcp hp gp run proto
  if [[ ${QUICK:-0} == 1 ]]; then
    calls=${DRAIN_CALLS:-30000}
    runs=${DRAIN_RUNS:-1}
  else
    calls=${DRAIN_CALLS:-300000}
    runs=${DRAIN_RUNS:-3}
  fi
  dir="$WORKDIR/drain"
  dcp="$CP:$B/lib-drain/*"
  rm -rf "$dir"
  mkdir -p "$dir"
  log "drain: recording $calls calls through the agent (export=none)"
  if ! "$JAVA" "${JVM[@]}" "-javaagent:$AGENT=dir=$dir/queue,export=none,http.enabled=false" \
    -cp "$CP" dev.tooltrace.benchmarks.DrainApp calls="$calls" >"$LOGS/drain-app.log" 2>&1; then
    printf 'fail\tdrain\tDrainApp\tsee benchmarks/target/bench-results/logs/drain-app.log\n' \
      >>"$RESULTS"
    return
  fi
  calls=$(grep -E '^[0-9]+$' "$LOGS/drain-app.log" | tail -1 || true)
  if [[ -z "$calls" ]]; then
    printf 'fail\tdrain\tDrainApp\tno call count in its log\n' >>"$RESULTS"
    return
  fi
  "$JAVA" -Xmx512m -cp "$dcp" dev.tooltrace.benchmarks.DrainSink portFile="$dir/sink.port" \
    >>"$LOGS/drain-sink.log" 2>&1 &
  DRAIN_SINK_PID=$!
  for _ in $(seq 150); do [[ -f "$dir/sink.port" ]] && break; sleep 0.1; done
  read -r hp gp <"$dir/sink.port" || true # no newline at its end
  # Warm the receiver's HTTP and gRPC paths first (its JIT), so that the first measured drain of
  # each protocol does not pay for them; not recorded.
  for proto in http grpc; do
    log "drain: warming the receiver over $proto"
    "$JAVA" "${JVM[@]}" -cp "$dcp" dev.tooltrace.benchmarks.DrainSdk spans=$((calls / 5)) \
      protocol="$proto" \
      endpoint="http://127.0.0.1:$([[ $proto == grpc ]] && echo "$gp" || echo "$hp")" \
      >>"$LOGS/drain-warmup.log" 2>&1 || true
  done
  for run in $(seq "$runs"); do
    for proto in http grpc; do
      drain_one tooltrace "$proto" "$calls" "$dir" "$hp" "$gp"
      drain_one otel-sdk "$proto" "$calls" "$dir" "$hp" "$gp"
    done
  done
  kill "$DRAIN_SINK_PID" 2>/dev/null || true
  wait "$DRAIN_SINK_PID" 2>/dev/null || true
  rm -rf "$dir"
}

# drain_one tooltrace|otel-sdk http|grpc CALLS DIR HTTP_PORT GRPC_PORT
drain_one() {
  local who=$1 proto=$2 calls=$3 dir=$4 hp=$5 gp=$6 endpoint otlp name rc=0 t count
  local spans requests failures window real user sys
  if [[ $proto == grpc ]]; then
    endpoint="http://127.0.0.1:$gp"
    otlp=grpc
  else
    endpoint="http://127.0.0.1:$hp"
    otlp=http/protobuf
  fi
  name="drain-$who-$proto-$(date +%s%N)"
  curl -s "http://127.0.0.1:$hp/reset" >/dev/null
  log "drain: $who over $proto, $calls spans"
  local TIMEFORMAT='%3R %3U %3S'
  if [[ $who == tooltrace ]]; then
    rm -rf "$dir/q-run"
    cp -r "$dir/queue" "$dir/q-run" # a fresh committed position for every run
    t=$({ time env OTEL_EXPORTER_OTLP_ENDPOINT="$endpoint" OTEL_EXPORTER_OTLP_PROTOCOL="$otlp" \
      OTEL_METRICS_EXPORTER=none OTEL_LOGS_EXPORTER=none \
      "$JAVA" "${JVM[@]}" -jar "$AGENT" export --dir "$dir/q-run" --until-drained \
      >"$LOGS/$name.log" 2>&1; } 2>&1) || rc=$?
    rm -rf "$dir/q-run"
  else
    t=$({ time "$JAVA" "${JVM[@]}" -cp "$CP:$B/lib-drain/*" dev.tooltrace.benchmarks.DrainSdk \
      spans="$calls" protocol="$proto" endpoint="$endpoint" >"$LOGS/$name.log" 2>&1; } 2>&1) ||
      rc=$?
  fi
  read -r spans requests failures window <<<"$(curl -s "http://127.0.0.1:$hp/count")"
  read -r real user sys <<<"$(tail -1 <<<"$t")"
  echo "wall ${real}s user ${user}s sys ${sys}s; receiver: $spans spans, $requests requests," \
    "$failures failures, window ${window}s" >>"$LOGS/$name.log"
  if [[ $rc != 0 || $spans != "$calls" ]]; then
    printf 'fail\tdrain-%s-%s\t%s\n' "$who" "$proto" \
      "exit $rc, $spans of $calls spans received (log: benchmarks/target/bench-results/logs/$name.log)" \
      >>"$RESULTS"
    log "FAILED: drain $who $proto (see $LOGS/$name.log)"
    return
  fi
  awk -v c="$who-$proto" -v n="$calls" -v w="$window" -v u="$user" -v s="$sys" 'BEGIN {
    if (w <= 0) w = 0.001
    printf "drain\t%s\t%d\t%.3f\t%.0f\t%.2f\n", c, n, w, n / w, (u + s) * 1e6 / n
  }' >>"$RESULTS"
  log "drain: $who over $proto: $(tail -1 "$RESULTS" | cut -f4-6 | tr '\t' ' ') (s, spans/s, CPU µs/span); wall ${real}s"
}

# Run on its own: the helpers run-all.sh would provide.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
  set -euo pipefail
  export LC_ALL=C
  ROOT=$(cd "$(dirname "$0")/.." && pwd)
  QUICK=0
  if [[ "${1:-}" == "--quick" ]]; then QUICK=1; fi
  if [[ -z "${JAVA:-}" ]]; then
    if [[ -n "${JAVA_HOME:-}" ]]; then JAVA="$JAVA_HOME/bin/java"; else JAVA=java; fi
  fi
  read -r -a JVM <<<"${JVM_OPTS:--Xms1g -Xmx1g}"
  AGENT="$ROOT/agent/target/tooltrace-agent.jar"
  B="$ROOT/benchmarks/target"
  CP="$B/classes:$B/lib/*"
  for f in "$AGENT" "$B/classes" "$B/lib-drain"; do
    [[ -e "$f" ]] || { echo "drain.sh: missing $f (mvn -B -q package -DskipTests first)" >&2; exit 2; }
  done
  WORKDIR=$(mktemp -d "${TMPDIR:-/tmp}/tooltrace-drain.XXXXXX")
  LOGS="$B/drain-results/logs"
  RESULTS="$B/drain-results/results.tsv"
  rm -rf "$B/drain-results"
  mkdir -p "$LOGS"
  : >"$RESULTS"
  log() { printf '[drain %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
  trap 'kill "${DRAIN_SINK_PID:-}" 2>/dev/null || true; rm -rf "$WORKDIR"' EXIT
  log "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  drain_workload
  log "load average at end: $(cut -d' ' -f1-3 /proc/loadavg)"
  cat "$RESULTS"
fi
