#!/usr/bin/env bash
# The main job on the bundled defaults, on a fresh Debian/Ubuntu machine:
#   1. installs what is missing, starts RabbitMQ and PostgreSQL locally, builds lce (release);
#   2. fine-tunes a LoRA and a QLoRA adapter of the bundled model on the bundled code tasks,
#      merges the LoRA adapter, and stores both training runs in PostgreSQL;
#   3. evaluates base, LoRA, merged, 8-bit, 4-bit and QLoRA side by side and prints the
#      trade-off table (every figure stored in PostgreSQL);
#   4. starts the metrics service, a base and a LoRA worker and the router on :8080, sends the
#      prototype's request, and reads the figures back with psql.
# The router and workers keep running for your own requests; `Deploy/local/demo.sh stop` stops
# them and the local RabbitMQ and PostgreSQL.
#
# Usage: Deploy/local/demo.sh [stop]
# Settings (environment): LCE_DEMO_MODEL (a model directory; default the bundled model),
#   LCE_DEMO_SAMPLES (eval tasks, default all 181 held-out tasks), LCE_DEMO_EPOCHS (default 5),
#   LCE_DEMO_PORT (router port, default 8080), LCE_HOME (default .lce/home).
set -euo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root"
state="$root/.lce"
export LCE_HOME="${LCE_HOME:-$state/home}"
run="$state/run"
logs="$state/logs"
port="${LCE_DEMO_PORT:-8080}"

say() { printf '\n== %s\n' "$*"; }

