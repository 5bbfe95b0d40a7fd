#!/usr/bin/env bash
# Rewrites login-theme.yaml (a ConfigMap) from deploy/keycloak/themes/digicell, the one theme
# source; keycloak.yaml mounts it at /opt/keycloak/themes/digicell, each key back at its path.
# deploy/checks fails when the two differ.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
theme="$here/../../../keycloak/themes/digicell"
{
  echo "# GENERATED from deploy/keycloak/themes/digicell by regenerate-login-theme.sh; do not edit."
  echo "# A key is the file's path with '/' written as '__' (keycloak.yaml maps it back)."
  echo "apiVersion: v1"
  echo "kind: ConfigMap"
  echo "metadata:"
  echo "  name: digicell-login-theme"
  echo "data:"
  (cd "$theme" && find . -type f | sed 's|^\./||' | LC_ALL=C sort) | while read -r file; do
    echo "  ${file//\//__}: |"
    sed 's/^/    /' "$theme/$file"
  done
} > "$here/login-theme.yaml"
