# Two commands for a newcomer: `make run` and `make test`. Everything else is set up on demand.
SHELL := /bin/bash
.DEFAULT_GOAL := help

# Rasa 3.6 needs Python 3.8-3.10: take python3.10 from PATH, else pyenv's newest 3.10.
PYTHON310 ?= $(shell command -v python3.10 2>/dev/null || ls -d $$HOME/.pyenv/versions/3.10.*/bin/python 2>/dev/null | sort -V | tail -n 1)
VENV := .venv
PY := $(VENV)/bin/python
RASA := $(VENV)/bin/rasa
export PYTHONPATH := $(CURDIR)
export SQLALCHEMY_SILENCE_UBER_WARNING := 1

NLU_DATA := $(shell find data -name '*.yml' 2>/dev/null)
MODEL_STAMP := models/.trained

.PHONY: help setup venv db catalogs train run test chat bot bench clean

help:
	@echo "make run   - set up everything and start the assistant (actions :5055, Rasa REST :5005, Telegram bot if TELEGRAM_BOT_TOKEN is set)"
	@echo "make test  - set up as needed and run every test"
	@echo "make train | make chat | make bot | make db | make catalogs | make bench"

$(VENV)/.installed: requirements.txt constraints.txt
	@test -n "$(PYTHON310)" || { echo "Python 3.10 not found: install it (e.g. 'pyenv install 3.10') or set PYTHON310=/path/to/python3.10"; exit 1; }
	$(PYTHON310) -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --upgrade "pip<24.1"
	$(VENV)/bin/pip install --quiet -r requirements.txt -c constraints.txt
	touch $@

venv: $(VENV)/.installed

setup: venv catalogs db

db: venv
	$(PY) -m db migrate
	$(PY) -m db seed

catalogs: venv
	$(PY) -m i18n.catalogs compile

$(MODEL_STAMP): config.yml domain.yml $(NLU_DATA) | venv
	$(RASA) train --fixed-model-name aid-assistant --out models
	touch $@

train: venv $(MODEL_STAMP)

test: setup
	$(PY) -m pytest -q tests

clean:
	rm -rf $(VENV) models var .pytest_cache
