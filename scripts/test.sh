#!/usr/bin/env bash
# Runs every test: the Maven build with all module and integration tests, then the third-party
# transparency check (commons-lang3's own test suite with and without the agent, about 5 minutes;
# SKIP_THIRD_PARTY=1 skips it). Installs first what the tests need and Maven cannot fetch:
# Debian's prometheus (with promtool) and prometheus-alertmanager (with amtool), and Jaeger, built
# with Go from the Go module proxy (integration-tests/jaeger/build.sh; cached).
set -euo pipefail
cd "$(dirname "$0")/.."

if ! command -v promtool >/dev/null || ! command -v amtool >/dev/null; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    echo "== installing prometheus and prometheus-alertmanager (for promtool, amtool)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq prometheus prometheus-alertmanager >/dev/null
  else
    echo "tooltrace tests need promtool and amtool: install Debian's prometheus and" \
      "prometheus-alertmanager packages (as root: apt-get install prometheus prometheus-alertmanager)" >&2
    exit 1
  fi
fi

# Jaeger v2 for the Jaeger integration tests (docs/jaeger.md): built from the Go module pinned in
# integration-tests/jaeger only when the cached binary is missing (a few minutes on two cores).
echo "== Jaeger for the integration tests (integration-tests/jaeger/build.sh)"
integration-tests/jaeger/build.sh

mvn -B verify "$@"

if [[ ${SKIP_THIRD_PARTY:-} != 1 ]]; then
  echo "== third-party transparency check (scripts/third-party-tests.sh)"
  scripts/third-party-tests.sh
fi
