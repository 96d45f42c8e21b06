#!/usr/bin/env bash
# The load run with live reloads, from a fresh checkout: builds the agent and this module, then runs the 100,000
# requests (--full) or the short form CI runs as a test, and prints the figures.
set -euo pipefail
cd "$(dirname "$0")/../.."

mvn -B -q -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
    -pl agent,test-apps/harness,test-apps/benchmark,test-apps/load
classpath="test-apps/load/target/classes:$(cat test-apps/load/target/classpath.txt)"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
java -cp "$classpath" org.tlsorigination.load.LoadWithReloads agent/target/tls-origination-agent.jar \
    "$classpath" "$work" "${1:-}"
