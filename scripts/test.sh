#!/usr/bin/env bash
# Runs every test: the Maven build with all module and integration tests, then the third-party
# transparency check (commons-lang3's own test suite with and without the agent, about 5 minutes;
# SKIP_THIRD_PARTY=1 skips it). Installs first what the tests need and Maven cannot fetch:
# Debian's prometheus (with promtool), prometheus-alertmanager (with amtool) and chromium,
# playwright-core from npm for the HTML report's browser test, and Jaeger, built with Go from
# the Go module proxy (integration-tests/jaeger/build.sh; cached).
set -euo pipefail
cd "$(dirname "$0")/.."

# What the tests need and Maven cannot fetch, from Debian's packages: prometheus (promtool),
# prometheus-alertmanager (amtool), and chromium for the HTML report's browser test.
PKGS=()
command -v promtool >/dev/null || PKGS+=(prometheus)
command -v amtool >/dev/null || PKGS+=(prometheus-alertmanager)
[ -x "${CHROMIUM:-/usr/bin/chromium}" ] || PKGS+=(chromium)
if [ ${#PKGS[@]} -gt 0 ]; then
  if command -v apt-get >/dev/null && [ "$(id -u)" = 0 ]; then
    echo "== installing ${PKGS[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${PKGS[@]}" >/dev/null
  else
    echo "tooltrace tests need Debian's ${PKGS[*]} (as root: apt-get install ${PKGS[*]})" >&2
    exit 1
  fi
fi

# The report's browser test drives that Chromium with playwright-core (pinned in
# integration-tests/browser/package-lock.json; it downloads no browser of its own).
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "tooltrace tests need Node.js 20 or newer with npm (for integration-tests/browser)" >&2
  exit 1
fi
if [ ! -f integration-tests/browser/node_modules/playwright-core/package.json ]; then
  echo "== npm ci in integration-tests/browser (playwright-core)"
  (cd integration-tests/browser && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi

# Jaeger v2 for the Jaeger integration tests (docs/jaeger.md): built from the Go module pinned in
# integration-tests/jaeger only when the cached binary is missing. On a new machine that is mostly
# downloading Go modules (~1.2 GB, minutes), so it runs in the background while Maven builds; the
# Jaeger tests call the same script, which waits for this build (a lock) instead of starting another.
mkdir -p target
echo "== Jaeger for the integration tests (integration-tests/jaeger/build.sh, in the background;" \
  "log: target/jaeger-build.log)"
integration-tests/jaeger/build.sh >target/jaeger-build.log 2>&1 &

mvn -B verify "$@"

if [[ ${SKIP_THIRD_PARTY:-} != 1 ]]; then
  echo "== third-party transparency check (scripts/third-party-tests.sh)"
  scripts/third-party-tests.sh
fi
