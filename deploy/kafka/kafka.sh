#!/usr/bin/env bash
# Local single-node Apache Kafka (KRaft, combined broker+controller) built from
# Maven Central artifacts. No Docker, no tarball download.
#
#   kafka.sh start            start the broker (idempotent), wait until it answers
#   kafka.sh stop             stop the broker started by this script (idempotent)
#   kafka.sh status           exit 0 and print "running" if the broker answers
#   kafka.sh wait             wait until the broker answers
#   kafka.sh run-class C ...  run a Kafka CLI class with the broker's classpath,
#                             e.g. org.apache.kafka.tools.TopicCommand --list ...
#
# Environment: KAFKA_DATA_DIR, KAFKA_PORT, KAFKA_CONTROLLER_PORT, KAFKA_HEAP_OPTS,
# KAFKA_WAIT_TIMEOUT (see README.md).
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd -P)"
REPO_ROOT="$(cd "$SCRIPT_DIR/../.." && pwd -P)"

KAFKA_PORT="${KAFKA_PORT:-9092}"
KAFKA_CONTROLLER_PORT="${KAFKA_CONTROLLER_PORT:-9093}"
KAFKA_HEAP_OPTS="${KAFKA_HEAP_OPTS:--Xms256m -Xmx768m}"
KAFKA_WAIT_TIMEOUT="${KAFKA_WAIT_TIMEOUT:-120}"
DATA_DIR="${KAFKA_DATA_DIR:-$REPO_ROOT/deploy/kafka/.data}"
case "$DATA_DIR" in /*) ;; *) DATA_DIR="$PWD/$DATA_DIR" ;; esac

HOST=127.0.0.1
POM="$SCRIPT_DIR/pom.xml"
LOG4J_CONF="$SCRIPT_DIR/log4j.properties"
LIB_DIR="$SCRIPT_DIR/.lib"
LIB_MARKER="$LIB_DIR/.complete"
CONFIG="$DATA_DIR/server.properties"
LOG_DIRS="$DATA_DIR/kraft-combined-logs"
APP_LOG_DIR="$DATA_DIR/logs"
PID_FILE="$DATA_DIR/kafka.pid"
CLUSTER_ID_FILE="$DATA_DIR/cluster.id"
BROKER_LOG="$APP_LOG_DIR/server.log"
BROKER_OUT="$APP_LOG_DIR/kafka.out"

# JVM options for the short-lived CLI tools: fast startup, small heap, WARN to stderr.
TOOL_JAVA_OPTS=(-Xms32m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1
  -Djava.awt.headless=true "-Dlog4j.configuration=file:$LOG4J_CONF")

log() { echo "kafka.sh: $*"; }
die() { echo "kafka.sh: ERROR: $*" >&2; exit 1; }

# --- dependencies --------------------------------------------------------------

pom_hash() { sha256sum "$POM" | cut -d' ' -f1; }

# Copy the broker jars from Maven into .lib/ once. The marker records the pom's
# hash, so editing the pom (e.g. a version bump) triggers a fresh copy.
libs_ok() { [[ -f "$LIB_MARKER" && "$(cat "$LIB_MARKER")" == "$1" ]]; }

ensure_libs() {
  local want
  want="$(pom_hash)"
  libs_ok "$want" && return 0
  # Serialise concurrent first runs; re-check once we hold the lock.
  exec 8>"$SCRIPT_DIR/.lib.lock"
  flock -w 900 8 || die "timed out waiting for another kafka.sh to fetch the jars"
  if libs_ok "$want"; then
    exec 8>&-
    return 0
  fi
  command -v mvn >/dev/null 2>&1 || die "mvn not found on PATH (needed once to fetch the Kafka jars)"
  command -v java >/dev/null 2>&1 || die "java not found on PATH"
  log "resolving the Kafka broker from Maven Central into $LIB_DIR (first run only) ..."
  local tmp mvn_log
  tmp="$(mktemp -d "$SCRIPT_DIR/.lib.tmp.XXXXXX")"
  chmod 755 "$tmp"
  mvn_log="$tmp.mvn.log"
  trap 'rm -rf "$tmp" "$mvn_log"' EXIT
  if ! mvn -q -B -Dstyle.color=never -f "$POM" dependency:copy-dependencies \
      -DoutputDirectory="$tmp" -DincludeScope=runtime >"$mvn_log" 2>&1; then
    cat "$mvn_log" >&2
    rm -rf "$tmp" "$mvn_log"
    die "maven could not resolve the Kafka jars"
  fi
  rm -f "$mvn_log"
  ls "$tmp"/kafka_2.13-*.jar >/dev/null 2>&1 || { rm -rf "$tmp"; die "kafka_2.13 jar missing after maven copy"; }
  echo "$want" >"$tmp/.complete"
  rm -rf "$LIB_DIR"
  mv "$tmp" "$LIB_DIR"
  trap - EXIT
  exec 8>&-
}

classpath() { echo "$LIB_DIR/*"; }

run_tool() {
  java "${TOOL_JAVA_OPTS[@]}" -cp "$(classpath)" "$@"
}

# --- health checks ------------------------------------------------------------

port_open() {
  timeout 2 bash -c "exec 3<>/dev/tcp/$HOST/$1" 2>/dev/null
}

# Speak the Kafka protocol directly: send an ApiVersions v0 request (api_key 18,
# correlation id 0x4b414641) and expect a response carrying the same correlation
# id and error_code 0. This proves a Kafka broker is serving requests, without
# paying for a JVM start on every poll.
kafka_answers() {
  port_open "$KAFKA_PORT" || return 1
  local hex
  hex="$(timeout 5 bash -c '
    exec 3<>/dev/tcp/'"$HOST"'/'"$KAFKA_PORT"' || exit 1
    printf "\x00\x00\x00\x10\x00\x12\x00\x00\x4b\x41\x46\x41\x00\x06kafka1" >&3
    head -c 10 <&3 | od -An -v -tx1
  ' 2>/dev/null | tr -d ' \n')" || return 1
  # bytes 0-3: length, 4-7: correlation id, 8-9: error code
  [[ "${hex:8:8}" == "4b414641" && "${hex:16:4}" == "0000" ]]
}

pid_alive() {
  local pid="$1"
  [[ -n "$pid" && -d "/proc/$pid" ]] || return 1
  # a zombie does not count
  [[ "$(awk '{print $3}' "/proc/$pid/stat" 2>/dev/null)" != "Z" ]]
}

# True if $1 is a java process running "kafka.Kafka <our server.properties>".
is_our_broker() {
  local pid="$1" exe args i
  pid_alive "$pid" || return 1
  exe="$(readlink "/proc/$pid/exe" 2>/dev/null || true)"
  [[ "$exe" == */java ]] || return 1
  mapfile -d '' -t args <"/proc/$pid/cmdline" 2>/dev/null || return 1
  for ((i = 0; i + 1 < ${#args[@]}; i++)); do
    [[ "${args[i]}" == kafka.Kafka && "${args[i + 1]}" == "$CONFIG" ]] && return 0
  done
  return 1
}

# Pid of the broker this script started for this data dir ("" if none).
broker_pid() {
  local pid=""
  if [[ -f "$PID_FILE" ]]; then
    pid="$(cat "$PID_FILE" 2>/dev/null || true)"
    if is_our_broker "$pid"; then
      echo "$pid"
      return 0
    fi
  fi
  # pidfile missing or stale: look for the java process running exactly our config.
  local p
  for p in /proc/[0-9]*; do
    p="${p#/proc/}"
    if is_our_broker "$p"; then
      echo "$p"
      return 0
    fi
  done
  return 0
}

# Wait until the broker answers. $1 = pid to watch (optional): fail early if it dies.
wait_ready() {
  local pid="${1:-}" deadline=$((SECONDS + KAFKA_WAIT_TIMEOUT))
  while ((SECONDS < deadline)); do
    if kafka_answers; then
      return 0
    fi
    if [[ -n "$pid" ]] && ! pid_alive "$pid"; then
      log "broker process $pid exited during startup"
      return 1
    fi
    sleep 0.5
  done
  log "broker did not answer on $HOST:$KAFKA_PORT within ${KAFKA_WAIT_TIMEOUT}s"
  return 1
}

print_log_tail() {
  local f
  for f in "$BROKER_OUT" "$BROKER_LOG"; do
    if [[ -s "$f" ]]; then
      echo "----- last lines of $f -----" >&2
      tail -n 40 "$f" >&2
    fi
  done
}

# --- storage ------------------------------------------------------------------

write_config() {
  cat >"$CONFIG" <<EOF
# Generated by deploy/kafka/kafka.sh on every start; edits are overwritten.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$KAFKA_PORT,CONTROLLER://$HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$KAFKA_PORT
inter.broker.listener.name=PLAINTEXT
controller.listener.names=CONTROLLER
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT

log.dirs=$LOG_DIRS
num.partitions=3
default.replication.factor=1
min.insync.replicas=1
auto.create.topics.enable=false
delete.topic.enable=true

offsets.topic.replication.factor=1
offsets.topic.num.partitions=3
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=3
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
group.initial.rebalance.delay.ms=0

num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
log.retention.hours=168
log.segment.bytes=104857600
log.retention.check.interval.ms=300000
EOF
}

ensure_formatted() {
  mkdir -p "$LOG_DIRS"
  if [[ -f "$LOG_DIRS/meta.properties" ]]; then
    return 0
  fi
  local cid=""
  [[ -s "$CLUSTER_ID_FILE" ]] && cid="$(tr -d ' \n' <"$CLUSTER_ID_FILE")"
  if [[ -z "$cid" ]]; then
    cid="$(run_tool kafka.tools.StorageTool random-uuid | tail -n 1 | tr -d ' \r\n')"
    [[ "$cid" =~ ^[A-Za-z0-9_-]{22}$ ]] || die "could not generate a cluster id (got '$cid')"
    echo "$cid" >"$CLUSTER_ID_FILE"
  fi
  log "formatting storage in $LOG_DIRS (cluster id $cid)"
  local out
  if ! out="$(run_tool kafka.tools.StorageTool format -t "$cid" -c "$CONFIG" 2>&1)"; then
    echo "$out" >&2
    die "storage format failed"
  fi
}

# --- commands -----------------------------------------------------------------

cmd_start() {
  local pid
  # One start at a time per data dir (a second caller waits, then sees the first broker).
  mkdir -p "$DATA_DIR"
  exec 9>"$DATA_DIR/.start.lock"
  flock -w $((KAFKA_WAIT_TIMEOUT + 900)) 9 || die "timed out waiting for another kafka.sh start"
  pid="$(broker_pid)"
  if kafka_answers; then
    log "kafka already running on $HOST:$KAFKA_PORT${pid:+ (pid $pid)}"
    return 0
  fi
  if [[ -n "$pid" ]]; then
    log "broker (pid $pid) is starting, waiting for it ..."
    wait_ready "$pid" || { print_log_tail; exit 1; }
    log "kafka running on $HOST:$KAFKA_PORT (pid $pid)"
    return 0
  fi
  port_open "$KAFKA_PORT" && die "port $KAFKA_PORT is in use by something that is not a Kafka broker"
  port_open "$KAFKA_CONTROLLER_PORT" && die "controller port $KAFKA_CONTROLLER_PORT is already in use"

  command -v java >/dev/null 2>&1 || die "java not found on PATH"
  ensure_libs
  mkdir -p "$DATA_DIR" "$APP_LOG_DIR"
  write_config
  ensure_formatted

  local t0=$SECONDS
  rm -f "$PID_FILE"
  # Own session (setsid) so the broker outlives this shell; bash writes its pid
  # and then execs java, so the pidfile holds the JVM's pid.
  # shellcheck disable=SC2086,SC2016
  setsid bash -c 'echo $$ >"$0"; exec "$@"' "$PID_FILE" \
    java $KAFKA_HEAP_OPTS \
    -server -XX:+UseG1GC -XX:MaxGCPauseMillis=20 -XX:InitiatingHeapOccupancyPercent=35 \
    -XX:+ExplicitGCInvokesConcurrent -XX:+ExitOnOutOfMemoryError \
    -Djava.awt.headless=true \
    "-Dlog4j.configuration=file:$LOG4J_CONF" \
    "-Dkafka.logs.dir=$APP_LOG_DIR" -Dkafka.log.appender=file -Dkafka.info.level=INFO \
    -cp "$(classpath)" kafka.Kafka "$CONFIG" \
    </dev/null >"$BROKER_OUT" 2>&1 8>&- 9>&- &
  for _ in $(seq 1 50); do [[ -s "$PID_FILE" ]] && break; sleep 0.1; done
  pid="$(cat "$PID_FILE" 2>/dev/null || true)"
  [[ -n "$pid" ]] || die "could not start the broker (no pid written)"
  log "started broker (pid $pid), waiting for it to answer on $HOST:$KAFKA_PORT ..."
  if ! wait_ready "$pid"; then
    print_log_tail
    # do not leave a half-started broker behind
    pid_alive "$pid" && stop_pid "$pid"
    rm -f "$PID_FILE"
    exit 1
  fi
  log "kafka running on $HOST:$KAFKA_PORT (pid $pid, ready in $((SECONDS - t0))s, data in $DATA_DIR)"
}

# SIGTERM (Kafka does a controlled shutdown), then SIGKILL after 30 s.
stop_pid() {
  local pid="$1"
  kill -TERM "$pid" 2>/dev/null || true
  local deadline=$((SECONDS + 30))
  while pid_alive "$pid" && ((SECONDS < deadline)); do sleep 0.25; done
  if pid_alive "$pid"; then
    log "broker did not stop within 30s, sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for _ in $(seq 1 40); do pid_alive "$pid" || break; sleep 0.25; done
  fi
}

cmd_stop() {
  local pid
  pid="$(broker_pid)"
  if [[ -z "$pid" ]]; then
    rm -f "$PID_FILE"
    log "kafka not running (nothing started by this script for $DATA_DIR)"
    return 0
  fi
  log "stopping broker (pid $pid) ..."
  stop_pid "$pid"
  rm -f "$PID_FILE"
  log "kafka stopped"
}

cmd_status() {
  if kafka_answers; then
    echo "running"
    return 0
  fi
  echo "not running"
  return 1
}

cmd_wait() {
  wait_ready "$(broker_pid)" || { print_log_tail; exit 1; }
  echo "running"
}

cmd_run_class() {
  [[ $# -ge 1 ]] || die "usage: kafka.sh run-class <main class> [args...]"
  ensure_libs
  run_tool "$@"
}

usage() {
  cat >&2 <<EOF
usage: $(basename "$0") start|stop|status|wait|run-class <class> [args...]
EOF
  exit 2
}

case "${1:-}" in
  start) cmd_start ;;
  stop) cmd_stop ;;
  status) cmd_status ;;
  wait) cmd_wait ;;
  run-class) shift; cmd_run_class "$@" ;;
  *) usage ;;
esac
