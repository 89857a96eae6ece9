# Two commands for a newcomer: `make run` and `make test`. Everything else is set up on demand.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Rasa 3.6 needs Python 3.8-3.10: the newest pyenv 3.10, else python3.10 from PATH, each
# checked to really run 3.10 (a pyenv shim exists even when 3.10 is not the active version).
PYTHON310 ?= $(shell for p in $$(ls -d $${PYENV_ROOT:-$$HOME/.pyenv}/versions/3.10.*/bin/python 2>/dev/null | sort -rV) $$(command -v python3.10 2>/dev/null); do "$$p" -c 'import sys; assert sys.version_info[:2] == (3, 10)' 2>/dev/null && { echo "$$p"; break; }; done)
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
export PYTHONPATH := $(CURDIR)
export SQLALCHEMY_SILENCE_UBER_WARNING := 1
export TF_CPP_MIN_LOG_LEVEL := 3
# Rasa's anonymous telemetry would try the network: off.
export RASA_TELEMETRY_ENABLED := false

TRAINING_FILES := config.yml domain.yml $(shell find data -name '*.yml' 2>/dev/null)
MODEL_STAMP := models/.trained

.PHONY: help setup venv db catalogs train run test test-fast validate nlu-eval chat bot bench bench-db bench-rasa bench-scale clean

help:
	@echo "make run   - set up everything and start the assistant on 127.0.0.1 (actions :5055, Rasa REST :5005, Telegram bot if TELEGRAM_BOT_TOKEN is set), restarted when it crashes"
	@echo "make test  - set up as needed and run every test"
	@echo "make train | make chat | make bot | make db | make catalogs | make nlu-eval | make bench"

$(VENV)/.installed: requirements.txt constraints.txt
	@test -n "$(PYTHON310)" || { echo "Python 3.10 not found: install it (e.g. 'pyenv install 3.10') or set PYTHON310=/path/to/python3.10"; exit 1; }
	test -x $(PY) || $(PYTHON310) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade "pip<24.1"
	$(VENV)/bin/pip install --quiet -r requirements.txt -c constraints.txt
	touch $@

venv: $(VENV)/.installed

catalogs: venv
	$(PY) -m i18n.catalogs compile

db: venv
	$(PY) -m db migrate
	$(PY) -m db seed

setup: venv catalogs db

# Retrain only when the training data or config changed.
$(MODEL_STAMP): $(TRAINING_FILES) | venv
	$(RASA) train --fixed-model-name aid-assistant --out models
	touch $@

train: venv $(MODEL_STAMP)

run: setup train
	./scripts/run.sh

chat: venv
	$(PY) scripts/chat.py

bot: venv catalogs
	$(PY) -m bot

validate: venv
	$(RASA) data validate --fail-on-warnings

nlu-eval: train
	$(PY) scripts/nlu_eval.py

# Every test: data validation, unit and database tests (SQLite and PostgreSQL),
# the NLU floor, end-to-end conversations through a running Rasa + action server,
# make run's stack (restart, crashes), two Rasa processes on PostgreSQL + Redis, compose.
test: setup train validate
	$(PY) -m pytest -q tests

bench: bench-db bench-rasa bench-scale

# Writes bench/RESULTS-db.md (1,000,000 synthetic transactions on SQLite and PostgreSQL).
bench-db: setup
	$(PY) bench/db_bench.py

# Starts the assistant and the stock `rasa init` bot, measures both in the same run,
# writes bench/RESULTS-rasa.md.
bench-rasa: setup train
	$(PY) bench/run_rasa_bench.py --rounds 3

# Needs PostgreSQL and Redis (as make test does): one vs two Rasa processes on PostgreSQL
# trackers and Redis locks beside the stock bot, and the action server under concurrent
# requests; writes bench/RESULTS-scale.md.
bench-scale: setup train
	$(PY) bench/scale_bench.py --rounds 3

clean:
	rm -rf $(VENV) models var .pytest_cache
