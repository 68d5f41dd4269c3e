#!/usr/bin/env bash
# A local Flink 2.2.1 session cluster (one JobManager, one TaskManager, each its own JVM) built from Maven Central
# artifacts, and 'flink run' of the fat jar against it: the check that jobs/target/slaflow.jar runs on a real
# cluster through its context environment rather than a MiniCluster.
#
#   infra/flink/try-session-cluster.sh [ARGS FOR 'slaflow' ...]     (default: a bounded 'replay' of the sample)
#
# Needs: Java 17, Maven, jobs/target/slaflow.jar (mvn -q package -DskipTests). State lives in
# target/flink-session-stack/ (removed by 'mvn clean'); both cluster JVMs are stopped on exit.
set -euo pipefail
cd "$(dirname "$0")/../.."
FLINK_VERSION=2.2.1
STACK="$PWD/target/flink-session-stack"
CONF="$STACK/conf"
mkdir -p "$CONF" "$STACK/log" "$STACK/tmp"

# The cluster's classpath. With a Flink distribution unpacked at FLINK_HOME, its lib/ (the real separation of
# cluster and user code). Without one: org.apache.flink:flink-dist is not published on Maven Central for 2.2.1,
# so the cluster JVMs fall back to the fat jar itself, which holds flink-runtime, flink-clients and RocksDB; the
# job is still submitted through the CLI front end to a separate JobManager and TaskManager, as 'flink run' does.
if [ -n "${FLINK_HOME:-}" ]; then
  CP="$FLINK_HOME/lib/*"
else
  CP="$PWD/jobs/target/slaflow.jar"
fi

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }
RPC_PORT=$(free_port); REST_PORT=$(free_port)
# the production config with local addresses, free ports and local state directories
sed -e "s#port: 6123#port: $RPC_PORT#" -e "s#port: 8081#port: $REST_PORT#" \
    -e "s#/var/lib/flink/rocksdb#$STACK/rocksdb#" \
    -e "s#s3://slaflow-state/checkpoints#file://$STACK/checkpoints#" \
    -e "s#s3://slaflow-state/savepoints#file://$STACK/savepoints#" \
    -e "s#size: 4096m#size: 1536m#" -e "s#size: 1600m#size: 1024m#" \
    infra/flink/config.yaml > "$CONF/config.yaml"
# generous RPC timeouts: on a busy build machine the actor system alone can take more than the default 10 s
cat >> "$CONF/config.yaml" <<'YAML'
pekko.startup-timeout: 60s
pekko.ask.timeout: 60s
pekko.lookup.timeout: 60s
heartbeat.timeout: 120000
# started without bin/taskmanager.sh, which would compute these from the memory settings
taskmanager.cpu.cores: 2
YAML
cat > "$CONF/log4j.properties" <<'LOG'
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = FileAppender
appender.file.name = FileAppender
appender.file.type = File
appender.file.fileName = ${sys:log.file}
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %c{1} - %m%n
LOG
cp "$CONF/log4j.properties" "$CONF/log4j-cli.properties"

# the module openings a Flink distribution's config.yaml passes to every JVM (env.java.default-opts.all) on Java 17
OPENS=(--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED
  --add-opens=java.base/java.lang=ALL-UNNAMED --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED
  --add-opens=java.base/java.nio=ALL-UNNAMED --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
  --add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
  --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED)
JVM=("${OPENS[@]}" -Djava.io.tmpdir="$STACK/tmp" -Dlog4j.configurationFile="$CONF/log4j.properties")
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT

java "${JVM[@]}" -Dlog.file="$STACK/log/jobmanager.log" -cp "$CP" \
  org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint --configDir "$CONF" \
  > "$STACK/log/jobmanager.out" 2>&1 &
pids+=($!)
# what bin/taskmanager.sh does: derive the JVM options and the memory sizes from the configuration
TM_PARAMS=$(java -cp "$CP" org.apache.flink.runtime.util.bash.BashJavaUtils GET_TM_RESOURCE_PARAMS --configDir "$CONF" 2>/dev/null \
  | grep '^BASH_JAVA_UTILS_EXEC_RESULT:' | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://')
TM_JVM=$(echo "$TM_PARAMS" | sed -n 1p)
TM_DYNAMIC=$(echo "$TM_PARAMS" | sed -n 2p)
# shellcheck disable=SC2086
java "${JVM[@]}" $TM_JVM -Dlog.file="$STACK/log/taskmanager.log" -cp "$CP" \
  org.apache.flink.runtime.taskexecutor.TaskManagerRunner --configDir "$CONF" $TM_DYNAMIC \
  > "$STACK/log/taskmanager.out" 2>&1 &
pids+=($!)

up=""
for i in $(seq 1 180); do
  if curl -sf http://localhost:$REST_PORT/taskmanagers | grep -q '"id"'; then up=yes; break; fi
  sleep 1
done
if [ -z "$up" ]; then echo "the cluster did not come up: see $STACK/log/" >&2; exit 1; fi
curl -sf http://localhost:$REST_PORT/overview; echo

ARGS=("$@")
if [ ${#ARGS[@]} -eq 0 ]; then
  ARGS=(replay --events "$PWD/infra/samples/msp-week.jsonl" --out "$STACK/replay" --policy "$PWD/infra/policies/default.yaml")
fi
# the CLI front end, as bin/flink runs it: the jar is the user program, Flink's classes come from the cluster lib
FLINK_CONF_DIR="$CONF" java "${JVM[@]}" -Dlog.file="$STACK/log/client.log" -cp "$CP" \
  org.apache.flink.client.cli.CliFrontend run -c io.slaflow.jobs.cli.FlinkMain "$PWD/jobs/target/slaflow.jar" "${ARGS[@]}"
curl -sf http://localhost:$REST_PORT/jobs/overview; echo
