# Two commands do all the set-up:  `make run`  and  `make test`.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# One trained model for the tests and the daemon when the state models and training match.
export THOUGHTFUL_MODEL_CACHE := $(CURDIR)/.cache

# What the tests need from Debian: a broker, voices for test speech, sox, ALSA's tools.
SYSTEM_PACKAGES := mosquitto espeak-ng sox flite alsa-utils

.PHONY: run test bench check adapt clean system-packages

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	# torch first, pinned, so no other requirement pulls a multi-GB CUDA build.
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[train,dev]'
	touch $(STAMP)

run: $(STAMP)
	$(BIN)/thoughtful run $(ARGS)

test: $(STAMP) system-packages
	$(BIN)/python -m pytest -q $(ARGS)

# Installs the missing ones as root (or with sudo that needs no password); else says which.
system-packages:
	@missing="$$(for p in $(SYSTEM_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || printf '%s ' $$p; done)"; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	if [ "$$(id -u)" = 0 ]; then sudo=; elif sudo -n true 2>/dev/null; then sudo=sudo; \
	else echo "The tests need these Debian packages: $$missing-- run: sudo apt-get install $$missing" >&2; exit 1; fi; \
	echo "Installing $$missing"; \
	$$sudo apt-get update -qq || true; \
	DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq $$missing

# Optional: Whisper adapted again on these state models (~2 hours here; one ships).
adapt: $(STAMP)
	$(BIN)/thoughtful models adapt

bench: $(STAMP)
	$(BIN)/thoughtful bench

check: $(STAMP)
	$(BIN)/thoughtful check

clean:
	rm -rf $(VENV) .cache build *.egg-info
