# PST consultation bot. `make run` and `make test` work on a fresh clone.
SHELL := /bin/bash
PY ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: run test deps venv migrate kb redis bench clean

$(BIN)/.installed: requirements.txt
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -r requirements.txt
	touch $@

venv: $(BIN)/.installed

deps:  ## system packages and services (redis, dovecot, chromium, postgresql) when missing
	@if [ "$$(id -u)" = 0 ]; then bash scripts/system-deps.sh; else sudo -n bash scripts/system-deps.sh || echo "skipping system packages (not root)"; fi

redis:  ## a private redis-server on var/run/redis.sock unless REDIS_URL is set
	@bash scripts/local-redis.sh

migrate: venv
	$(FLASK) db upgrade

kb: migrate
	$(FLASK) kb import

run: deps venv redis migrate kb
	@bash scripts/run.sh

test: deps venv
	bash scripts/test.sh

bench: venv
	$(BIN)/python -m bench

clean:
	rm -rf var/ .pytest_cache
