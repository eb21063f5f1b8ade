# Một Cửa — the two commands a newcomer needs:
#   make run    install, build demo data if the warehouse is empty, serve http://127.0.0.1:8050
#   make test   install test dependencies, lint, run the whole test suite
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin

.PHONY: run serve test install install-test install-bench bench demo lint format clean i18n

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Re-install whenever pyproject.toml changes (pinned versions live there).
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
	touch $(VENV)/.installed $@

$(VENV)/.installed-bench: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -e ".[bench]"
	touch $(VENV)/.installed $@

# The English catalogue (ui/i18n.py), compiled whenever its .po changes.
CATALOGUE := ui/locale/en/LC_MESSAGES/messages
$(CATALOGUE).mo: $(CATALOGUE).po $(VENV)/.installed
	$(BIN)/pybabel -q compile -D messages -d ui/locale -l en

install: $(VENV)/.installed $(CATALOGUE).mo
install-test: $(VENV)/.installed-test $(CATALOGUE).mo
install-bench: $(VENV)/.installed-bench $(CATALOGUE).mo

# After adding or changing a text: extract every marked text (babel.cfg, the keywords of
# ui/catalogue.py), merge into the English catalogue, then write the new msgstr entries.
I18N_KEYWORDS := -k _ -k t -k N_ -k NP_:1c,2 -k pgettext:1c,2 -k ngettext:1,2
I18N_SOURCES := app.py ui pages web screen api kpi etl data
i18n: install
	$(BIN)/pybabel -q extract -F babel.cfg --no-default-keywords $(I18N_KEYWORDS) \
		--add-location=file --sort-by-file -w 100 -o ui/locale/messages.pot $(I18N_SOURCES)
	$(BIN)/pybabel -q update -D messages -d ui/locale -l en -i ui/locale/messages.pot -w 100 \
		--no-fuzzy-matching --ignore-obsolete
	$(BIN)/pybabel -q compile -D messages -d ui/locale -l en

# A local demo admin is created (its login printed once) when there is no user yet.
run: install
	$(BIN)/python -m etl demo --if-empty
	$(BIN)/python -m etl users demo-admin
	$(BIN)/python app.py

# Production: gunicorn (no debugger, several workers) on MOTCUA_HOST:MOTCUA_PORT; refuses to
# start without MOTCUA_SECRET_KEY (app.py refuses too). Users: python -m etl users add ...
serve: install
	@test -n "$$MOTCUA_SECRET_KEY" || { echo "MOTCUA_SECRET_KEY chưa được đặt: make serve không khởi động" >&2; exit 1; }
	$(BIN)/python -m etl demo --if-empty
	$(BIN)/gunicorn -w 2 --threads 8 -b "$${MOTCUA_HOST:-127.0.0.1}:$${MOTCUA_PORT:-8050}" app:server

# Benchmarks (not in the test suite): SCALE=100k|1m|10m|50m; results in bench/results/.
SCALE ?= 1m
bench: install-bench
	$(BIN)/python bench/run.py --scale $(SCALE)

demo: install
	$(BIN)/python -m etl demo

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

# The suite on TEST_WORKERS processes (pytest-xdist), each test module kept on one worker so
# its fixtures (warehouses, app servers, browsers) are built once; TEST_WORKERS=0: one process.
# The 15 slowest tests are listed at the end (CI must stay under 20 minutes on 2 cores).
TEST_WORKERS ?= 2
test: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/python -m pytest -n $(TEST_WORKERS) --dist loadscope --durations=15

format: install-test
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache test-artifacts
