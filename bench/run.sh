#!/usr/bin/env bash
# Runs a benchmark and prints its figures. Not a test: nothing here gates CI.
#   bench/run.sh event-spine [events] [threads]
#   bench/run.sh gateway [requests] [concurrency]     (needs ./deploy/local/up.sh running)
#   bench/run.sh import [rows]                         (needs ./deploy/local/up.sh running)
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
  *) echo "usage: bench/run.sh event-spine|gateway|import [args]" >&2; exit 2 ;;
esac
