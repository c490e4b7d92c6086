# Two commands are all a newcomer needs: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1:8000

.PHONY: install run test lint bench vendor serve static

install: $(VENV)/.geinstalleerd

# Rebuilt only when pyproject.toml changes, so `make install` is a no-op when up to date.
$(VENV)/.geinstalleerd: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	touch $@

run: install
	DJANGO_DEBUG=1 $(BIN)/python manage.py migrate --noinput
	DJANGO_DEBUG=1 $(BIN)/python manage.py laad_voorbeelden
	@echo "De site draait op http://$(HOST)/ (stoppen met Ctrl+C)."
	@echo "Beheer: http://$(HOST)/beheer/ . Nog geen account? Maak er een met:"
	@echo "  DJANGO_DEBUG=1 $(BIN)/python manage.py maak_redacteur JOUWNAAM"
	@echo "Contactberichten worden bezorgd door een verzender die meedraait (mail in de console)."
	DJANGO_DEBUG=1 $(BIN)/python manage.py verstuur_contactberichten --blijf & \
	  trap 'kill $$! 2>/dev/null' EXIT INT TERM; \
	  DJANGO_DEBUG=1 $(BIN)/python manage.py runserver $(HOST)

# The production stack on this machine: nginx in front of gunicorn and the mail sender
# (deploy/), each restarted on its own when it stops. Reads the production environment
# (docs/productie.md); PORT is 8080 unless set.
serve: install static
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python deploy/serve.py

# collectstatic only when a static file (ours, or an installed package's) changed.
static: staticfiles/staticfiles.json
staticfiles/staticfiles.json: $(VENV)/.geinstalleerd $(shell find static */static -type f 2>/dev/null)
	$(BIN)/python manage.py collectstatic --noinput -v0
	touch $@

# Tests run with debug off, as in production; the key below exists only for the test run.
test: install
	DJANGO_SECRET_KEY=$${DJANGO_SECRET_KEY:-alleen-voor-tests-niet-geheim} $(BIN)/pytest $(PYTEST_ARGS)

# The benchmark (bench/README.md) runs on PostgreSQL unless BENCH_DATABASE_URL says otherwise;
# it fills that database with generated content. Options in BENCH_ARGS, e.g.
# `make bench BENCH_ARGS='--aantal 2000'` (one size) or `BENCH_ARGS='--snel'` (short runs).
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/praktijkadviezen_bench
bench: install
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bench/bench.py $(BENCH_ARGS)

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# Refresh what static/vendor/ holds (NL Design System CSS, its font, SortableJS) from the
# exact versions in vendor/package.json and its lock file. Needs npm; `make run` does not.
vendor: install
	rm -rf var/vendor && mkdir -p var/vendor
	cp vendor/package.json vendor/package-lock.json var/vendor/
	cd var/vendor && npm ci --ignore-scripts --no-audit --no-fund
	$(BIN)/python vendor/bouw.py var/vendor/node_modules
