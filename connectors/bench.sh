#!/usr/bin/env bash
# Runs a connector benchmark in its own JVM, outside `mvn verify` (CI stays fast):
#   connectors/bench.sh RtConnectorsBench [key=value ...]   (issue 20: source rate against an RT holding 10,000
#                                                            tickets, RT transaction -> event and escalation -> owner
#                                                            latency; a real RT 5, broker and Connect worker)
# It packages the Connect plugin and what it needs (offline, tests compiled, not run), writes the test classpath to
# connectors/target/cp.txt and starts io.slaflow.connect.bench.<name> from the repository root. BENCHMARKS.md has the
# figures and the arguments used.
set -euo pipefail
cd "$(dirname "$0")/.."
bench="${1:?usage: connectors/bench.sh RtConnectorsBench [key=value ...]}"
shift
mvn -o -q -pl connectors -am package -DskipTests dependency:build-classpath \
    -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
mkdir -p connectors/target/bench-tmp
exec java -Xmx1g ${JAVA_OPTS:-} -Djava.io.tmpdir=connectors/target/bench-tmp \
     -Dlog4j2.configurationFile=connectors/src/test/resources/log4j2-test.xml \
     -cp "connectors/target/test-classes:connectors/target/classes:$(cat connectors/target/cp.txt)" \
     "io.slaflow.connect.bench.$bench" "$@"
