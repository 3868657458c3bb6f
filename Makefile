# The README's two commands: `make run` and `make test`. Everything they need, they install.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint install dev format neo4j-jars chromium bench clean

$(VENV)/.installed: pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: $(VENV)/.installed
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $@

install: $(VENV)/.installed

dev: $(VENV)/.installed-dev

## Start the service on the embedded store with the demo (loaded if empty) and a token per role.
run: install
	$(BIN)/partnership-graph serve --demo --host $(HOST) --port $(PORT)

lint: dev
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

format: dev
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## Lint, then every test, against the embedded store and a real Neo4j, and pages in Chromium.
test: lint neo4j-jars chromium
	$(BIN)/python -m pytest

## Neo4j 5.26 Community for the tests: jars from Maven Central (cached in neo4j-test/lib), launcher compiled.
NEO4J_TEST := neo4j-test
neo4j-jars: $(NEO4J_TEST)/target/classes/TestNeo4j.class

$(NEO4J_TEST)/lib/.copied: $(NEO4J_TEST)/pom.xml
	rm -rf $(NEO4J_TEST)/lib
	cd $(NEO4J_TEST) && mvn -q -B dependency:copy-dependencies -DoutputDirectory=lib -DincludeScope=runtime
	@touch $@

$(NEO4J_TEST)/target/classes/TestNeo4j.class: $(NEO4J_TEST)/src/TestNeo4j.java $(NEO4J_TEST)/lib/.copied
	@mkdir -p $(NEO4J_TEST)/target/classes
	javac -nowarn -d $(NEO4J_TEST)/target/classes -cp '$(NEO4J_TEST)/lib/*' $<

## Debian's Chromium for the browser tests, installed with apt-get when missing (Playwright never
## downloads a browser here: the tests drive this executable).
chromium:
	@test -x /usr/bin/chromium || { \
		if [ "$$(id -u)" = 0 ]; then SUDO=; else SUDO=sudo; fi; \
		$$SUDO apt-get update -qq && \
		$$SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

bench: dev
	$(BIN)/python -m benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache build *.egg-info
