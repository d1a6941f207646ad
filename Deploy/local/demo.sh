#!/usr/bin/env bash
# The main job on the bundled defaults: installs what is missing, starts RabbitMQ and
# PostgreSQL locally, builds lce in release mode and runs what exists so far.
# Usage: Deploy/local/demo.sh
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
"$root/Deploy/local/deps.sh"
"$root/Deploy/local/services.sh" start
eval "$("$root/Deploy/local/services.sh" env)"
export AMQP_URL DATABASE_URL LCE_DATABASE_ADMIN_URL 2>/dev/null || true
swift build -c release
bin=$(swift build -c release --show-bin-path)
echo "== the machine every figure is measured on"
"$bin/lce" hardware
