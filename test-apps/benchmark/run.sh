#!/usr/bin/env bash
# The benchmark, from a fresh checkout: installs nginx and stunnel if they are missing, builds the agent and the
# benchmark, and runs every mode on loopback. Writes test-apps/benchmark/results/benchmark.md and benchmark.png;
# with --short, a one-minute smoke run that writes to test-apps/benchmark/target/smoke-results instead.
set -euo pipefail
cd "$(dirname "$0")/../.."

short=""
results=test-apps/benchmark/results
if [ "${1:-}" = "--short" ]; then
  short="--short"
  results=test-apps/benchmark/target/smoke-results
fi

if ! command -v nginx >/dev/null || ! command -v stunnel4 >/dev/null || ! command -v fc-list >/dev/null; then
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  # The chart needs a font; Debian's nginx package starts a server on port 80 only where services may start.
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq nginx stunnel4 fontconfig fonts-dejavu-core >/dev/null
fi
export PATH="$PATH:/usr/sbin"

mvn -B -q -DskipTests package dependency:build-classpath -Dmdep.outputFile=target/classpath.txt \
    -pl agent,test-apps/harness,test-apps/benchmark
classes=test-apps/benchmark/target/classes
classpath="$classes:$(cat test-apps/benchmark/target/classpath.txt)"

java -Djava.awt.headless=true -cp "$classpath" org.tlsorigination.benchmark.Benchmark \
    agent/target/tls-origination-agent.jar "$results" "$classes" "$classpath" $short
echo "results: $results/benchmark.md, $results/benchmark.png"
