#!/usr/bin/env bash
# Runs a benchmark and prints its figures. Not a test: nothing here gates CI.
#   bench/run.sh event-spine [events] [threads]
#   bench/run.sh gateway [requests] [concurrency]     (needs ./deploy/local/up.sh running)
#       the gateway's rate limits would refuse one user's flood: start the platform for it with
#       DIGICELL_GATEWAY_RATELIMIT_ENABLED=false ./deploy/local/up.sh
#   bench/run.sh import [rows]                         (needs ./deploy/local/up.sh running)
#   bench/run.sh fanout [members]                      (in-process: notification-service + embedded store)
#   bench/run.sh reliability [admissions]              (starts its own platform on ports +10000: the
#       e2e scenario ServiceKilledRun at full size, 1,000 admissions by default; prints its table)
#   bench/run.sh malformed [per-service]                (starts its own platform on ports +10000: the
#       e2e suite MalformedInputIT at full size, 10,000 junk requests per service by default, made
#       from each service's OpenAPI description; prints its table)
#   bench/run.sh portal [base-url] [user] [password]   (needs ./deploy/local/up.sh running; headless
#       Chromium throttled to 400 ms / 50 KB/s down / 20 KB/s up; base URL also from DIGICELL_URL)
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
cd "$ROOT"
. ./.mvn/find-jdk.sh
if [ ! -d bench/target/lib ] || [ ! -d bench/target/classes ]; then
  ./mvnw -B -q -DskipTests -pl bench -am install
fi
CP="bench/target/classes:bench/target/lib/*"
case "${1:-}" in
  event-spine) shift; exec java -Xmx1g -cp "$CP" vn.digicell.bench.EventSpineBenchmark "$@" ;;
  gateway) shift; exec java -cp "$CP" vn.digicell.bench.GatewayBenchmark "$@" ;;
  import) shift; exec java -cp "$CP" vn.digicell.bench.ImportBenchmark "$@" ;;
  fanout)
    shift
    # notification-service is an application (its jar is repackaged): run it from its classes
    NCP=notification-service/target/bench-classpath.txt
    if [ ! -f "$NCP" ] || [ ! -d notification-service/target/classes ]; then
      ./mvnw -B -q -o -pl notification-service compile dependency:build-classpath \
        -Dmdep.includeScope=test -Dmdep.outputFile=target/bench-classpath.txt
    fi
    exec java -Xmx4g -cp "bench/target/classes:notification-service/target/classes:$(cat "$NCP")" \
      vn.digicell.bench.FanOutBenchmark "$@" ;;
  portal) shift; exec java -cp "$CP" vn.digicell.bench.PortalBenchmark "$@" ;;
  reliability)
    shift
    # builds what the platform runs (unit tests skipped), then the one scenario at full size
    mkdir -p e2e/target
    rm -f e2e/target/reliability-service-killed.md
    ./mvnw -B -q -pl e2e -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
      -Dit.test=ServiceKilledRun -Dfailsafe.failIfNoSpecifiedTests=false \
      -Ddigicell.reliability.admissions="${1:-1000}" >e2e/target/reliability-run.log 2>&1 \
      || { tail -40 e2e/target/reliability-run.log; exit 1; }
    cat e2e/target/reliability-service-killed.md ;;
  malformed)
    shift
    # builds what the platform runs (unit tests skipped), then the junk suite at full size
    mkdir -p e2e/target
    rm -f e2e/target/reliability-malformed.md
    ./mvnw -B -q -pl e2e -am verify -Dtest=NONE -Dsurefire.failIfNoSpecifiedTests=false \
      -Dit.test=MalformedInputIT -Dfailsafe.failIfNoSpecifiedTests=false \
      -Ddigicell.reliability.malformed-per-service="${1:-10000}" \
      >e2e/target/reliability-malformed-run.log 2>&1 \
      || { tail -40 e2e/target/reliability-malformed-run.log; cat e2e/target/reliability-malformed.md 2>/dev/null; exit 1; }
    cat e2e/target/reliability-malformed.md ;;
  *) echo "usage: bench/run.sh event-spine|gateway|import|fanout|portal|reliability|malformed [args]" >&2; exit 2 ;;
esac
