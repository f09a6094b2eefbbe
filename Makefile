# rootcause — set-up, run on the bundled samples, test.
PY ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: setup run test bench model clean

setup: $(STAMP)

# torch 2.13.0 first, as its CPU build: PyPI's wheel for Linux is the multi-GB CUDA build,
# so PyTorch's CPU index is added whenever this machine can reach it. Offline mirrors and
# wheel folders in pip's own configuration are used as they are. Override with
# `make setup TORCH_INDEX=URL` (or `TORCH_INDEX=` for pip's configuration alone).
TORCH_INDEX ?= $(shell getent hosts download.pytorch.org >/dev/null 2>&1 && echo https://download.pytorch.org/whl/cpu)
$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q torch==2.13.0 $(if $(TORCH_INDEX),--extra-index-url $(TORCH_INDEX))
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $(STAMP)

run: setup
	$(BIN)/rootcause analyze data/samples/contacts.csv data/samples/transcripts.ndjson \
		--departments data/samples/departments.yaml --volumes data/samples/volumes.csv --out out/samples

test: setup
	$(BIN)/python -m pytest -q

# Benchmarks (slow: tens of minutes): end-to-end quality, then discovery vs BERTopic and k-means.
bench: setup
	$(BIN)/python -m pip install -q -e '.[bench]'
	$(BIN)/python bench/analyze.py
	$(BIN)/python bench/discovery.py

# Refit the default driver model served by the API from the bundled samples.
model: run
	rm -rf models/default && cp -r out/samples/model models/default

clean:
	rm -rf $(VENV) out .pytest_cache
