#!/usr/bin/env bash
# Runs one of the benchmarks in its own JVM, outside `mvn verify` (CI stays fast):
#   jobs/bench.sh EnforceThroughputBench [key=value ...]
#   jobs/bench.sh BreachLatencyBench     [key=value ...]
#   jobs/bench.sh StatePerTicketBench    [key=value ...]
#   jobs/bench.sh AdherenceFreshnessBench [key=value ...]   (issue 5: outcome -> searchable adherence in Elasticsearch)
#   jobs/bench.sh FullStackBench         [key=value ...]   (issue 7: Kafka -> whole job -> Kafka + Elasticsearch vs a
#                                                           Kafka -> Kafka passthrough, CPU and RSS per component)
# It compiles what is needed (offline), writes the test classpath to jobs/target/cp.txt and starts
# io.slaflow.bench.<name> from the repository root. BENCHMARKS.md has the figures and the arguments used.
# JAVA_OPTS adds JVM options (e.g. -XX:StartFlightRecording=filename=jobs/target/bench.jfr).
set -euo pipefail
cd "$(dirname "$0")/.."
bench="${1:?usage: jobs/bench.sh EnforceThroughputBench|BreachLatencyBench|StatePerTicketBench|AdherenceFreshnessBench|FullStackBench [key=value ...]}"
shift
mvn -o -q -pl jobs -am test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
mkdir -p jobs/target/bench-tmp
exec java -Xmx4g ${JAVA_OPTS:-} -Djava.io.tmpdir=jobs/target/bench-tmp \
     -Dlog4j2.configurationFile=jobs/src/test/resources/log4j2-test.xml \
     -cp "jobs/target/test-classes:jobs/target/classes:$(cat jobs/target/cp.txt)" "io.slaflow.bench.$bench" "$@"
