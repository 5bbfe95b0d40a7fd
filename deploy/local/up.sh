#!/usr/bin/env bash
# Builds what is missing or out of date and starts the whole DigiCell platform on this machine, no Docker:
# Kafka (KRaft) and the Mongo-compatible store in the launcher's JVM, Keycloak and the five
# services as child processes. Ctrl-C stops everything.
#
#   deploy/local/up.sh [--data DIR] [--no-demo] [--port-offset N] [--services LIST]
#
# DIGICELL_NO_BUILD=1 skips the build check (development, e.g. with --services none).
# DIGICELL_LAUNCHER_OPTS overrides the launcher's JVM options.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
# shellcheck source=../../.mvn/find-jdk.sh
source "$ROOT/.mvn/find-jdk.sh"

# true when a source file or pom is newer than what was built from it (e.g. after a pull)
changed_since() {
  local built="$1"
  shift
  [ -n "$(find "$@" -newer "$built" -type f -print -quit 2>/dev/null)" ]
}

needs_build() {
  local module jar
  local launcher="$ROOT/deploy/local/target/classes/vn/digicell/local/LocalPlatform.class"
  for module in member-service meeting-service document-service notification-service gateway; do
    jar="$ROOT/$module/target/$module-0.1.0-SNAPSHOT.jar"
    [ -f "$jar" ] || return 0
    changed_since "$jar" "$ROOT/$module/src/main" "$ROOT/$module/pom.xml" "$ROOT/platform" \
      "$ROOT/pom.xml" && return 0
  done
  [ -f "$launcher" ] || return 0
  changed_since "$launcher" "$ROOT/deploy/local/src/main" "$ROOT/deploy/local/pom.xml" \
    "$ROOT/deploy/keycloak" && return 0
  compgen -G "$ROOT/deploy/local/target/lib/*.jar" > /dev/null || return 0
  [ -f "$ROOT/deploy/local/target/keycloak/keycloak-quarkus-dist.tar.gz" ] || return 0
  return 1
}

if [ "${DIGICELL_NO_BUILD:-0}" != 1 ] && needs_build; then
  echo "Building DigiCell (first run or changed sources: a few minutes)…"
  ./mvnw -B -q -DskipTests install
fi

data="$ROOT/data"
args=()
while [ $# -gt 0 ]; do
  case "$1" in
    --data) data="$2"; shift 2 ;;
    --data=*) data="${1#--data=}"; shift ;;
    *) args+=("$1"); shift ;;
  esac
done

# Kafka and the store run inside this JVM: a modest heap, the serial collector (2 cores).
# The embedded store keeps its indexes on the heap: a commune needs little; importing a
# province-sized register (~100,000 members) into it needs DIGICELL_LAUNCHER_OPTS="-Xmx2g ..."
opts="-Xms64m -Xmx1g -XX:+UseSerialGC -Dfile.encoding=UTF-8 --enable-native-access=ALL-UNNAMED"
# JDK 24+ warns when Kafka's and Netty's sun.misc.Unsafe calls run; older JDKs reject the flag
if [ "$(digicell_java_major "$JAVA_HOME")" -ge 24 ]; then
  opts="$opts --sun-misc-unsafe-memory-access=allow"
fi
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" ${DIGICELL_LAUNCHER_OPTS:-$opts} \
  -cp "$ROOT/deploy/local/target/classes:$ROOT/deploy/local/target/lib/*" \
  vn.digicell.local.LocalPlatform --root "$ROOT" --data "$data" ${args[@]+"${args[@]}"}
