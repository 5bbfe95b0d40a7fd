#!/usr/bin/env bash
# Start, stop and reset DigiCell on Docker Compose (docs/operations.md, "Compose").
#   ./digicell-compose.sh init     generate .env with fresh random secrets (once; never overwrites)
#   ./digicell-compose.sh build    build the five jars and their images
#   ./digicell-compose.sh up       start everything (init first if .env is missing)
#   ./digicell-compose.sh status   containers and their health
#   ./digicell-compose.sh logs [service]
#   ./digicell-compose.sh stop     stop, keeping every volume (data survives)
#   ./digicell-compose.sh reset    stop and DELETE all data volumes (asks first)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
compose=(docker compose --project-directory "$here" -f "$here/compose.yaml")

random_key() { head -c 32 /dev/urandom | base64 | tr -d '\n'; }
random_word() { head -c 24 /dev/urandom | base64 | tr -dc 'A-Za-z0-9' | head -c 32; }

# secrets added after a first init: appended to an existing .env, never replacing a value
add_missing() {
  local name value
  for name in NOTIFICATION_RECEIPT_SECRET NOTIFICATION_SMS_API_KEY NOTIFICATION_ZALO_ACCESS_TOKEN \
      REDIS_PASSWORD; do
    if ! grep -q "^$name=" "$here/.env"; then
      value=$(random_word)
      echo "$name=$value" >> "$here/.env"
      echo "added $name to .env"
    fi
  done
}

init() {
  if [ -f "$here/.env" ]; then
    echo ".env exists; keeping its secrets (delete it only together with a reset)"
    add_missing
    return
  fi
  umask 077
  cat > "$here/.env" <<ENV
# Generated $(date -u +%FT%TZ) by digicell-compose.sh init. Keep it secret, back it up:
# losing MEMBER_ENCRYPTION_KEY makes encrypted member fields unreadable.
KEYCLOAK_DB_PASSWORD=$(random_word)
KEYCLOAK_ADMIN_PASSWORD=$(random_word)
GATEWAY_CLIENT_SECRET=$(random_word)
MEMBER_SERVICE_CLIENT_SECRET=$(random_word)
MEMBER_ENCRYPTION_KEY=$(random_key)
MEMBER_HMAC_KEY=$(random_key)
MEETING_CHECKIN_SECRET=$(random_key)
LEDGER_SIGNING_KEY=$(random_key)
# the provider receipts' shared secret; SMS and Zalo: replace with the provider's credentials
NOTIFICATION_RECEIPT_SECRET=$(random_word)
NOTIFICATION_SMS_API_KEY=$(random_word)
NOTIFICATION_ZALO_ACCESS_TOKEN=$(random_word)
# the gateway's session store (Redis)
REDIS_PASSWORD=$(random_word)
GRAFANA_ADMIN_PASSWORD=$(random_word)
ENV
  echo "wrote $here/.env (Keycloak admin and Grafana admin passwords are in it)"
}

case "${1:-}" in
  init) init ;;
  build)
    (cd "$repo" && ./mvnw -B -q -pl member-service,meeting-service,document-service,notification-service,gateway -am package -DskipTests)
    "${compose[@]}" build ;;
  up)
    init
    "${compose[@]}" up -d
    echo "portal http://localhost:8080 · Keycloak http://keycloak:8180 (hosts: 127.0.0.1 keycloak)"
    echo "Grafana http://localhost:3000 · Prometheus http://localhost:9090" ;;
  status) "${compose[@]}" ps ;;
  logs) shift; "${compose[@]}" logs -f "$@" ;;
  stop|down) "${compose[@]}" down ;;
  reset)
    read -r -p "Delete ALL DigiCell compose data (Kafka, MongoDB, Keycloak, sessions, metrics)? Type yes: " answer
    [ "$answer" = yes ] || { echo "nothing deleted"; exit 1; }
    "${compose[@]}" down --volumes --remove-orphans ;;
  *) sed -n '2,10p' "$0"; exit 2 ;;
esac
