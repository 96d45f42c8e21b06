#!/usr/bin/env bash
# The seed scenario on this machine: the unchanged curl-like app against a local stand-in for
# edition.cnn.com, first without the agent (301, then 200 over TLS), then with it (200 over TLS only).
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -q -B -DskipTests install
mvn -q -B -pl test-apps/harness org.codehaus.mojo:exec-maven-plugin:3.5.0:java
