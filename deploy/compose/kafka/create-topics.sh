#!/usr/bin/env bash
# Creates every DigiCell topic (kafka/topics.txt) on the compose cluster; safe to run again.
set -euo pipefail
bootstrap="${KAFKA_BOOTSTRAP:-kafka-1:19092}"
topics=/opt/kafka/bin/kafka-topics.sh
until "$topics" --bootstrap-server "$bootstrap" --list >/dev/null 2>&1; do
  echo "waiting for Kafka at $bootstrap"; sleep 2
done
grep -v '^#' /topics.txt | while read -r name partitions config; do
  [ -n "$name" ] || continue
  args=()
  IFS=',' read -ra pairs <<< "$config"
  for pair in "${pairs[@]}"; do args+=(--config "$pair"); done
  "$topics" --bootstrap-server "$bootstrap" --create --if-not-exists --topic "$name" \
    --partitions "$partitions" --replication-factor 3 "${args[@]}"
done
echo "topics ready"
