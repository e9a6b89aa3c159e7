#!/usr/bin/env bash
# Runs the benchmark suite and prints the tables of BENCHMARKS.md.
#
#   cd bench && ./run.sh                 # 5 runs of 1s per benchmark
#   COUNT=10 BENCHTIME=2s ./run.sh       # more, longer runs
#
# PostgreSQL joins the ORM suite when TINA4_TEST_POSTGRES_URL is set. The raw
# go test output is kept in bench.out beside this script.
#
# The runs are rounds: each round runs every benchmark once, so the contenders
# of one row alternate and a change in the machine's load during the run
# reaches them alike (go test -count N would run one contender N times in a
# row, then the next).
set -euo pipefail
cd "$(dirname "$0")"
COUNT="${COUNT:-5}"
BENCHTIME="${BENCHTIME:-1s}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
go test -c -o "$work/bench.test" .
(cd .. && go test -c -o "$work/router.test" ./tina4/router)
{
  for round in $(seq "$COUNT"); do
    echo "# round $round of $COUNT"
    "$work/bench.test" -test.run '^$' -test.bench . -test.benchtime "$BENCHTIME" -test.timeout 0
  done
  for round in $(seq "$COUNT"); do
    (cd ../tina4/router && "$work/router.test" -test.run '^$' -test.bench 'Router' -test.benchtime "$BENCHTIME" -test.timeout 0)
  done
} | tee bench.out
echo
go run ./cmd/table bench.out
