#!/usr/bin/env bash
# Copyright 2026 The tooltrace Authors
# SPDX-License-Identifier: Apache-2.0
#
# Builds the Jaeger v2 binary the Jaeger integration tests run (docs/jaeger.md), only when it is
# missing. The version is pinned by go.mod/go.sum beside this script (the Go module
# github.com/jaegertracing/jaeger, a `tool` of this module); the binary is cached outside
# target/ so that `mvn clean` keeps it (the build takes minutes on two cores).
#
# Usage: integration-tests/jaeger/build.sh       prints the binary's path on its last line
# Env:   TOOLTRACE_JAEGER_BIN  where the binary goes
#                              (default ~/.cache/tooltrace/jaeger-<version>/jaeger)
#        TOOLTRACE_JAEGER_BUILD=0  never build: print the path, exit 0 even if it is missing
set -euo pipefail
cd "$(dirname "$0")"

VERSION=$(awk '$1 == "github.com/jaegertracing/jaeger" { print $2 }' go.mod)
if [[ -z $VERSION ]]; then
  echo "jaeger/build.sh: go.mod names no github.com/jaegertracing/jaeger version" >&2
  exit 1
fi
BIN=${TOOLTRACE_JAEGER_BIN:-${XDG_CACHE_HOME:-$HOME/.cache}/tooltrace/jaeger-$VERSION/jaeger}

if [[ -x $BIN ]]; then
  echo "$BIN"
  exit 0
fi
if [[ ${TOOLTRACE_JAEGER_BUILD:-1} == 0 ]]; then
  echo "jaeger/build.sh: $BIN is missing and TOOLTRACE_JAEGER_BUILD=0: not building" >&2
  echo "$BIN"
  exit 0
fi
# Go's own install location, for shells that did not source the profile that puts it on PATH.
if ! command -v go >/dev/null && [[ -x /usr/local/go/bin/go ]]; then
  export PATH="/usr/local/go/bin:$PATH"
fi
if ! command -v go >/dev/null; then
  echo "jaeger/build.sh: Go (1.26) is needed to build Jaeger $VERSION, and is not on PATH" >&2
  exit 1
fi

mkdir -p "$(dirname "$BIN")"
# One build at a time: scripts/test.sh starts this script in the background while Maven runs, and
# the Jaeger tests call it again; the second caller waits here for the first, then finds the binary.
exec 9>"$BIN.lock"
if ! flock -n 9; then
  echo "== waiting for the Jaeger build already running ($BIN.lock)" >&2
  flock 9
fi
if [[ -x $BIN ]]; then
  echo "$BIN"
  exit 0
fi
echo "== building Jaeger $VERSION into $BIN (a few minutes on two cores; cached afterwards)" >&2
TMP="$BIN.tmp.$$"
trap 'rm -f "$TMP"' EXIT
# -trimpath and no VCS stamping: the same module versions give the same binary on every machine.
# The version is stamped as Jaeger's own Makefile does, so `jaeger version` names the module.
CGO_ENABLED=0 go build -mod=readonly -trimpath -buildvcs=false -o "$TMP" \
  -ldflags "-X github.com/jaegertracing/jaeger/internal/version.latestVersion=$VERSION" \
  github.com/jaegertracing/jaeger/cmd/jaeger
mv "$TMP" "$BIN"
echo "$BIN"
