#!/usr/bin/env bash
# Upload benchmark: `java -jar action/target/evidence-sync.jar publish` against Debian's `aws s3 cp --recursive`,
# both as whole processes (JVM / Python start included), against the S3 sandbox (S3Proxy 4.1.0, in memory) running
# as a separate process on this machine. Three shapes: 1,000 files of 4 KB, 20 of 5 MB, one of 200 MB, all
# synthetic-but-valid OCSF JSON (marked "evidence-sync-bench (synthetic)") so that publish's validation passes.
#
#   bench/publish-vs-awscli.sh            # REPS=5 by default; SKIP_BUILD=1 reuses the built jars
#   TLS=1 bench/publish-vs-awscli.sh      # the same over HTTPS (a throwaway self-signed certificate), as real S3 is
#   LINK_MBPS=50 bench/publish-vs-awscli.sh   # both tools reach the sandbox through a link capped at 50 MB/s
#                                         # (bench LinkLimiter), like a runner's uplink to S3: uploads become
#                                         # network-bound, as they are outside this machine
#
# Each run records wall time, the tool's own CPU (user + system) and the sandbox's CPU meanwhile, so that the results
# show where a CPU-bound machine's time went. Writes bench/results/publish-<date>.md (publish-<date>-https.md with
# TLS=1) and prints the same tables. Never run as a unit test.
set -euo pipefail
cd "$(dirname "$0")/.."

REPS="${REPS:-5}"
export LC_NUMERIC=C                    # `times` and awk read and write decimal points, whatever the locale
AWS=/usr/bin/aws                       # Debian's awscli; pyenv's `aws` (v1) may come first on PATH
BUCKET=bench-evidence
ACTION_FLAGS=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC)   # what action/action.yml runs the jar with
JAR="${JAR:-action/target/evidence-sync.jar}"   # another build of the CLI, e.g. an earlier commit's, to compare

if [ ! -x "$AWS" ]; then
  echo "installing Debian's awscli (apt-get)" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq awscli >/dev/null
fi
if [ "${SKIP_BUILD:-0}" != 1 ] || [ ! -f "$JAR" ] || [ ! -f bench/target/classpath.txt ]; then
  mvn -B -q -pl action,bench -am package -DskipTests
fi
CP="bench/target/classes:$(cat bench/target/classpath.txt)"

work="$(mktemp -d)"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
  if [ -n "${link_pid:-}" ]; then kill "$link_pid" 2>/dev/null || true; wait "$link_pid" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

port="$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
TLS_ARGS=()          # the server's keystore, with TLS=1
JAVA_TRUST=()        # the JVM's trust in that certificate: the only flags publish gets beyond the action's
if [ "${TLS:-0}" = 1 ]; then
  keytool -genkeypair -alias sandbox -keyalg EC -groupname secp256r1 -dname CN=127.0.0.1 -ext SAN=ip:127.0.0.1 \
    -validity 2 -keystore "$work/server.p12" -storetype PKCS12 -storepass bench-only -keypass bench-only >/dev/null 2>&1
  keytool -exportcert -rfc -alias sandbox -keystore "$work/server.p12" -storepass bench-only -file "$work/ca.pem" >/dev/null 2>&1
  keytool -importcert -noprompt -alias sandbox -file "$work/ca.pem" -keystore "$work/trust.p12" -storetype PKCS12 \
    -storepass bench-only >/dev/null 2>&1
  TLS_ARGS=("$work/server.p12" bench-only)
  JAVA_TRUST=("-Djavax.net.ssl.trustStore=$work/trust.p12" -Djavax.net.ssl.trustStorePassword=bench-only)
  export AWS_CA_BUNDLE="$work/ca.pem"
fi
java -Xmx8g -cp "$CP" io.evidencesync.bench.SandboxServer "$port" "$BUCKET" "${TLS_ARGS[@]}" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 300); do
  grep -q '^READY ' "$work/server.log" 2>/dev/null && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; exit 1; }
  sleep 0.1
