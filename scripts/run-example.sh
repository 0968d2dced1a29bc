#!/usr/bin/env bash
# Builds tooltrace, runs the example document pipeline under the agent, and shows what was
# captured: the trace trees, per-tool statistics, the lineage of one output, and the run's HTML
# report (printed last: its path).
# Usage: scripts/run-example.sh [documents] [threads]
set -euo pipefail
cd "$(dirname "$0")/.."

DOCS="${1:-20}"
THREADS="${2:-2}"
DATA="${TOOLTRACE_EXAMPLE_DIR:-target/example-run}"
AGENT=agent/target/tooltrace-agent.jar

echo "== building (mvn package, tests skipped)"
mvn -B -q package -DskipTests

rm -rf "$DATA"
mkdir -p "$DATA"
echo
echo "== running the example pipeline under the agent: $DOCS documents on $THREADS threads"
# No OTLP backend is assumed here: export=none keeps everything in the local queue.
# With Jaeger running, drop export=none (see docs/jaeger.md).
java -javaagent:"$AGENT"=dir="$DATA/queue",export=none,http.port=0 \
  -cp examples/target/tooltrace-examples-0.1.0-SNAPSHOT.jar:bootstrap/target/tooltrace-bootstrap-0.1.0-SNAPSHOT.jar \
  dev.tooltrace.examples.DocumentPipeline "$DOCS" "$THREADS"

echo
echo "== what was captured: trace trees (first 40 lines)"
java -jar "$AGENT" show --dir "$DATA/queue" | head -40
echo
echo "== per-tool statistics"
java -jar "$AGENT" stats --dir "$DATA/queue"
echo
SPAN=$(java -jar "$AGENT" show --dir "$DATA/queue" --json --tool summarizer.summarize \
  | grep -o '"spanId" *: *"[0-9a-f]\{16\}"' | head -1 | grep -o '[0-9a-f]\{16\}')
if [ -n "$SPAN" ]; then
  echo "== lineage of summarizer.summarize span $SPAN"
  java -jar "$AGENT" lineage "$SPAN" --dir "$DATA/queue"
fi
echo
echo "The queue is in $DATA/queue; try: java -jar $AGENT --help"
echo
echo "== the run's HTML report (one file, no network needed: open it in any browser)"
java -jar "$AGENT" report --dir "$DATA/queue" --out "$DATA/report.html"
echo "$(cd "$DATA" && pwd)/report.html"
