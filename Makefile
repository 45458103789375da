# The two commands a newcomer needs: `make serve` (or `make build`) and
# `make test`. Everything else is for contributors.
GO ?= go

# make bench: the corpus generator (the same one the Hugo and Pagefind
# anchor figures were measured with), and the corpus sizes in chapters per
# language. Paths handed to tests are made absolute, since a test runs in
# its package's folder.
CORPUS_GEN ?= ../shared/bench/gen_corpus.py
BENCH_N ?= 200,1000,5000
BENCH_RUNS ?= 3
# The Go benchmarks of each phase run on this corpus size.
BENCH_GO_N ?= 1000
SERVE_N ?= 200,1000,5000
SEARCH_N ?= 1000
BENCH_WORK ?= tmp/bench
comma := ,

# make install puts a program called lentera where go install puts
# programs ($GOBIN, or $GOPATH/bin); the command's package is ./generator,
# so go install alone would name it "generator".
GOBIN ?= $(shell $(GO) env GOBIN)
ifeq ($(GOBIN),)
GOBIN := $(shell $(GO) env GOPATH)/bin
endif

.PHONY: build serve check install test fuzz bench bench-build bench-search bench-serve fmt

# Extra flags go in ARGS: make serve ARGS="--port 0".
build:
	$(GO) run ./generator build $(ARGS)

serve:
	$(GO) run ./generator serve $(ARGS)

# Errors and warnings of the bundled course: missing and stale
# translations, alt text, image sizes.
check:
	$(GO) run ./generator check $(ARGS)

install:
	$(GO) build -buildvcs=auto -o $(GOBIN)/lentera ./generator
	@echo installed $(GOBIN)/lentera

# Formatting, vet (also as built for macOS and Windows, whose system calls
# differ: files built only there are type-checked here), the bundled
# course's check, and every test under the race detector.
# The huge-page reserve measures resident memory, which the race detector's
# shadow memory changes: its tests run without it too.
test:
	@unformatted=$$(gofmt -l generator *.go); if [ -n "$$unformatted" ]; then echo "gofmt would change (make fmt): $$unformatted"; exit 1; fi
	$(GO) vet ./...
	GOOS=darwin GOARCH=arm64 $(GO) vet ./...
	GOOS=windows $(GO) vet ./...
	$(GO) run ./generator check
	$(GO) test -race -timeout 30m ./...
	$(GO) test ./generator/internal/hugepage

# The fuzzers, each for FUZZTIME. `make test` runs their seed corpora only.
# A fuzzer that fails writes the input to testdata/fuzz/<name>/. Go 1.26
# can also fail one as its time runs out, with "context deadline
# exceeded" and no input (golang/go#75804): that is reported, not failed.
FUZZTIME ?= 1m
FUZZERS = build:FuzzSite markup:FuzzConvert markup:FuzzParseHead markup:FuzzDocDecode data:FuzzDecode site:FuzzParseFile search:FuzzAnalyze markup:FuzzSections markup:FuzzTextAsHTML markup:FuzzSpaced search:FuzzStemIndonesian search:FuzzPageDecode render:FuzzPaddings site:FuzzScriptInSVG build:FuzzCleanPhoto
fuzz:
	@set -e; for f in $(FUZZERS); do \
		pkg=$${f%%:*}; name=$${f#*:}; inputs=generator/$$pkg/testdata/fuzz/$$name; \
		before=$$(ls $$inputs 2>/dev/null | wc -l); \
		echo "fuzz $$f for $(FUZZTIME)"; \
		log=$$(mktemp); \
		{ if $(GO) test ./generator/$$pkg -run '^$$' -fuzz "^$$name$$" -fuzztime $(FUZZTIME); then echo "fuzz $$f: passed"; fi; } 2>&1 | tee $$log; \
		if ! grep -q "^fuzz $$f: passed$$" $$log; then \
			if [ "$$(ls $$inputs 2>/dev/null | wc -l)" -gt "$$before" ] || ! grep -q 'context deadline exceeded' $$log; then rm -f $$log; exit 1; fi; \
			echo "fuzz $$f: stopped at its time limit without a failing input (golang/go#75804); not a failure"; \
		fi; \
		rm -f $$log; \
	done

# Speed and memory, measured, never asserted. Quote medians and ratios.
bench: bench-build bench-search bench-serve

# Whole builds beside Hugo (when installed), then the Go benchmarks of each
# phase, of a full build and of a rebuild after one edit.
bench-build:
	$(GO) run ./generator/bench -n $(BENCH_N) -runs $(BENCH_RUNS) -gen $(CORPUS_GEN) -work $(BENCH_WORK)
	$(GO) run ./generator/bench -n $(BENCH_GO_N) -corpus-only -gen $(CORPUS_GEN) -work $(BENCH_WORK)
	LENTERA_BENCH_SITE=$(abspath $(BENCH_WORK))/corpus-$(BENCH_GO_N) $(GO) test ./generator/build -run '^$$' -bench . -benchmem -benchtime 3x -count 3 -timeout 30m

# The search index and the first query in headless Chromium, beside
# Pagefind 1.6 on the same pages.
bench-search:
	$(GO) test ./generator/search -run '^$$' -bench . -benchmem
	LENTERA_GEN_CORPUS=$(abspath $(CORPUS_GEN)) $(GO) test ./generator/search/bench -run TestCompare -v -timeout 30m -args -compare -n $(SEARCH_N)

# From a chapter save to the new page being served, median of 20 edits.
bench-serve:
	$(GO) run ./generator/serve/bench -n $(SERVE_N) -edits 20 -full 3 -corpus $(CORPUS_GEN)

fmt:
	gofmt -w generator *.go