done
endpoint="$(sed -n 's/^READY //p' "$work/server.log")"
[ -n "$endpoint" ] || { echo "the sandbox did not start" >&2; cat "$work/server.log" >&2; exit 1; }
link_pid=""
if [ -n "${LINK_MBPS:-}" ]; then
  link_port="$(/usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
  java -cp "$CP" io.evidencesync.bench.LinkLimiter "$link_port" "$port" "$LINK_MBPS" >"$work/link.log" 2>&1 &
  link_pid=$!
  for _ in $(seq 1 100); do grep -q '^READY' "$work/link.log" 2>/dev/null && break; sleep 0.1; done
  grep -q '^READY' "$work/link.log" || { echo "the link limiter did not start" >&2; cat "$work/link.log" >&2; exit 1; }
  endpoint="${endpoint%:*}:$link_port"
fi

export AWS_ACCESS_KEY_ID=AKIDSANDBOX AWS_SECRET_ACCESS_KEY=sandbox-secret AWS_REGION=us-east-1 \
  AWS_DEFAULT_REGION=us-east-1 AWS_EC2_METADATA_DISABLED=true AWS_CONFIG_FILE="$work/aws-config" \
  AWS_SHARED_CREDENTIALS_FILE="$work/aws-credentials"
printf '[default]\ns3 =\n  addressing_style = path\n' >"$AWS_CONFIG_FILE"
: >"$AWS_SHARED_CREDENTIALS_FILE"
unset GITHUB_ACTIONS GITLAB_CI JENKINS_URL BUILD_URL || true

echo "generating evidence in $work/data" >&2
java -cp "$CP" io.evidencesync.bench.GenerateEvidence "$work/data/small" 1000 4096
java -cp "$CP" io.evidencesync.bench.GenerateEvidence "$work/data/medium" 20 5242880
java -cp "$CP" io.evidencesync.bench.GenerateEvidence "$work/data/large" 1 209715200

now_ms() { date +%s%3N; }
load_start="$(cut -d' ' -f1-3 /proc/loadavg)"
timings="$work/timings.tsv"
: >"$timings"

run_publish() { # label case rep [jvm flags...]
  local label="$1" case="$2" rep="$3"; shift 3
  java "$@" "${JAVA_TRUST[@]}" -jar "$JAR" publish --bucket "$BUCKET" --endpoint-url "$endpoint" --path-style \
    --base-dir "$work/data/$case" --path '**/*.json' --prefix "bench/$label" \
    --ci-system bench --pipeline "$case" --run-id "$rep" --run-url "http://bench.invalid/$case/$rep" >/dev/null
}
run_dry() { # case rep: the same publish, validation and hashing only (where the time goes)
  java "${ACTION_FLAGS[@]}" -jar "$JAR" publish --bucket "$BUCKET" --region us-east-1 --dry-run \
    --base-dir "$work/data/$1" --path '**/*.json' --ci-system bench --pipeline "$1" --run-id "$2" \
    --run-url "http://bench.invalid/$1/$2" >/dev/null
}
run_aws() { # case rep
  "$AWS" s3 cp --recursive --quiet --endpoint-url "$endpoint" "$work/data/$1" "s3://$BUCKET/bench/aws/$1/$2/"
}
TICK_MS=$((1000 / $(getconf CLK_TCK)))
children_cpu_ms() { # sets CHILDREN_CPU_MS: user + system CPU of this shell's finished children so far (bash's
  # `times`, second line). Never call it in a pipe or $(...): a subshell has no children of its own
  times >"$work/times"
  CHILDREN_CPU_MS="$(awk 'NR == 2 { t = 0; for (i = 1; i <= 2; i++) { split($i, p, /[ms]/); t += p[1] * 60000 + p[2] * 1000 }
                                    printf "%d", t }' "$work/times")"
}
server_cpu_ms() { # user + system CPU of the sandbox's JVM so far
  awk -v tick="$TICK_MS" '{ printf "%d", ($14 + $15) * tick }' "/proc/$server_pid/stat"
}
timed() { # tool case rep command...: wall time, the tool's own CPU, and the CPU the sandbox spent meanwhile
  local tool="$1" case="$2" rep="$3"; shift 3
  local start end cpu0 cpu1 server0 server1
  children_cpu_ms; cpu0="$CHILDREN_CPU_MS"; server0="$(server_cpu_ms)"
  start="$(now_ms)"
  "$@"
  end="$(now_ms)"
  children_cpu_ms; cpu1="$CHILDREN_CPU_MS"; server1="$(server_cpu_ms)"
  printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$tool" "$case" "$rep" "$((end - start))" "$((cpu1 - cpu0))" \
    "$((server1 - server0))" >>"$timings"
  printf '  %-22s %-7s rep %s: %6d ms (CPU: own %5d ms, sandbox %5d ms)\n' "$tool" "$case" "$rep" "$((end - start))" \
    "$((cpu1 - cpu0))" "$((server1 - server0))" >&2
}

