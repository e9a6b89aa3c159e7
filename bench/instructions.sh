#!/usr/bin/env bash
# Counts the instructions of the single-row ORM operations on SQLite, for
# tina4 and hand-written database/sql with statements prepared once: a count
# that a busy or shared machine does not move, unlike time.
#
#   cd bench && ./instructions.sh                  # InsertOne FindByPK UpdateOne Count
#   OPS="FindByPK" N1=200 N2=1200 ./instructions.sh
#   SUITE=HTTPServe OPS="View Update" CONTENDERS="handwritten autocrud" N1=100 N2=600 ./instructions.sh
#   SUITE=IncludePlan OPS="ToOne100 ToMany100x10" N1=20 N2=120 \
#     CONTENDERS="tina4-join tina4-queries prepared-join prepared-queries" ./instructions.sh
#
# Each operation runs under valgrind's callgrind twice, with N1 and N2
# iterations (-test.benchtime=Nx); instructions per operation are the
# difference of the two totals divided by N2-N1, so set-up (seeding, opening)
# cancels out. GODEBUG=asyncpreemptoff=1 keeps the runtime's preemption
# signals out of the count. Each is measured with the garbage collector on
# (GOGC default) and off (GOGC=off).
set -euo pipefail
cd "$(dirname "$0")"
command -v valgrind >/dev/null || { echo "instructions.sh: valgrind is not installed (apt-get install valgrind)" >&2; exit 1; }
SUITE="${SUITE:-ORM}"   # BenchmarkORM, BenchmarkIncludePlan or BenchmarkHTTPServe
OPS="${OPS:-InsertOne FindByPK UpdateOne Count}"
CONTENDERS="${CONTENDERS:-prepared tina4}"
N1="${N1:-200}"
N2="${N2:-1200}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
go test -c -o "$work/bench.test" .

# ir OP CONTENDER N GOGC: the total instructions of one run.
ir() {
  local out="$work/cg.out"
  (cd "$work" && BENCH_CONTENDERS="$2" GODEBUG=asyncpreemptoff=1 GOGC="$4" GOMAXPROCS=1 \
    valgrind --tool=callgrind --callgrind-out-file="$out" ./bench.test \
      -test.run '^$' -test.bench "^Benchmark$SUITE/sqlite/$1/$2\$" -test.benchtime "${3}x" >/dev/null 2>&1)
  awk '/^summary:|^totals:/ {print $2; exit}' "$out"
}

printf '| operation | GC | %s |\n' "$(echo $CONTENDERS | sed 's/ / | /g')"
printf '|---|---|%s\n' "$(for _ in $CONTENDERS; do printf -- '---|'; done)"
for op in $OPS; do
  for gc in 100 off; do
    row="| $op | $([ "$gc" = off ] && echo off || echo on) |"
    for c in $CONTENDERS; do
      a="$(ir "$op" "$c" "$N1" "$gc")"
      b="$(ir "$op" "$c" "$N2" "$gc")"
      row="$row $(( (b - a) / (N2 - N1) )) |"
    done
    echo "$row"
  done
done
echo
echo "Instructions per operation (callgrind, N1=$N1, N2=$N2 iterations)."
