#!/usr/bin/env bash
# Starts the action server (:5055), Rasa with the REST channel (:5005) and, when
# TELEGRAM_BOT_TOKEN is set, the Telegram bot. Ctrl-C stops all of them.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=${VENV:-.venv}
ACTIONS_PORT=${ACTIONS_PORT:-5055}
RASA_PORT=${RASA_PORT:-5005}

pids=()
stop() { trap - INT TERM EXIT; kill "${pids[@]}" 2>/dev/null || true; wait 2>/dev/null || true; }
trap stop INT TERM EXIT

"$VENV/bin/python" -m rasa_sdk --actions actions --port "$ACTIONS_PORT" &
pids+=($!)
"$VENV/bin/rasa" run --model models --port "$RASA_PORT" --credentials credentials.yml \
  --endpoints endpoints.yml --cors "*" &
pids+=($!)

if [ -n "${TELEGRAM_BOT_TOKEN:-}" ]; then
  RASA_URL=${RASA_URL:-http://localhost:$RASA_PORT} "$VENV/bin/python" -m bot &
  pids+=($!)
else
  echo "TELEGRAM_BOT_TOKEN is not set: the Telegram bot is not started (see docs/telegram.md)."
fi
echo "Assistant starting: REST channel http://localhost:$RASA_PORT/webhooks/rest/webhook (Ctrl-C stops)"
wait -n "${pids[@]}"
