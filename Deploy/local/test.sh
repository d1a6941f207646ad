#!/usr/bin/env bash
# Runs lce's tests as CI does: installs what is missing, starts the local RabbitMQ and
# PostgreSQL, builds and runs every test target. Tests that need the real model
# (../shared/tools/get-real-model.sh) skip with a reason when it is absent.
# Usage: Deploy/local/test.sh [extra swift test arguments]
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
"$root/Deploy/local/deps.sh"
# The tests write to a database of their own on the same server, so the demo's `lce` database
# holds only what the demo measured.
export LCE_PG_DATABASE=${LCE_PG_DATABASE:-lce_test}
# Likewise a RabbitMQ virtual host of their own, emptied first: the dead letters the bad-input
# tests leave behind never show in the demo's `lce dead list`, and each run starts from no queues.
export LCE_AMQP_VHOST=${LCE_AMQP_VHOST:-lce_test}
"$root/Deploy/local/services.sh" start
if [ "$LCE_AMQP_VHOST" != / ]; then
    "$root/Deploy/local/rabbitmq.sh" ctl delete_vhost "$LCE_AMQP_VHOST" >/dev/null 2>&1 || true
    "$root/Deploy/local/rabbitmq.sh" start >/dev/null
fi
eval "$("$root/Deploy/local/services.sh" env)"
export AMQP_URL DATABASE_URL LCE_DATABASE_ADMIN_URL 2>/dev/null || true
swift build --build-tests "$@"
# The end-to-end tests start the built lce-router, lce-worker and lce-metrics as processes.
LCE_BIN_DIR="$(swift build --show-bin-path "$@")"
export LCE_BIN_DIR
# Tests run in parallel; the ones that stop and start the broker or the database would pull
# the ground from under the others, so they run first, on their own, then everything else.
echo "== restart tests (broker and database stopped and started under running clients)"
LCE_BROKER_RESTART_TESTS=1 swift test --skip-build --disable-xctest --no-parallel \
  --filter 'BrokerRestartTests|EndToEndRestartTests|storeReconnectsAfterTheServerRestarts|ingestionWaitsForTheServerToReturn' "$@"
echo "== all tests"
LCE_SKIP_RESTART_TESTS=1 swift test --skip-build --disable-xctest "$@"
