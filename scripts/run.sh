#!/usr/bin/env bash
# `make run`: the action server (127.0.0.1:5055), Rasa with the REST channel
# (127.0.0.1:5005) and, when TELEGRAM_BOT_TOKEN is set, the Telegram bot, under
# supervisord (deploy/supervisord.conf), which starts again whatever crashes.
# Conversations are kept in Rasa's SQL tracker store: a SQLite file in var/ unless
# TRACKER_DATABASE_URL names another database (docs/deploy.md). Ctrl-C stops everything.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO_DIR=$PWD
VENV=${VENV:-.venv}
VENV_BIN=$(cd "$VENV/bin" && pwd)
VAR_DIR=${VAR_DIR:-$REPO_DIR/var}
mkdir -p "$VAR_DIR"
VAR_DIR=$(cd "$VAR_DIR" && pwd)
ACTIONS_PORT=${ACTIONS_PORT:-5055}
RASA_PORT=${RASA_PORT:-5005}

# Read by endpoints.yml (Rasa substitutes ${...}).
export ACTION_ENDPOINT_URL="http://127.0.0.1:$ACTIONS_PORT/webhook"
export TRACKER_DATABASE_URL=${TRACKER_DATABASE_URL:-sqlite:///$VAR_DIR/tracker.sqlite3}
# Read by deploy/supervisord.conf.
export REPO_DIR VENV_BIN VAR_DIR ACTIONS_PORT RASA_PORT
export PYTHONPATH=$REPO_DIR${PYTHONPATH:+:$PYTHONPATH}
export RASA_TELEMETRY_ENABLED=${RASA_TELEMETRY_ENABLED:-false}

if [ -n "${TELEGRAM_BOT_TOKEN:-}" ]; then
  export BOT_AUTOSTART=true
  export RASA_URL=${RASA_URL:-http://127.0.0.1:$RASA_PORT}
  export BOT_STATE_FILE=${BOT_STATE_FILE:-$VAR_DIR/bot-state.pickle}
  if [ -z "${SENDER_ID_SECRET:-}" ]; then
    # Made once and kept: a new secret would start every Telegram conversation afresh.
    secret_file=$VAR_DIR/sender-id-secret
    if [ ! -s "$secret_file" ]; then
      (umask 077 && "$VENV_BIN/python" -c 'import secrets; print(secrets.token_hex(32))' >"$secret_file.new" \
        && mv "$secret_file.new" "$secret_file")
      echo "Created the sender id secret in $secret_file (keep it; see docs/telegram.md)."
    fi
    SENDER_ID_SECRET=$(cat "$secret_file")
    export SENDER_ID_SECRET
  fi
else
  export BOT_AUTOSTART=false
  echo "TELEGRAM_BOT_TOKEN is not set: the Telegram bot is not started (see docs/telegram.md)."
fi

echo "Assistant starting: REST channel http://127.0.0.1:$RASA_PORT/webhooks/rest/webhook (Ctrl-C stops)"
exec "$VENV_BIN/supervisord" -c deploy/supervisord.conf
