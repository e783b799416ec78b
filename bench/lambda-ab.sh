#!/usr/bin/env bash
# Two builds of the bridge jar, warm, invocations alternating in one run (see LambdaAb): for judging a change of a
# few milliseconds on a shared machine.   Usage: bench/lambda-ab.sh before.jar after.jar [warm-ups] [timed] [cold starts]
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -DskipTests package -pl bench/lambda -am
java ${BENCH_OPTS:-} -Dsun.net.httpserver.nodelay=true -cp "$(cat bench/lambda/target/classpath.txt):bench/lambda/target/classes" \
  io.evidencesync.bench.lambda.LambdaAb "$@"
