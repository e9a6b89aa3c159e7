#!/usr/bin/env bash
# Runs the benchmark suite and prints the tables of BENCHMARKS.md.
#
#   cd bench && ./run.sh                 # 5 runs of 1s per benchmark
#   COUNT=10 BENCHTIME=2s ./run.sh       # more, longer runs
#
# PostgreSQL joins the ORM suite when TINA4_TEST_POSTGRES_URL is set. The raw
# go test output is kept in bench.out beside this script.
set -euo pipefail
cd "$(dirname "$0")"
COUNT="${COUNT:-5}"
BENCHTIME="${BENCHTIME:-1s}"
{
  go test -run '^$' -bench . -benchtime "$BENCHTIME" -count "$COUNT" -timeout 0 .
  (cd .. && go test -run '^$' -bench 'Router' -benchtime "$BENCHTIME" -count "$COUNT" ./tina4/router)
} | tee bench.out
echo
go run ./cmd/table bench.out