# warm the server's JVM first (untimed), so that neither tool pays for S3Proxy's own warm-up: every case once with
# each tool, since the 200 MB file's multipart path and heap growth cost the sandbox twice its usual CPU the first
# times, and only the small case warmed it before session 12 (the first repetition, publish's, paid for it)
echo "warming up the sandbox" >&2
for case in small medium large; do
  run_aws "$case" 0
  run_publish warmup "$case" 0 "${ACTION_FLAGS[@]}"
  "$AWS" s3 rm --recursive --quiet --endpoint-url "$endpoint" "s3://$BUCKET/bench/"
done

for case in small medium large; do
  for rep in $(seq 1 "$REPS"); do
    # alternate the order so neither tool always runs on a warmer server
    if [ $((rep % 2)) -eq 1 ]; then
      timed "publish (action flags)" "$case" "$rep" run_publish action "$case" "$rep" "${ACTION_FLAGS[@]}"
      timed "publish (default JVM)" "$case" "$rep" run_publish default "$case" "$rep"
      timed "aws s3 cp --recursive" "$case" "$rep" run_aws "$case" "$rep"
    else
      timed "aws s3 cp --recursive" "$case" "$rep" run_aws "$case" "$rep"
      timed "publish (default JVM)" "$case" "$rep" run_publish default "$case" "$rep"
      timed "publish (action flags)" "$case" "$rep" run_publish action "$case" "$rep" "${ACTION_FLAGS[@]}"
    fi
    timed "publish --dry-run" "$case" "$rep" run_dry "$case" "$rep"
    # keep the in-memory store small: drop what this repetition wrote (not timed)
    "$AWS" s3 rm --recursive --quiet --endpoint-url "$endpoint" "s3://$BUCKET/bench/"
  done
done

mkdir -p bench/results
suffix=""
if [ "${TLS:-0}" = 1 ]; then suffix="-https"; fi
if [ -n "${LINK_MBPS:-}" ]; then suffix="$suffix-link${LINK_MBPS}"; fi
result="bench/results/publish-$(date -u +%F)$suffix.md"
/usr/bin/python3 - "$timings" "$result" "$REPS" "$(nproc)" "$(java -version 2>&1 | head -1)" "$("$AWS" --version 2>&1)" \
  "${ACTION_FLAGS[*]}" "start: $load_start; end: $(cut -d' ' -f1-3 /proc/loadavg)" "${TLS:-0}" "${LINK_MBPS:-}" <<'PY'
import statistics, sys, collections, datetime
timings, result, reps, cpus, java, aws, flags, load, tls, link = sys.argv[1:11]
transport = ("over HTTPS (a self-signed certificate that both tools are told to trust: `AWS_CA_BUNDLE`, and"
             " `-Djavax.net.ssl.trustStore` for the JVM)" if tls == "1" else "over plain HTTP")
if link:
    transport += (f", through a link capped at {link} MB/s towards the sandbox (`bench` LinkLimiter, one cap shared"
                  " by every connection, like a runner's uplink to S3)")
