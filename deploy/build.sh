#!/usr/bin/env bash
# Static, reproducible build of the one binary (no cgo: bleve needs none
# without the "vectors" tag). Usage: deploy/build.sh [GOOS] [GOARCH]
set -euo pipefail
cd "$(dirname "$0")/.."
export CGO_ENABLED=0 GOOS="${1:-linux}" GOARCH="${2:-amd64}"
go build -trimpath -ldflags='-s -w' -o "ordinancebot-$GOOS-$GOARCH" .
echo "built ordinancebot-$GOOS-$GOARCH ($(du -h "ordinancebot-$GOOS-$GOARCH" | cut -f1))"
