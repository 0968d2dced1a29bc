# Copyright 2026 The tooltrace Authors
# SPDX-License-Identifier: Apache-2.0
#
# The export-drain workload of issue 16, sourced by run-all.sh (section 6). Owned by the exporter
# work (branch perf-export): replace the body of drain_workload, keep its name and its output.
#
# Called with run-all.sh's variables and helpers in scope: JAVA, JVM (array of JVM options), CP,
# AGENT, B (benchmarks/target), WORKDIR (scratch, deleted at the end), LOGS, RESULTS, QUICK (1 for
# --quick), CHRONICLE_OPENS, log, run_jvm, config_flags, start_sink/stop_sink/sink_spans (the
# counting OTLP/HTTP receiver; sink_spans prints the spans it got).
#
# Appends one line per measured drain to "$RESULTS", tab-separated:
#   drain <config> <spans> <seconds> <spansPerSecond> <cpuMicrosPerSpan>
# config: tooltrace-<protocol> (`export --until-drained` of a recorded queue) or
# otel-sdk-<protocol> (the OpenTelemetry SDK creating and exporting as many spans through the
# same receiver); <protocol> is http or grpc. DrainSection renders them and the targets
# (>= 100k spans/s, >= 5x the SDK through the same receiver).

drain_workload() {
  log "export drain: not measured yet (benchmarks/drain.sh is a hook for branch perf-export)"
}
