#!/usr/bin/env bash
# Copyright 2026 The tooltrace Authors
# SPDX-License-Identifier: Apache-2.0
#
# Transparency check: Apache commons-lang3's own test suite (its published `tests` jar), run
# unchanged with the JUnit console launcher, once without the agent and once with the packaged
# agent tracking every method of org.apache.commons.lang3 by an include pattern. The pass/fail
# counts must be the same. See docs/third-party-tests.md.
#
# Usage: scripts/third-party-tests.sh   (builds agent/target/tooltrace-agent.jar if missing)
# Env:   LANG3_VERSION (default 3.20.0), JAVA (default: java on PATH), BUDGET (queue size,
#        default 1GB), KEEP=1 keeps the queue, REUSE_REPORTS=1 only compares the last reports.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
V=${LANG3_VERSION:-3.20.0}
CONSOLE_V=1.13.4 # the JUnit Platform commons-lang3 $V is tested with
JAVA=${JAVA:-java}
# Recording every call of the suite writes tens of GB; beyond this budget records are dropped
# and counted (the calls still go through the agent's whole hot path).
BUDGET=${BUDGET:-1GB}
OUT=$ROOT/target/third-party
AGENT=$ROOT/agent/target/tooltrace-agent.jar
MVN=(mvn -B -q)

if [[ ! -f $AGENT ]]; then
  "${MVN[@]}" -pl agent -am package -DskipTests
fi

# 1. Fetch the library, its tests jar, the launcher, and the suite's test dependencies (resolved
#    from the library's own pom, so versions are the ones upstream tests with).
mkdir -p "$OUT/lib" "$OUT/pom"
if [[ ! -f $OUT/commons-lang3-$V-tests.jar ]]; then
  for a in "org.apache.commons:commons-lang3:$V:jar" "org.apache.commons:commons-lang3:$V:jar:tests" \
           "org.apache.commons:commons-lang3:$V:pom" \
           "org.junit.platform:junit-platform-console-standalone:$CONSOLE_V:jar"; do
    "${MVN[@]}" org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy -Dartifact="$a" \
      -DoutputDirectory="$OUT"
  done
  cp "$OUT/commons-lang3-$V.pom" "$OUT/pom/pom.xml"
  "${MVN[@]}" -f "$OUT/pom/pom.xml" org.apache.maven.plugins:maven-dependency-plugin:3.6.1:copy-dependencies \
    -DincludeScope=test -DoutputDirectory="$OUT/lib" -Dcommons.junit-pioneer.version=2.3.0
  # The launcher brings JUnit itself; an older commons-lang3 arrives through commons-text.
  rm -f "$OUT"/lib/junit-* "$OUT"/lib/opentest4j-* "$OUT"/lib/apiguardian-* \
    "$OUT"/lib/commons-lang3-*
fi

CP="$OUT/commons-lang3-$V.jar:$OUT/commons-lang3-$V-tests.jar"
for j in "$OUT"/lib/*.jar; do CP="$CP:$j"; done

# Runs the launcher; $1 = report label, $2 = what to run ("all" or a method selector of the
# launcher, e.g. org.apache.commons.lang3.time.StopWatchTest#testSuspend()), rest = JVM options.
# Prints the summary counts as "successful=N failed=N ...".
run() {
  local label=$1 what=$2; shift 2
  local select=(--scan-class-path "$OUT/commons-lang3-$V-tests.jar")
  [[ $what == all ]] || select=(--select-method "$what")
  # The JVM options of commons-lang3's own build (its java9+ profile); both runs get the same.
  "$JAVA" -Xmx1g -Duser.language=en -Duser.country=US -Duser.timezone=UTC \
    --add-opens java.base/java.lang.reflect=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED \
    --add-opens java.base/java.util=ALL-UNNAMED --add-opens java.base/java.time=ALL-UNNAMED \
    --add-opens java.base/java.time.chrono=ALL-UNNAMED "$@" \
    -jar "$OUT/junit-platform-console-standalone-$CONSOLE_V.jar" execute \
    --class-path "$CP" "${select[@]}" \
    --disable-banner --disable-ansi-colors --details=summary \
    > "$OUT/$label.txt" 2> "$OUT/$label.err" || true
  counts "$label"
}

counts() { # the summary counts of report $1
  grep -E '^\[ +[0-9]+ tests (successful|failed|aborted|skipped) +\]' "$OUT/$1.txt" \
    | sed -E 's/^\[ +([0-9]+) tests ([a-z]+) +\]/\2=\1/' | tr '\n' ' '
}

# The failing tests and containers of a report, one "JUnit Jupiter:Class:method()" per line.
failures() { grep -E '^ +JUnit [A-Za-z]+:' "$OUT/$1.txt" | sed -E 's/^ +//' | sort; }

# Upstream tests that compare clock readings to the millisecond or a stopwatch against sleeps:
# any added latency (the agent's first call on a thread, a descheduled thread on a busy machine)
# can flip them. A difference in these is reported, not counted.
TIMING_SENSITIVE=':StopWatchTest:'

QUEUE=$(mktemp -d)
trap '[[ ${KEEP:-} == 1 ]] || rm -rf "$QUEUE"' EXIT
AGENT_OPTS="-javaagent:$AGENT=include=org.apache.commons.lang3.*#*,export=none,http.enabled=false,disk.max.bytes=$BUDGET"
echo "commons-lang3 $V test suite, JUnit console $CONSOLE_V"
if [[ ${REUSE_REPORTS:-} == 1 ]]; then # compare the reports of the last runs again
  PLAIN=$(counts plain) TRACED=$(counts traced)
else
  PLAIN=$(run plain all)
  TRACED=$(run traced all "$AGENT_OPTS,dir=$QUEUE/q")
fi
echo "without agent: $PLAIN"
echo "with agent:    $TRACED"
# The agent's own lines: problems, and its end-of-run summary (records written and dropped).
grep -E '^\[tooltrace\] (WARN|ERROR)|ended: ' "$OUT/traced.err" | head -6 || true
if [[ -z $PLAIN || -z $TRACED ]]; then
  echo "FAIL: a run did not complete (see $OUT/plain.txt, $OUT/plain.err, $OUT/traced.txt, $OUT/traced.err)"
  exit 1
fi
diff <(failures plain) <(failures traced) > "$OUT/failures.diff" || true
if [[ "$PLAIN" != "$TRACED" && ! -s $OUT/failures.diff ]]; then
  echo "FAIL: the same tests fail, but the counts differ with the agent (see $OUT/plain.txt and $OUT/traced.txt)"
  exit 1
fi
if [[ -s $OUT/failures.diff ]]; then
  if grep -E '^[<>] ' "$OUT/failures.diff" | grep -vqF -- "$TIMING_SENSITIVE"; then
    echo "FAIL: not the same tests fail with the agent ($OUT/failures.diff):"
    grep -E '^[<>] ' "$OUT/failures.diff" | sed 's/^</  only without the agent:/; s/^>/  only with the agent:   /'
    exit 1
  fi
  echo "OK: the runs differ only in timing-sensitive tests (not counted):"
  grep -E '^[<>] ' "$OUT/failures.diff" | sed 's/^</  only without the agent:/; s/^>/  only with the agent:   /'
  exit 0
fi
echo "OK: same results with and without the agent; the same $(failures plain | wc -l) tests and" \
  "containers fail in both runs (environment assumptions of upstream's tests)"
