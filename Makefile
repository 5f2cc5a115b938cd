# Two commands do all the set-up:  `make run`  and  `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# One trained model for the tests and the daemon when the state models and training match.
export THOUGHTFUL_MODEL_CACHE := $(CURDIR)/.cache

.PHONY: run test bench check adapt clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# torch first, pinned, so no other requirement pulls a multi-GB CUDA build.
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[train,dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/thoughtful run $(ARGS)

test: $(STAMP)
	$(BIN)/python -m pytest -q $(ARGS)

# Optional: Whisper adapted again on these state models (~2 hours here; one ships).
adapt: $(STAMP)
	$(BIN)/thoughtful models adapt

bench: $(STAMP)
	$(BIN)/thoughtful bench

check: $(STAMP)
	$(BIN)/thoughtful check

clean:
	rm -rf $(VENV) .cache build *.egg-info
