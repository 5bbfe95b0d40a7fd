#!/usr/bin/env bash
# Rewrites realm-import.yaml from deploy/keycloak/digicell-realm.json (the one realm source).
# JSON is YAML, so the realm is embedded as it is; deploy/checks compares the two.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
realm="$here/../../../keycloak/digicell-realm.json"
{
  echo "# GENERATED from deploy/keycloak/digicell-realm.json by regenerate-realm-import.sh; do not edit."
  echo "# deploy/checks fails when the two differ. Overlays patch only the portal URLs."
  echo "apiVersion: k8s.keycloak.org/v2alpha1"
  echo "kind: KeycloakRealmImport"
  echo "metadata:"
  echo "  name: digicell-realm"
  echo "spec:"
  echo "  keycloakCRName: digicell-keycloak"
  printf "  realm:\n"
  sed 's/^/    /' "$realm"
} > "$here/realm-import.yaml"
