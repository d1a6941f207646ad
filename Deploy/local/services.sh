#!/usr/bin/env bash
# Starts, stops and reports the local RabbitMQ and PostgreSQL that lce uses, each under the
# project-local state directory (.lce/state), on loopback ports that do not clash with a
# system install. `env` prints AMQP_URL, DATABASE_URL and LCE_DATABASE_ADMIN_URL.
# Usage: Deploy/local/services.sh start|stop|status|env
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
cmd=${1:-status}
case "$cmd" in
  start|stop|status|env) ;;
  *) echo "usage: $0 start|stop|status|env" >&2; exit 2 ;;
esac
for svc in rabbitmq postgres; do
  if [ -x "$here/$svc.sh" ]; then "$here/$svc.sh" "$cmd"; fi
done
