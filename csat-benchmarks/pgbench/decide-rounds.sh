#!/bin/bash
# The PostgreSQL store's decision, server side alone, beside a bare INSERT … ON CONFLICT DO NOTHING:
# pgbench -M prepared -c 8 -j 2 -T 10 for each script in turn, ROUNDS rounds, then each script's
# median and its ratio to the last one named. The server is the one libpq's PG* variables name;
# the schema csat is made afresh from the store's migrations and filled with 20 000 contacts
# surveyed once, each holding a one-day cap.
#
#   csat-benchmarks/pgbench/decide-rounds.sh                       # capped: schedule, precheck, bare insert
#   csat-benchmarks/pgbench/decide-rounds.sh schedule-new.sql precheck-schedule-new.sql insert-new.sql
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
migrations="$here/../../csat-store-postgres/src/main/resources/db/migration/csat"
ROUNDS=${ROUNDS:-3}
[ $# -gt 0 ] || set -- schedule-capped.sql precheck-capped.sql insert-present.sql
if [ "${FILL:-yes}" = yes ]; then
  psql -q -v ON_ERROR_STOP=1 -c "DROP SCHEMA IF EXISTS csat CASCADE" -c "CREATE SCHEMA csat"
  for f in "$migrations"/V*.sql; do PGOPTIONS="-c search_path=csat" psql -q -v ON_ERROR_STOP=1 -f "$f"; done
  psql -q -v ON_ERROR_STOP=1 -f "$here/fill.sql" >/dev/null
  psql -q -c "VACUUM ANALYZE"
fi
declare -A tps
for r in $(seq 1 "$ROUNDS"); do
  for s in "$@"; do
    t=$(pgbench -n -M prepared -c 8 -j 2 -T "${SECONDS_PER_RUN:-10}" -f "$here/$s" | awk '/^tps/ {print $3}')
    tps[$s]="${tps[$s]:-} $t"
    echo "round $r  $s  $t tps"
  done
done
median() { tr ' ' '\n' | grep . | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
last="${!#}"
base=$(echo "${tps[$last]}" | median)
for s in "$@"; do
  m=$(echo "${tps[$s]}" | median)
  echo "median  $s  $m tps  ratio to $last: $(awk -v a="$m" -v b="$base" 'BEGIN {printf "%.2f", a / b}')"
done
