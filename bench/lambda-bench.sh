#!/usr/bin/env bash
# The function benchmark: the packaged bridge beside a plain handler (bench/lambda-peer), in one run, each in a fresh
# JVM under AWS's Lambda runtime interface client, against the sandbox stand-ins. Prints a table of medians and
# ratios and writes it to bench/results/lambda-<date>.md.   Usage: bench/lambda-bench.sh [cold runs] [warm runs]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package -pl lambda-bridge,bench/lambda-peer,bench/lambda -am
java -Dsun.net.httpserver.nodelay=true -cp "$(cat bench/lambda/target/classpath.txt):bench/lambda/target/classes" \
  io.evidencesync.bench.lambda.LambdaBench \
  lambda-bridge/target/evidence-sync-bridge.jar bench/lambda-peer/target/plain-handler.jar "${1:-5}" "${2:-30}"
