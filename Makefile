# The two commands a newcomer needs: `make serve` (or `make build`) and
# `make test`. Everything else is for contributors.
GO ?= go

.PHONY: build serve test bench fmt

build:
	$(GO) run ./generator build

serve:
	$(GO) run ./generator serve

test:
	$(GO) vet ./...
	$(GO) test -race ./...

fmt:
	gofmt -w generator theme.go
