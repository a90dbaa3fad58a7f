#!/usr/bin/env bash
# `csat report --by agent --format json` against DuckDB's JDBC driver running the same
# aggregation, each as a whole process, on the same generated 1,000,000-row responses file:
# three runs each, taking turns, medians compared. Builds the jars first (the duckdb profile
# fetches the driver into csat-benchmarks/target/duckdb); options go to ReportVsDuckDb, such as
# --rows 2000000 or --runs 5. MAVEN_ARGS adds Maven options, such as -o.
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q ${MAVEN_ARGS:-} package -DskipTests -Pduckdb
exec java -cp csat-benchmarks/target/benchmarks.jar dev.csatkit.benchmarks.ReportVsDuckDb \
    --csat-jar csat-examples/target/csat.jar --duckdb-jar csat-benchmarks/target/duckdb/duckdb_jdbc.jar "$@"
