#!/usr/bin/env bash
# Installs what lce needs on a Debian/Ubuntu machine, skipping what is already there.
# Usage: Deploy/local/deps.sh            (idempotent; runs apt-get only when a package is missing)
set -euo pipefail

packages=(libopenblas-dev librabbitmq-dev libpq-dev rabbitmq-server postgresql python3)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "deps: installing ${missing[*]}" >&2
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  export DEBIAN_FRONTEND=noninteractive
  # Package scripts must not start system services: the project runs its own instances.
  policy=/usr/sbin/policy-rc.d
  created_policy=0
  if [ ! -e "$policy" ] && [ -z "$sudo_cmd" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy"; chmod +x "$policy"; created_policy=1
  fi
  $sudo_cmd apt-get update -qq
  $sudo_cmd apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  [ $created_policy -eq 0 ] || rm -f "$policy"
fi

if ! command -v swift >/dev/null 2>&1; then
  echo "deps: the Swift toolchain (6.1 or newer) is not on PATH." >&2
  echo "      Install it from swift.org (or swiftly) and run this command again." >&2
  exit 1
fi
