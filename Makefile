# Sluice: `make run` serves on 127.0.0.1:3128, `make test` builds and runs every test.
SHELL := /bin/bash
SWIFT ?= swift
LISTEN ?= 127.0.0.1:3128
POLICY ?= policy/default.yaml
AUDIT ?= audit/audit.jsonl
APT_PACKAGES := libssl-dev pkg-config zlib1g-dev libbrotli-dev libzstd-dev curl python3 openssl

.PHONY: run build release test deps test-deps bench scan-score clean

## Install only the Debian packages this machine lacks.
deps:
	@missing=$$(for p in $(APT_PACKAGES) $(EXTRA_PACKAGES); do dpkg -s $$p >/dev/null 2>&1 || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing: $$missing"; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing; \
	fi

## The integration tests drive the proxy with Python's requests too.
test-deps: deps
	@python3 -c "import requests" 2>/dev/null || python3 -m pip install -q requests

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

run: release
	@mkdir -p $(dir $(AUDIT))
	./.build/release/sluice serve --listen $(LISTEN) --policy $(POLICY) --audit-log $(AUDIT)

test: test-deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

bench: release
	./bench/run.sh

scan-score: release
	./.build/release/sluice scan --jsonl ../shared/pii-corpus/dev.jsonl > .build/dev-predictions.jsonl
	python3 ../shared/pii-corpus/score.py ../shared/pii-corpus/dev.jsonl .build/dev-predictions.jsonl

clean:
	rm -rf .build
