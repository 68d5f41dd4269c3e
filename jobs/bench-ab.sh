#!/usr/bin/env bash
# Enforcer throughput of two (or more) builds side by side: one fresh JVM per run, the runs of a round reversed
# every other round, so a machine that gets busier or quieter during the rounds favours neither build.
#   ROUNDS=2 EVENTS=2000000 jobs/bench-ab.sh CHECKOUT:ENFORCE OTHER:ENFORCE CHECKOUT:PASSTHROUGH OTHER:PASSTHROUGH
# Each CHECKOUT is a clone at the commit to measure, compiled as jobs/bench.sh does it:
#   mvn -o -q -pl jobs -am test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
# Prints per run the benchmark's own line (events/s, events per CPU-second, checkpoints) and the load before it.
set -euo pipefail
ROUNDS=${ROUNDS:-2}; EVENTS=${EVENTS:-2000000}
items=("$@")
[ ${#items[@]} -gt 0 ] || { echo "usage: jobs/bench-ab.sh CHECKOUT:ENFORCE|PASSTHROUGH ..." >&2; exit 2; }
for r in $(seq 1 "$ROUNDS"); do
  order=("${items[@]}")
  if (( r % 2 == 0 )); then order=(); for ((i=${#items[@]}-1; i>=0; i--)); do order+=("${items[i]}"); done; fi
  for it in "${order[@]}"; do
    dir=${it%:*}; mode=${it##*:}
    [ -f "$dir/jobs/target/cp.txt" ] || { echo "$dir is not compiled for benchmarks (see the comment at the top)" >&2; exit 2; }
    load=$(cut -d' ' -f1 /proc/loadavg)
    line=$(cd "$dir" && java -Xmx4g -Djava.io.tmpdir="${TMPDIR:-/tmp}" \
        -Dlog4j2.configurationFile=jobs/src/test/resources/log4j2-test.xml \
        -cp "jobs/target/test-classes:jobs/target/classes:$(cat jobs/target/cp.txt)" io.slaflow.bench.EnforceThroughputBench \
        clients=200 events="$EVENTS" parallelism=1 runs=1 modes="$mode" warmup=0.5 checkpoint=3s 2>&1 | grep '^run ' || true)
    echo "round $r $it (load $load): ${line#run * }"
  done
done