data = collections.defaultdict(list)
cpu = collections.defaultdict(list)
server = collections.defaultdict(list)
for line in open(timings):
    tool, case, rep, ms, own_cpu, server_cpu = line.rstrip("\n").split("\t")
    data[(case, tool)].append(int(ms))
    cpu[(case, tool)].append(int(own_cpu))
    server[(case, tool)].append(int(server_cpu))
cases = [("small", "1,000 files × 4 KB"), ("medium", "20 files × 5 MB"), ("large", "1 file × 200 MB")]
tools = ["publish (action flags)", "publish (default JVM)", "aws s3 cp --recursive", "publish --dry-run"]
lines = [
    f"# Upload benchmark: evidence-sync publish vs aws s3 cp ({datetime.datetime.utcnow():%Y-%m-%d %H:%M} UTC)",
    "",
    f"Machine: {cpus} vCPU. {java}. {aws}. S3: the sandbox (S3Proxy 4.1.0, in memory) as a separate process on the same",
    f"machine, {transport}, warmed up before timing. Whole processes timed, JVM / Python start included; median of " + reps + " repetitions, order alternated.",
    "Evidence: synthetic but valid OCSF JSON (marked `evidence-sync-bench (synthetic)`), so publish validates and",
    f"hashes every file as it does in CI. Action flags: `{flags}`. Produced by `bench/publish-vs-awscli.sh`.",
    "",
    "| Evidence | " + " | ".join(f"{t} median (ms)" for t in tools) + " | aws ÷ publish (action flags) | aws ÷ publish (default JVM) |",
    "| --- | " + " | ".join("---:" for _ in tools) + " | ---: | ---: |",
]
header_note = [
    "",
    "`publish --dry-run` is the same command without any S3 call (discover, read, validate, hash): what publishing",
    "spends before the first byte goes out.",
    "",
]
for case, label in cases:
    med = {t: statistics.median(data[(case, t)]) for t in tools}
    ratio_a = med[tools[2]] / med[tools[0]]
    ratio_d = med[tools[2]] / med[tools[1]]
    lines.append(f"| {label} | " + " | ".join(f"{med[t]:.0f}" for t in tools) + f" | {ratio_a:.2f}× | {ratio_d:.2f}× |")
lines += header_note + [
    "CPU time (user + system, median ms): each tool's own process, and the sandbox's JVM during the same run. The",
    f"tools and the sandbox share the machine's {cpus} vCPU, so no run can take less wall time than its floor, (own +",
    f"sandbox CPU) ÷ {cpus}; a tool whose floor exceeds the other tool's wall time cannot beat it by scheduling.",
    "",
    "| Evidence | " + " | ".join(f"{t}: own | sandbox" for t in tools[:3]) + " | publish (action flags): floor (ms)"
    + " | aws s3 cp: wall (ms) | publish --dry-run: own |",
    "| --- | " + " | ".join("---: | ---:" for _ in tools[:3]) + " | ---: | ---: | ---: |",
]
for case, label in cases:
    mc = {t: statistics.median(cpu[(case, t)]) for t in tools}
    ms = {t: statistics.median(server[(case, t)]) for t in tools}
    floor = (mc[tools[0]] + ms[tools[0]]) / int(cpus)
    lines.append(f"| {label} | " + " | ".join(f"{mc[t]:.0f} | {ms[t]:.0f}" for t in tools[:3])
                 + f" | {floor:.0f} | {statistics.median(data[(case, tools[2])]):.0f} | {mc[tools[3]]:.0f} |")
lines += ["", f"Load average while running (other jobs share this machine): {load}", "", "All runs (wall ms; CPU ms):", ""]
for case, label in cases:
    for t in tools:
        lines.append(f"- {label}, {t}: {', '.join(str(v) for v in data[(case, t)])}"
                     f" (CPU own: {', '.join(str(v) for v in cpu[(case, t)])};"
                     f" sandbox: {', '.join(str(v) for v in server[(case, t)])})")
lines.append("")
text = "\n".join(lines)
open(result, "w").write(text)
print(text)
PY
echo "written: $result" >&2
