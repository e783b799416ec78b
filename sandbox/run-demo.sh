#!/usr/bin/env bash
# Runs the whole pipeline locally on the sandbox stand-ins and prints the result: a build publishes the sample
# ComplyBeacon evidence → S3 → the S3 events → the bridge → proof on the emulated Hyperproof → receipts → the
# auditor's trace from the build URL, every link verified. Exit code 0 only when the trace verifies.
# Needs JDK 17+ and Maven; the first run downloads dependencies from Maven Central.
set -euo pipefail
cd "$(dirname "$0")/.."
echo "Building (mvn -DskipTests package)..."
mvn -B -q -DskipTests package -pl sandbox/demo -am
exec java -Dsun.net.httpserver.nodelay=true \
  -cp "sandbox/demo/target/classes:$(cat sandbox/demo/target/classpath.txt)" io.evidencesync.demo.PipelineDemo