stop_stack() {
  shopt -s nullglob
  for pidfile in "$run"/*.pid; do
    pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
      kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
      kill -KILL "$pid" 2>/dev/null || true
    fi
    rm -f "$pidfile"
  done
  shopt -u nullglob
}

if [ "${1:-}" = stop ]; then
  stop_stack
  "$root/Deploy/local/services.sh" stop
  exit 0
fi
if [ $# -gt 0 ]; then
  echo "usage: Deploy/local/demo.sh [stop]" >&2
  exit 2
fi

model="${LCE_DEMO_MODEL:-$root/Deploy/models/default}"
samples="${LCE_DEMO_SAMPLES:-}"
epochs="${LCE_DEMO_EPOCHS:-5}"
# Every linear layer adapted at rank 16: on the 4.3M-parameter bundled model, q/v-only rank 8
# lowers the held-out loss but leaves pass@1 at zero.
train_flags=(--target-modules all-linear --r 16 --alpha 32 --dropout 0 --lr 3e-3 --batch-size 8 --max-length 256
             --epochs "$epochs" --eval-every 75)
if [ ! -f "$model/config.json" ]; then
  echo "demo.sh: $model is not a Hugging Face model directory (config.json missing); set LCE_DEMO_MODEL" >&2
  exit 2
fi

"$root/Deploy/local/deps.sh"
"$root/Deploy/local/services.sh" start
eval "$("$root/Deploy/local/services.sh" env)"
export AMQP_URL DATABASE_URL LCE_DATABASE_ADMIN_URL

say "building lce (release)"
swift build -c release
bin=$(swift build -c release --show-bin-path)
lce="$bin/lce"

say "the machine every figure is measured on"
"$lce" hardware
"$lce" db migrate

mkdir -p "$LCE_HOME/models" "$LCE_HOME/adapters" "$run" "$logs"
ln -sfn "$model" "$LCE_HOME/models/default"
adapters="$LCE_HOME/adapters"
merged="$LCE_HOME/models/default-code-merged"

# Fine-tuning, once: a later run reuses the adapters (delete them to train again).
if [ ! -f "$adapters/code/adapter_config.json" ]; then
  say "fine-tuning a LoRA adapter on the bundled code tasks ($epochs epochs)"
  "$lce" train --model "$model" --output "$adapters/code" --method lora --experiment demo "${train_flags[@]}"
else
  say "reusing the LoRA adapter in $adapters/code"
fi
if [ ! -f "$adapters/code-qlora/adapter_config.json" ]; then
  say "fine-tuning a QLoRA adapter (4-bit base) on the same tasks ($epochs epochs)"
  "$lce" train --model "$model" --output "$adapters/code-qlora" --method qlora --experiment demo "${train_flags[@]}"
else
  say "reusing the QLoRA adapter in $adapters/code-qlora"
fi
if [ ! -f "$merged/config.json" ] || [ "$adapters/code/adapter_model.safetensors" -nt "$merged/config.json" ]; then
  say "merging the LoRA adapter into the base"
  "$lce" merge --model "$model" --adapter "$adapters/code" --output "$merged"
fi

say "evaluating six variants side by side (${samples:-all} held-out code tasks)"
"$lce" eval --model "$model" --merged "$merged" --experiment demo ${samples:+--limit "$samples"} \
  --variants base,lora.code,merged,q8,q4,qlora.code-qlora

say "serving: metrics service, a base and a LoRA worker, the router on :$port"
stop_stack
served_since=$(date -u +%Y-%m-%dT%H:%M:%SZ)
start() {
  local name=$1
  shift
  "$@" >"$logs/$name.log" 2>&1 &
  echo $! >"$run/$name.pid"
}
start metrics "$bin/lce-metrics" --health-port 9102
start worker-base "$bin/lce-worker" --variant base --model "$model" --health-port 9103
start worker-lora "$bin/lce-worker" --variant lora.code --model "$model" --health-port 9104
start router "$bin/lce-router" --port "$port" --tokenizer "$model" --simple-variant lora.code --complex-variant base

wait_http() {
  local url=$1 name=$2
  for _ in $(seq 1 120); do
    if curl -fsS "$url" >/dev/null 2>&1; then return 0; fi
    if ! kill -0 "$(cat "$run/$name.pid")" 2>/dev/null; then
      echo "demo.sh: $name exited; its log ($logs/$name.log) ends with:" >&2
      tail -n 20 "$logs/$name.log" >&2
      exit 1
    fi
    sleep 0.5
  done
  echo "demo.sh: $name did not answer $url within 60 s; see $logs/$name.log" >&2
  exit 1
}
wait_http http://127.0.0.1:9102/health metrics
wait_http http://127.0.0.1:9103/health worker-base
wait_http http://127.0.0.1:9104/health worker-lora
wait_http "http://127.0.0.1:$port/health" router

say "curl -X POST localhost:$port/generate -d '{\"prompt\":\"Write a Python function to reverse a string.\"}'"
# The router answers 503 until its pool monitor has seen the workers' consumers; retry briefly.
for attempt in $(seq 1 20); do
  if curl -fsS -X POST "localhost:$port/generate" \
       -d '{"prompt":"Write a Python function to reverse a string."}'; then
    echo
    break
  fi
  [ "$attempt" = 20 ] && { echo "demo.sh: the router did not answer; see $logs/router.log" >&2; exit 1; }
  sleep 1
done
sleep 1 # the metrics service commits in batches

say "the same figures, read back from PostgreSQL"
psql "$DATABASE_URL" -X -P pager=off -c "
  SELECT variant, round(quality::numeric, 3) AS quality, round(bleu::numeric, 1) AS bleu,
         round(codebleu::numeric, 3) AS codebleu, round(perplexity::numeric, 2) AS ppl,
         round(tokens_per_second::numeric, 1) AS tok_s, round(latency_p95_ms::numeric) AS p95_ms,
         round(peak_rss_mb::numeric, 1) AS rss_mb, round(size_mb::numeric, 2) AS size_mb
  FROM tradeoff_summary WHERE experiment = 'demo' ORDER BY evaluated_at DESC, variant LIMIT 6;"
psql "$DATABASE_URL" -X -P pager=off -c "
  SELECT method, adapter, steps, round(final_loss::numeric, 4) AS final_loss, round(train_seconds::numeric, 1) AS seconds,
         round(peak_rss_bytes / 1048576.0, 1) AS rss_mb
  FROM training_runs WHERE status = 'completed' AND adapter IN ('code', 'code-qlora')
  ORDER BY finished_at DESC NULLS LAST LIMIT 2;"
psql "$DATABASE_URL" -X -P pager=off -c "
  SELECT d.chosen_variant AS variant, d.reason, r.worker_id, r.prompt_tokens, r.completion_tokens,
         round(r.latency_ms::numeric, 1) AS latency_ms, r.status
  FROM routing_decisions d JOIN inference_requests r USING (request_id)
  WHERE d.decided_at >= '$served_since' ORDER BY d.decided_at;"

cat <<EOF

The router is on http://localhost:$port (logs in $logs). Try:
  curl -X POST localhost:$port/generate -d '{"prompt":"def fibonacci(n):", "variant":"base"}'
  psql "\$DATABASE_URL" -c "SELECT * FROM pareto_frontier WHERE experiment = 'demo'"   # after: eval "\$(Deploy/local/services.sh env)"
Stop everything with: Deploy/local/demo.sh stop
EOF
