# The public interface of the project. Every target creates .venv first if it is missing.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
POSTGRES_URL ?= postgres://postgres@127.0.0.1:5432/postgres
LOCAL := DJANGO_SETTINGS_MODULE=config.settings.local

.PHONY: venv demo serve test test-sqlite test-postgres test-clock lint worker bench serve-production clean

venv: $(VENV)/.installed

$(VENV)/.installed: requirements/dev.txt
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --requirement requirements/dev.txt
	@touch $@

demo: venv
	$(LOCAL) $(BIN)/python manage.py migrate --noinput
	$(LOCAL) $(BIN)/python manage.py load_demo --port $(PORT)
	@echo
	@echo "Commissioning Exchange demo: http://127.0.0.1:$(PORT)/"
	@echo
	$(LOCAL) $(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

test: venv test-sqlite test-postgres test-clock

test-sqlite: venv
	@echo "== Test suite on SQLite"
	env -u DATABASE_URL $(BIN)/pytest

# PostgreSQL runs when it answers; with CI=true a silent PostgreSQL fails the run instead of skipping it.
test-postgres: venv
	@if $(BIN)/python -c "import psycopg, sys; psycopg.connect('$(POSTGRES_URL)', connect_timeout=3).close()" 2>/dev/null; then \
		echo "== Test suite on PostgreSQL ($(POSTGRES_URL))"; \
		DATABASE_URL=$(POSTGRES_URL) $(BIN)/pytest --create-db; \
	elif [ "$$CI" = "true" ]; then \
		echo "PostgreSQL does not answer at $(POSTGRES_URL): failing because CI=true"; exit 1; \
	else \
		echo "== SKIPPED: PostgreSQL does not answer at $(POSTGRES_URL); only SQLite was tested"; \
	fi

# No test may depend on a date the real clock can pass: the procurement, OCDS and marketplace tests again, with
# every clock of the test process 400 days ahead (time-machine, started by the root conftest).
CLOCK_SHIFT_DAYS ?= 400
test-clock: venv
	@echo "== Marketplace, procurement and OCDS tests with the clock $(CLOCK_SHIFT_DAYS) days ahead (SQLite)"
	env -u DATABASE_URL CX_CLOCK_SHIFT_DAYS=$(CLOCK_SHIFT_DAYS) $(BIN)/pytest exchange/marketplace -m "not browser"

lint: venv
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy
	$(LOCAL) $(BIN)/python manage.py makemigrations --check --dry-run

worker: venv
	$(LOCAL) TASK_BACKEND=django_tasks_db.DatabaseBackend $(BIN)/python manage.py db_worker

bench: venv
	$(BIN)/python bench/run.py

# Needs SECRET_KEY, DATABASE_URL (PostgreSQL), REDIS_URL, ALLOWED_HOSTS, EMAIL_HOST and OCDS_PREFIX in the environment.
serve-production: venv
	DJANGO_SETTINGS_MODULE=config.settings.production $(BIN)/python manage.py migrate --noinput
	DJANGO_SETTINGS_MODULE=config.settings.production $(BIN)/python manage.py collectstatic --noinput
	DJANGO_SETTINGS_MODULE=config.settings.production $(BIN)/gunicorn config.wsgi:application \
		--bind 127.0.0.1:$(PORT) --workers 2 --access-logfile -

clean:
	rm -rf $(VENV) staticfiles db.sqlite3 .pytest_cache .ruff_cache
