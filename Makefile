# Two commands: `make run` and `make test`. Each sets itself up on a fresh machine.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
PORT   ?= 8501

.PHONY: run test eval eval-external eval-acled bench gazetteer compiled pure clean

# The engine's rule modules compiled with mypyc (incidentmap/compiled.py): C extensions beside their sources,
# about a third more articles per second, the same output. run, test, eval and bench build them (once, and
# again after any change to the package; ~40 s) and, without a C compiler, go on as plain Python.
# PURE=1 (`make test PURE=1`) runs plain Python; `make pure` removes the extensions.
COMPILED := $(VENV)/.compiled-stamp
ENGINE   := $(if $(PURE),pure,$(COMPILED))

$(STAMP): requirements.txt requirements-dev.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -r requirements.txt -r requirements-dev.txt
	# The package itself, editable: `python -m incidentmap` works from any folder with this venv.
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $@

# Opens the page in the default browser once the server is up (quietly does nothing on a machine without one).
run: $(STAMP) $(ENGINE)
	@echo "Incident Map: http://localhost:$(PORT)"
	@( for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do sleep 1; \
	   $(BIN)/python -c "import urllib.request; urllib.request.urlopen('http://localhost:$(PORT)/_stcore/health', timeout=1)" \
	   2>/dev/null && { $(BIN)/python -m webbrowser -t http://localhost:$(PORT) >/dev/null 2>&1; break; }; done ) &
	$(BIN)/streamlit run dashboard.py --server.port $(PORT)

test: $(STAMP) $(ENGINE)
	$(BIN)/python -m pytest -q

$(COMPILED): $(STAMP) scripts/compile_engine.py $(wildcard incidentmap/*.py incidentmap/*/*.py)
	$(BIN)/python scripts/compile_engine.py --optional
	touch $@

compiled: $(COMPILED)

pure:
	$(PYTHON) scripts/compile_engine.py --clean
	rm -f $(COMPILED)

# Accuracy on the dev set, then on the held-out set nobody tuned on; then the cross-article merge (same).
eval: $(STAMP) $(ENGINE)
	$(BIN)/python -m bench.evaluate
	$(BIN)/python -m bench.evaluate --devset data/heldout2
	$(BIN)/python -m bench.merge_eval
	$(BIN)/python -m bench.merge_eval --corpus data/corpus_heldout

# Geoparsing on public corpora nobody here wrote (LGL, TR-News; GPL-3.0, read from where they lie, never copied):
#   make eval-external CORPUS="path/to/lgl.xml path/to/TR-News.xml"      (no CORPUS: skipped)
eval-external: $(STAMP) $(ENGINE)
	$(BIN)/python -m bench.external $(CORPUS)

# Incidents against human-coded ACLED events (ACLED's terms: read from where the export lies, never copied):
#   make eval-acled CSV="path/to/acled_export.csv …"      (no CSV: skipped; ACLED=… works too)
eval-acled: $(STAMP) $(ENGINE)
	$(BIN)/python -m bench.acled $(CSV) $(ACLED)

# Speed: the pipeline (one core), corpus ingest (1 and 2 workers), the corpus page on 1,000,000 events, then the
# dashboard in Chromium
# (/usr/bin/chromium, else Playwright's own).
bench: $(STAMP) $(ENGINE)
	$(BIN)/python -m bench.pipeline_speed
	$(BIN)/python -m bench.corpus --n 2000 --workers 1 2
	$(BIN)/python -m bench.corpus_page --events 1000000
	$(BIN)/python -m bench.dashboard_speed

# Rebuilds incidentmap/data/gazetteer/ from the GeoNames-derived packages in requirements-dev.txt, then the national
# units GeoNames lacks (scripts/build_units.py: it reads the files the first step writes).
gazetteer: $(STAMP)
	$(BIN)/python scripts/build_gazetteer.py
	$(BIN)/python scripts/build_units.py

clean:
	$(PYTHON) scripts/compile_engine.py --clean
	rm -rf $(VENV) .pytest_cache
