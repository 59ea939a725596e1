# PhuSong: `make demo` and `make test` do all set-up on a fresh Debian machine.

APT_PACKAGES := pkg-config libgeos-dev libproj-dev libgdal-dev gdal-bin python3-venv coinor-libcbc-dev
PEERS        := itmlogic==1.2 highspy==1.15.1
VENV         := .venv
SHARED_DATA  := ../shared/data
DEMO_OUT     := out/demo

.PHONY: setup check-dependencies peers build demo demo-real test test-sanitize fuzz bench bench-batch bench-check bench-baseline bench-ab compare-peers bench-province bench-mclp clean

## Install missing Debian packages (as root), or say which are missing. SwiftPM keeps a build's plan, compiler
## flags from pkg-config included, in .build/*.yaml and reuses it while the package's files are unchanged: a build
## tried before the C libraries were installed would go on failing with "'gdal.h' file not found", so installing
## them removes those plans (they are rebuilt on the next build).
setup:
	@missing=""; for package in $(APT_PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$package 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "Installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $$missing >/dev/null \
	      && rm -f .build/*.yaml Benchmarks/.build/*.yaml; \
	  else \
	    echo "Missing Debian packages:$$missing (run 'sudo make setup')"; exit 1; \
	  fi; \
	fi

## Every module a target imports must be its declared dependency: SwiftPM rebuilds a target only when one of those
## changes, so an undeclared one can leave old struct layouts in an incremental build.
check-dependencies: setup
	python3 Tests/check-dependencies.py . Benchmarks

## Python peers the tests compare against, in a virtual environment of their own.
peers: $(VENV)/peers.txt
$(VENV)/peers.txt: Makefile
	python3 -m venv $(VENV)
	$(VENV)/bin/pip install --quiet --disable-pip-version-check $(PEERS)
	echo "$(PEERS)" > $@

build: check-dependencies
	swift build -c release --product phusong

## Run the embedded synthetic province as a batch and say where its results are.
demo: build
	.build/release/phusong demo --out $(DEMO_OUT)
	@echo "Demo results (SYNTHETIC province): open $(DEMO_OUT)/index.html (jobs in $(DEMO_OUT)/jobs/)"

## The same on real data: Bát Xát (Lào Cai), Copernicus 30 m terrain, 2009 census communes (needs $(SHARED_DATA)).
demo-real: build
	@[ -d "$(SHARED_DATA)" ] || { echo "demo-real needs $(SHARED_DATA) beside the clone"; exit 1; }
	.build/release/phusong batch Fixtures/batch/batxat-real.yaml
	@echo "Real-data demo results: open out/demo-real/index.html"

## The whole test suite, on an optimised build (the code users run; the suite's footprints, demos and solver runs take
## a fifth of their debug-build time) with testing enabled, in .build-test so that `make build`'s own flags stay
## untouched. Real-data tests need $(SHARED_DATA); in CI it must be there.
TESTABLE_BUILD := -c release --build-tests -Xswiftc -enable-testing
test: check-dependencies peers
	@if [ -n "$$CI" ] && [ ! -d "$(SHARED_DATA)" ]; then echo "CI needs $(SHARED_DATA) beside the clone"; exit 1; fi
	@[ -d "$(SHARED_DATA)" ] || echo "Note: $(SHARED_DATA) is absent; real-data tests will be skipped."
	swift build $(TESTABLE_BUILD) --scratch-path .build-test
	swift test -c release --scratch-path .build-test --skip-build --disable-xctest

## The whole test suite under ThreadSanitizer, then AddressSanitizer, on optimised builds with testing enabled as
## `make test` runs it (builds of their own in .build-tsan, .build-asan): on debug builds each run took over half an hour.
test-sanitize: check-dependencies peers
	swift build $(TESTABLE_BUILD) -Xswiftc -DSANITIZED --scratch-path .build-tsan -Xswiftc -sanitize=thread
	swift test -c release --scratch-path .build-tsan --skip-build --disable-xctest
	swift build $(TESTABLE_BUILD) -Xswiftc -DSANITIZED --scratch-path .build-asan -Xswiftc -sanitize=address
	LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/lsan-suppressions.txt swift test -c release --scratch-path .build-asan --skip-build --disable-xctest

FUZZ_TARGETS ?=
FUZZ_RUNS    ?= 1000000
FUZZ_SECONDS ?= 600
FUZZ_FLAGS   := -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library -Xswiftc -DLIBFUZZER

## libFuzzer with AddressSanitizer on every parser we own (or those FUZZ_TARGETS names): FUZZ_RUNS executions or
## FUZZ_SECONDS each, seeded from Fixtures/; corpora and any crash input in out/fuzz/TARGET/.
fuzz: check-dependencies
	swift build -c release --product phusong-fuzz
	swift build -c release --scratch-path .build-fuzz --product phusong-fuzz $(FUZZ_FLAGS)
	@targets="$(FUZZ_TARGETS)"; [ -n "$$targets" ] || targets=$$(.build/release/phusong-fuzz targets); \
	for target in $$targets; do \
	  mkdir -p out/fuzz/$$target/corpus; \
	  echo "fuzz: $$target"; \
	  PHUSONG_FUZZ_TARGET=$$target .build-fuzz/release/phusong-fuzz -runs=$(FUZZ_RUNS) -max_total_time=$(FUZZ_SECONDS) \
	    -timeout=10 -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix=out/fuzz/$$target/ \
	    -seed_inputs=$$(.build/release/phusong-fuzz seeds $$target) out/fuzz/$$target/corpus 2>&1 \
	    | grep -E "^(#[0-9]+ +DONE|stat::number_of_executed_units|==[0-9]+==ERROR|SUMMARY)" || true; \
	  found=$$(ls out/fuzz/$$target/crash-* out/fuzz/$$target/leak-* out/fuzz/$$target/timeout-* 2>/dev/null || true); \
	  [ -z "$$found" ] || { echo "$$found"; exit 1; }; \
	done; echo "fuzz: no crash, leak or timeout in any target"

## Benchmarks (separate package, release build).
bench: check-dependencies
	cd Benchmarks && swift package --allow-writing-to-package-directory benchmark

## Fail on a regression of more than 10 % against the committed thresholds (Benchmarks/Thresholds), confirmed against
## the build that recorded them, alternated with it in the same hour.
bench-check: check-dependencies
	Benchmarks/check.sh

## Record the current figures as the new thresholds: the largest p90 of three runs (commit Benchmarks/Thresholds).
bench-baseline: check-dependencies
	Benchmarks/baseline.sh

## Benchmarks alternated between commit REV and the working tree in the same hour: BENCH='name[|name…]' [ROUNDS=3].
bench-ab: check-dependencies
	@[ -n "$(REV)" ] && [ -n "$(BENCH)" ] || { echo "usage: make bench-ab REV=commit BENCH='name[|name…]' [ROUNDS=3]"; exit 2; }
	Benchmarks/ab.sh $(REV) '$(BENCH)' $(or $(ROUNDS),3)

## PhuSong against gdal_viewshed and SPLAT! in one run (needs ../shared/data).
compare-peers: check-dependencies
	Benchmarks/compare-peers.sh

## 1,424 sites over N44W072 with ITM: footprints, GEOS union, total area (needs ../shared/data; ~4 min on 2 cores).
bench-province: check-dependencies
	Benchmarks/province.sh

## The optimiser on the 14 shared MCLP instances, by default and with --no-exact: answer vs optimum, gap, seconds.
bench-mclp: check-dependencies
	Benchmarks/mclp.sh

## 100 proposals × 15 sites on N44W072 (3″, 30 km, ITM) through `phusong batch`: cold, re-run and rebuilt-from-cache times.
bench-batch: check-dependencies
	Benchmarks/batch.sh

clean:
	rm -rf .build .build-test .build-tsan .build-asan .build-fuzz Benchmarks/.build out $(VENV)
