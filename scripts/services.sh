#!/usr/bin/env bash
# Real backing services for Caravan's integration tests, on 127.0.0.1 only.
#
#   scripts/services.sh up      [SERVICE...]   install what is missing, start, wait until answering
#   scripts/services.sh down    [SERVICE...]   stop what this script started (data is kept)
#   scripts/services.sh restart [SERVICE...]   down + up, keeping data (chaos tests)
#   scripts/services.sh status  [SERVICE...]   print each service's state (exit 1 if any is not up)
#   scripts/services.sh clean   [SERVICE...]   down + delete data dirs (downloaded jars are kept)
#
# SERVICE: mariadb redis kafka pubsub elasticmq rabbitmq (aliases: mysql, pubsub-emulator, sqs,
# amqp). No SERVICE means all six.
#
# Every service is a plain process owned by this script (never the distro's
# init/systemd service), with its config, data, log and pidfile under
# .cache/services/<service>/ at the repo root. `up` also writes
# .cache/services/services.env (KEY=VALUE lines) for the test suites.
# See docs/services.md.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${CARAVAN_SERVICES_DIR:-$ROOT/.cache/services}"
ENV_FILE="$CACHE/services.env"
HOST=127.0.0.1

MYSQL_PORT="${CARAVAN_SERVICES_MYSQL_PORT:-33306}"
REDIS_PORT="${CARAVAN_SERVICES_REDIS_PORT:-36379}"
KAFKA_PORT="${CARAVAN_SERVICES_KAFKA_PORT:-39092}"
KAFKA_CONTROLLER_PORT="${CARAVAN_SERVICES_KAFKA_CONTROLLER_PORT:-39093}"
PUBSUB_PORT="${CARAVAN_SERVICES_PUBSUB_PORT:-38085}"
SQS_PORT="${CARAVAN_SERVICES_SQS_PORT:-39324}"
RABBITMQ_PORT="${CARAVAN_SERVICES_RABBITMQ_PORT:-35672}"
# Erlang distribution and its port mapper, private to this harness (the system epmd uses 4369).
RABBITMQ_DIST_PORT="${CARAVAN_SERVICES_RABBITMQ_DIST_PORT:-35673}"
RABBITMQ_EPMD_PORT="${CARAVAN_SERVICES_RABBITMQ_EPMD_PORT:-34369}"
RABBITMQ_NODE=caravan@localhost
RABBITMQ_HOME=/usr/lib/rabbitmq

MYSQL_USER=caravan
MYSQL_PASSWORD=caravan
MYSQL_DATABASE=caravan_test
PUBSUB_PROJECT=caravan-test
SQS_REGION=elasticmq
# Fixed KRaft cluster id (base64url of the 16 bytes "CaravanTestClust").
KAFKA_CLUSTER_ID="${CARAVAN_SERVICES_KAFKA_CLUSTER_ID:-Q2FyYXZhblRlc3RDbHVzdA}"

KAFKA_HEAP="${CARAVAN_SERVICES_KAFKA_HEAP:--Xms128m -Xmx512m}"
ELASTICMQ_HEAP="${CARAVAN_SERVICES_ELASTICMQ_HEAP:--Xms64m -Xmx256m}"
PUBSUB_HEAP="${CARAVAN_SERVICES_PUBSUB_HEAP:--Xms64m -Xmx256m}"

PUBSUB_HOME=/usr/lib/google-cloud-sdk/platform/pubsub-emulator
POM_DIR="$ROOT/scripts/services"
# Pinned so Maven never has to look up "the latest" dependency plugin.
DEP_PLUGIN=org.apache.maven.plugins:maven-dependency-plugin:3.8.1

ALL_SERVICES=(mariadb redis kafka pubsub elasticmq rabbitmq)

# ---------------------------------------------------------------- helpers ---

say()  { printf '%s\n' "$*"; }
warn() { printf 'services.sh: %s\n' "$*" >&2; }
die()  { printf 'services.sh: ERROR: %s\n' "$*" >&2; exit 1; }
rel()  { local p="$1"; [[ "$p" == "$ROOT/"* ]] && p="${p#"$ROOT/"}"; printf '%s' "$p"; }
now()  { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

canon() {
  case "$1" in
    mariadb|mysql) echo mariadb ;;
    redis) echo redis ;;
    kafka) echo kafka ;;
    pubsub|pubsub-emulator|gcp-pubsub) echo pubsub ;;
    elasticmq|sqs) echo elasticmq ;;
    rabbitmq|amqp) echo rabbitmq ;;
    *) die "unknown service '$1' (known: ${ALL_SERVICES[*]})" ;;
  esac
}

svc_dir()  { echo "$CACHE/$1"; }
pid_file() { echo "$CACHE/$1/$1.pid"; }
svc_port() {
  case "$1" in
    mariadb) echo "$MYSQL_PORT" ;; redis) echo "$REDIS_PORT" ;; kafka) echo "$KAFKA_PORT" ;;
    pubsub) echo "$PUBSUB_PORT" ;; elasticmq) echo "$SQS_PORT" ;; rabbitmq) echo "$RABBITMQ_PORT" ;;
  esac
}
svc_log() {
  case "$1" in
    kafka) echo "$CACHE/kafka/logs/server.log" ;;
    *) echo "$CACHE/$1/$1.log" ;;
  esac
}
# Extra log that only matters on failure (JVM stdout/stderr for kafka).
svc_aux_log() { [[ "$1" == kafka ]] && echo "$CACHE/kafka/logs/stdout.log" || true; }
svc_timeout() {
  if [[ -n "${CARAVAN_SERVICES_TIMEOUT:-}" ]]; then echo "$CARAVAN_SERVICES_TIMEOUT"; return; fi
  case "$1" in
    mariadb) echo 90 ;; redis) echo 30 ;; kafka) echo 150 ;; pubsub) echo 120 ;; elasticmq) echo 120 ;;
    rabbitmq) echo 120 ;;
  esac
}
# A string that must appear in /proc/PID/cmdline, so a recycled pid is not
# mistaken for our service.
svc_marker() {
  case "$1" in
    mariadb) echo "$CACHE/mariadb/my.cnf" ;;
    redis) echo "redis-server" ;;   # redis rewrites its process title
    rabbitmq) echo "$RABBITMQ_HOME/bin/rabbitmq-server" ;;  # the script that supervises the node
    *) echo "-Dcaravan.service=$1" ;;
  esac
}

mariadb_socket() {
  local s="$CACHE/mariadb/mariadbd.sock"
  # unix socket paths are limited to 107 bytes
  if (( ${#s} > 100 )); then
    s="/tmp/caravan-mariadb-$(printf '%s' "$CACHE" | md5sum | cut -c1-12).sock"
  fi
  echo "$s"
}

svc_pid() {
  local f; f="$(pid_file "$1")"
  [[ -s "$f" ]] && tr -dc '0-9' <"$f" || true
}

is_alive() {
  local pid; pid="$(svc_pid "$1")"
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null || return 1
  tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -qF -- "$(svc_marker "$1")"
}

port_open() { (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null; }

log_size() { if [[ -f "$1" ]]; then stat -c %s "$1"; else echo 0; fi; }

show_log_tail() {
  local f
  for f in "$@"; do
    [[ -n "$f" && -s "$f" ]] || continue
    warn "---- last 50 lines of $(rel "$f") ----"
    tail -n 50 "$f" >&2 || true
    warn "---- end of $(rel "$f") ----"
  done
}

# Start "$@" detached (own session, no stdin, output to LOG), record its pid.
launch() {
  local name="$1" log="$2"; shift 2
  mkdir -p "$(dirname "$log")"
  printf '==== %s services.sh: starting %s\n' "$(date '+%F %T')" "$name" >>"$log"
  # 9>&-: the daemon must not inherit the lock fd (it would hold the lock forever).
  setsid "$@" >>"$log" 2>&1 </dev/null 9>&- &
  echo $! >"$(pid_file "$name")"
}

have() { command -v "$1" >/dev/null 2>&1; }

APT_UPDATED=0
apt_install() {
  [[ "$(id -u)" == 0 ]] || die "need root to run: apt-get install $* (or install it yourself)"
  have apt-get || die "apt-get not found; install manually: $*"
  say "  installing Debian packages: $* (apt-get, may take a minute)"
  # Keep the distro's init scripts from starting their own copy of the service.
  local made_policy=0
  if [[ ! -e /usr/sbin/policy-rc.d ]]; then
    printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d && chmod +x /usr/sbin/policy-rc.d && made_policy=1
  fi
  local rc=0
  local apt=(env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=900 -q -y)
  "${apt[@]}" install --no-install-recommends "$@" >>"$CACHE/apt.log" 2>&1 || rc=$?
  if (( rc != 0 )) && (( APT_UPDATED == 0 )); then
    APT_UPDATED=1
    "${apt[@]}" update >>"$CACHE/apt.log" 2>&1 || true
    rc=0
    "${apt[@]}" install --no-install-recommends "$@" >>"$CACHE/apt.log" 2>&1 || rc=$?
  fi
  (( made_policy )) && rm -f /usr/sbin/policy-rc.d
  if (( rc != 0 )); then
    show_log_tail "$CACHE/apt.log"
    return 1
  fi
}

need_java() {
  have java || apt_install openjdk-17-jre-headless || die "java (>= 17) is required; apt-get install openjdk-17-jre-headless"
}

# Gather a pom's runtime jars into DEST with Maven, unless DEST already holds
# the jars of this exact pom (stamp = pom's sha256). Uses ~/.m2 unless
# CARAVAN_SERVICES_M2_REPO is set.
fetch_jars() {
  local pom="$1" dest="$2" stamp want
  stamp="$dest/.pom.sha256"
  want="$(sha256sum "$pom" | cut -d' ' -f1)"
  if [[ -f "$stamp" && "$(cat "$stamp")" == "$want" ]] && compgen -G "$dest/*.jar" >/dev/null; then
    return 0
  fi
  need_java
  have mvn || apt_install maven || die "maven is required; apt-get install maven"
  say "  fetching jars for $(rel "$pom") with Maven into $(rel "$dest")"
  local mvnargs=(-q -B -f "$pom")
  [[ -n "${CARAVAN_SERVICES_M2_REPO:-}" ]] && mvnargs+=("-Dmaven.repo.local=$CARAVAN_SERVICES_M2_REPO")
  rm -rf "$dest.tmp"
  local mlog
  mlog="$(dirname "$dest")/maven.log"
  if ! mvn "${mvnargs[@]}" "$DEP_PLUGIN:copy-dependencies" \
        -DoutputDirectory="$dest.tmp" -DincludeScope=runtime >"$mlog" 2>&1; then
    show_log_tail "$mlog"
    die "maven could not resolve $(rel "$pom")"
  fi
  rm -rf "$dest"
  mv "$dest.tmp" "$dest"
  echo "$want" >"$stamp"
}

pom_prop() { sed -n "s:.*<$2>\(.*\)</$2>.*:\1:p" "$1" | head -n1; }

# ---------------------------------------------------------------- versions --

mariadb_version() {
  local b; b="$(command -v mariadbd || command -v mysqld || echo /usr/sbin/mariadbd)"
  [[ -x "$b" ]] && "$b" --version 2>/dev/null | sed -n 's/.*Ver \([^ ]*\).*/\1/p' || true
}
redis_version() { have redis-server && redis-server --version | sed -n 's/.* v=\([^ ]*\).*/\1/p' || true; }
rabbitmq_version() { dpkg-query -W -f '${Version}' rabbitmq-server 2>/dev/null || true; }
kafka_version() { pom_prop "$POM_DIR/kafka/pom.xml" kafka.version; }
elasticmq_version() { pom_prop "$POM_DIR/elasticmq/pom.xml" elasticmq.version; }
pubsub_jar() { compgen -G "$PUBSUB_HOME/lib/cloud-pubsub-emulator-*.jar" | head -n1 || true; }
pubsub_version() {
  local j; j="$(pubsub_jar)"
  [[ -n "$j" ]] && basename "$j" | sed -n 's/^cloud-pubsub-emulator-\(.*\)-all\.jar$/\1/p;t;s/^cloud-pubsub-emulator-\(.*\)\.jar$/\1/p' || true
}

write_env() {
  local tmp="$ENV_FILE.tmp.$$"
  cat >"$tmp" <<EOF
CARAVAN_TEST_MYSQL_URL=mysql://$MYSQL_USER:$MYSQL_PASSWORD@$HOST:$MYSQL_PORT/$MYSQL_DATABASE
CARAVAN_TEST_MYSQL_HOST=$HOST
CARAVAN_TEST_MYSQL_PORT=$MYSQL_PORT
CARAVAN_TEST_MYSQL_USER=$MYSQL_USER
CARAVAN_TEST_MYSQL_PASSWORD=$MYSQL_PASSWORD
CARAVAN_TEST_MYSQL_DATABASE=$MYSQL_DATABASE
CARAVAN_TEST_REDIS_URL=redis://$HOST:$REDIS_PORT
CARAVAN_TEST_KAFKA_BROKERS=$HOST:$KAFKA_PORT
CARAVAN_TEST_KAFKA_CONTROLLER_PORT=$KAFKA_CONTROLLER_PORT
PUBSUB_EMULATOR_HOST=$HOST:$PUBSUB_PORT
CARAVAN_TEST_PUBSUB_PROJECT=$PUBSUB_PROJECT
CARAVAN_TEST_SQS_ENDPOINT=http://$HOST:$SQS_PORT
CARAVAN_TEST_SQS_REGION=$SQS_REGION
CARAVAN_TEST_RABBITMQ_URL=amqp://guest:guest@$HOST:$RABBITMQ_PORT
CARAVAN_TEST_KAFKA_VERSION=$(kafka_version)
CARAVAN_TEST_ELASTICMQ_VERSION=$(elasticmq_version)
CARAVAN_TEST_MARIADB_VERSION=$(mariadb_version)
CARAVAN_TEST_REDIS_VERSION=$(redis_version)
CARAVAN_TEST_PUBSUB_EMULATOR_VERSION=$(pubsub_version)
CARAVAN_TEST_RABBITMQ_VERSION=$(rabbitmq_version)
EOF
  mv "$tmp" "$ENV_FILE"
}

# ----------------------------------------------------------- health checks --

mariadb_client() { command -v mariadb || command -v mysql; }

healthy() {
  local svc="$1"
  case "$svc" in
    mariadb)
      MYSQL_PWD="$MYSQL_PASSWORD" "$(mariadb_client)" --no-defaults -h"$HOST" -P"$MYSQL_PORT" \
        -u"$MYSQL_USER" --connect-timeout=2 -N -e 'select 1' "$MYSQL_DATABASE" >/dev/null 2>&1 ;;
    redis)
      [[ "$(timeout 3 redis-cli -h "$HOST" -p "$REDIS_PORT" ping 2>/dev/null)" == PONG ]] ;;
    kafka)
      port_open "$KAFKA_PORT" ;;
    pubsub)
      [[ "$(curl -fsS -m 3 "http://$HOST:$PUBSUB_PORT/" 2>/dev/null)" == Ok* ]] ;;
    elasticmq)
      curl -fsS -m 3 -X POST "http://$HOST:$SQS_PORT/" \
        -H 'Content-Type: application/x-amz-json-1.0' -H 'X-Amz-Target: AmazonSQS.ListQueues' \
        --data '{}' >/dev/null 2>&1 ;;
    rabbitmq)
      # The AMQP listener opens last in the node's boot.
      port_open "$RABBITMQ_PORT" ;;
  esac
}

# Kafka's port opens before the broker has caught up with the metadata log;
# "Kafka Server started" is logged once it is ready for clients.
# grep -c reads to the end: with pipefail, grep -q would stop early and tail's SIGPIPE would fail the check.
# Boot is read from the log, not by connecting: polling a loopback port in the ephemeral range before
# anything listens on it can connect the socket to itself, and the node then finds its port taken.
rabbitmq_started_since() { tail -c +"$(( $1 + 1 ))" "$(svc_log rabbitmq)" 2>/dev/null | grep -q 'Server startup complete'; }
kafka_started_since() { tail -c +"$(( $1 + 1 ))" "$(svc_log kafka)" 2>/dev/null | grep -c 'Kafka Server started' >/dev/null; }

# ------------------------------------------------------------- preparation --

prepare_mariadb() {
  if ! have mariadbd && ! have mysqld && [[ ! -x /usr/sbin/mariadbd ]]; then
    apt_install mariadb-server || die "could not install mariadb-server (apt-get install -y mariadb-server)"
  fi
  local d="$CACHE/mariadb" sock; sock="$(mariadb_socket)"
  mkdir -p "$d/tmp"
  cat >"$d/my.cnf" <<EOF
# Written by scripts/services.sh on every start; edits are overwritten.
[client]
socket = $sock
port = $MYSQL_PORT

[mysqld]
user = root
datadir = $d/data
tmpdir = $d/tmp
socket = $sock
pid-file = $d/mariadb.pid
port = $MYSQL_PORT
bind-address = $HOST
skip-name-resolve
character-set-server = utf8mb4
collation-server = utf8mb4_general_ci
# small and fast: this is a throwaway test database
innodb_buffer_pool_size = 128M
innodb_log_file_size = 64M
innodb_flush_log_at_trx_commit = 2
performance_schema = OFF
max_connections = 500
# Parallel test files open many connections at once: a deep accept queue and a patient handshake keep
# a loaded two-core machine from resetting them.
back_log = 1000
connect_timeout = 30
EOF
  if [[ ! -f "$d/data/.caravan-initialized" ]]; then
    rm -rf "$d/data"
    mkdir -p "$d/data"
    say "  mariadb: initializing data dir $(rel "$d/data")"
    if ! mariadb-install-db --defaults-file="$d/my.cnf" --user=root --skip-name-resolve \
          --auth-root-authentication-method=normal --skip-test-db >>"$(svc_log mariadb)" 2>&1; then
      show_log_tail "$(svc_log mariadb)"
      die "mariadb-install-db failed"
    fi
    touch "$d/data/.caravan-initialized"
  fi
}

# The node runs as a plain process with everything under $CACHE/rabbitmq: its Erlang cookie (HOME),
# database, config, no plugins (management off), and a private epmd port; the AMQP listener comes
# from RABBITMQ_NODE_IP_ADDRESS/PORT (naming it in rabbitmq.conf too would bind it twice). (epmd is a daemon
# the first start spawns; it stays up between restarts, as epmd does.)
rabbitmq_env() {
  local d="$CACHE/rabbitmq"
  RABBITMQ_ENV=(HOME="$d" RABBITMQ_NODENAME="$RABBITMQ_NODE" RABBITMQ_NODE_IP_ADDRESS="$HOST"
    RABBITMQ_NODE_PORT="$RABBITMQ_PORT" RABBITMQ_DIST_PORT="$RABBITMQ_DIST_PORT"
    ERL_EPMD_PORT="$RABBITMQ_EPMD_PORT" ERL_EPMD_ADDRESS="$HOST"
    RABBITMQ_MNESIA_BASE="$d/mnesia" RABBITMQ_LOG_BASE="$d/log" RABBITMQ_PID_FILE="$d/beam.pid"
    RABBITMQ_CONFIG_FILE="$d/rabbitmq" RABBITMQ_ENABLED_PLUGINS_FILE="$d/enabled_plugins"
    RABBITMQ_PLUGINS_EXPAND_DIR="$d/plugins-expand"
    RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS="-kernel inet_dist_use_interface {127,0,0,1}")
}

prepare_rabbitmq() {
  [[ -x "$RABBITMQ_HOME/bin/rabbitmq-server" ]] || apt_install rabbitmq-server || \
    die "could not install rabbitmq-server (apt-get install -y rabbitmq-server)"
  local d="$CACHE/rabbitmq"
  mkdir -p "$d/log" "$d/mnesia"
  printf '[].\n' >"$d/enabled_plugins"
  cat >"$d/rabbitmq.conf" <<EOF
disk_free_limit.absolute = 50MB
log.console = true
log.file = false
EOF
}

prepare_redis() {
  have redis-server || apt_install redis-server || die "could not install redis-server (apt-get install -y redis-server)"
  have redis-cli || apt_install redis-tools || die "could not install redis-tools"
  mkdir -p "$CACHE/redis"
}

prepare_kafka() {
  need_java
  local d="$CACHE/kafka"
  mkdir -p "$d/logs" "$d/data"
  fetch_jars "$POM_DIR/kafka/pom.xml" "$d/libs"
  cat >"$d/server.properties" <<EOF
# Written by scripts/services.sh on every start; edits are overwritten.
# Single-node KRaft: this process is both broker and controller.
process.roles=broker,controller
node.id=1
controller.quorum.voters=1@$HOST:$KAFKA_CONTROLLER_PORT
listeners=PLAINTEXT://$HOST:$KAFKA_PORT,CONTROLLER://$HOST:$KAFKA_CONTROLLER_PORT
advertised.listeners=PLAINTEXT://$HOST:$KAFKA_PORT
controller.listener.names=CONTROLLER
inter.broker.listener.name=PLAINTEXT
listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT
log.dirs=$d/data
num.partitions=1
default.replication.factor=1
auto.create.topics.enable=true
delete.topic.enable=true
group.initial.rebalance.delay.ms=0
offsets.topic.replication.factor=1
offsets.topic.num.partitions=5
transaction.state.log.replication.factor=1
transaction.state.log.min.isr=1
transaction.state.log.num.partitions=5
share.coordinator.state.topic.replication.factor=1
share.coordinator.state.topic.min.isr=1
num.network.threads=2
num.io.threads=4
num.recovery.threads.per.data.dir=1
log.retention.hours=24
EOF
  cat >"$d/log4j2.xml" <<EOF
<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by scripts/services.sh on every start; edits are overwritten. -->
<Configuration status="WARN">
  <Appenders>
    <RollingFile name="file" fileName="$d/logs/server.log" filePattern="$d/logs/server.log.%i">
      <PatternLayout pattern="[%d] %p %m (%c)%n"/>
      <Policies><SizeBasedTriggeringPolicy size="50 MB"/></Policies>
      <DefaultRolloverStrategy max="3"/>
    </RollingFile>
  </Appenders>
  <Loggers>
    <Root level="INFO"><AppenderRef ref="file"/></Root>
  </Loggers>
</Configuration>
EOF
  if [[ ! -f "$d/data/meta.properties" ]]; then
    say "  kafka: formatting KRaft storage in $(rel "$d/data") (cluster id $KAFKA_CLUSTER_ID)"
    if ! java -Xmx256m -Dlog4j2.configurationFile="$d/log4j2.xml" -cp "$d/libs/*" \
          kafka.tools.StorageTool format -t "$KAFKA_CLUSTER_ID" -c "$d/server.properties" \
          >>"$d/logs/stdout.log" 2>&1; then
      show_log_tail "$d/logs/stdout.log"
      die "kafka storage format failed"
    fi
  fi
}

prepare_pubsub() {
  if [[ -z "$(pubsub_jar)" ]]; then
    apt_install google-cloud-cli-pubsub-emulator || true
    [[ -n "$(pubsub_jar)" ]] || die "Google Pub/Sub emulator not found under $PUBSUB_HOME. Install the Debian package google-cloud-cli-pubsub-emulator (from Google's cloud-sdk apt repository: apt-get install -y google-cloud-cli-pubsub-emulator)."
  fi
  need_java
  mkdir -p "$CACHE/pubsub"
}

prepare_elasticmq() {
  need_java
  local d="$CACHE/elasticmq"
  mkdir -p "$d"
  fetch_jars "$POM_DIR/elasticmq/pom.xml" "$d/libs"
  cat >"$d/elasticmq.conf" <<EOF
# Written by scripts/services.sh on every start; edits are overwritten.
include classpath("application.conf")

node-address {
  protocol = http
  host = "$HOST"
  port = $SQS_PORT
  context-path = ""
}
rest-sqs {
  enabled = true
  bind-port = $SQS_PORT
  bind-hostname = "$HOST"
  sqs-limits = strict
}
rest-stats {
  enabled = false
}
generate-node-address = false
aws {
  region = "$SQS_REGION"
  accountId = "000000000000"
}
EOF
}

# ---------------------------------------------------------------- start -----

start_cmd() {
  local svc="$1" d="$CACHE/$1"
  case "$svc" in
    mariadb)
      local b; b="$(command -v mariadbd || command -v mysqld || echo /usr/sbin/mariadbd)"
      launch mariadb "$(svc_log mariadb)" "$b" --defaults-file="$d/my.cnf" ;;
    redis)
      launch redis "$(svc_log redis)" redis-server --port "$REDIS_PORT" --bind "$HOST" \
        --save '' --appendonly no --daemonize no --dir "$d" --logfile '' --protected-mode yes ;;
    kafka)
      # shellcheck disable=SC2086
      launch kafka "$d/logs/stdout.log" java $KAFKA_HEAP -XX:+UseG1GC -Djava.awt.headless=true \
        -Dcaravan.service=kafka -Dkafka.logs.dir="$d/logs" \
        -Dlog4j2.configurationFile="$d/log4j2.xml" \
        -cp "$d/libs/*" kafka.Kafka "$d/server.properties" ;;
    pubsub)
      # shellcheck disable=SC2086
      launch pubsub "$(svc_log pubsub)" java $PUBSUB_HEAP -Djava.awt.headless=true \
        -Dcaravan.service=pubsub -jar "$(pubsub_jar)" --host="$HOST" --port="$PUBSUB_PORT" ;;
    rabbitmq)
      # Not the Debian wrapper in /usr/sbin, which switches to the rabbitmq user and its /var/lib home.
      rabbitmq_env
      launch rabbitmq "$(svc_log rabbitmq)" env "${RABBITMQ_ENV[@]}" "$RABBITMQ_HOME/bin/rabbitmq-server" ;;
    elasticmq)
      # shellcheck disable=SC2086
      launch elasticmq "$(svc_log elasticmq)" java $ELASTICMQ_HEAP -Djava.awt.headless=true \
        -Dcaravan.service=elasticmq -Dconfig.file="$d/elasticmq.conf" \
        -cp "$d/libs/*" org.elasticmq.server.Main ;;
  esac
}

mariadb_setup_sql() {
  local d="$CACHE/mariadb"
  "$(mariadb_client)" --defaults-file="$d/my.cnf" -uroot <<EOF
CREATE DATABASE IF NOT EXISTS \`$MYSQL_DATABASE\`;
CREATE USER IF NOT EXISTS '$MYSQL_USER'@'127.0.0.1' IDENTIFIED BY '$MYSQL_PASSWORD';
CREATE USER IF NOT EXISTS '$MYSQL_USER'@'localhost' IDENTIFIED BY '$MYSQL_PASSWORD';
ALTER USER '$MYSQL_USER'@'127.0.0.1' IDENTIFIED BY '$MYSQL_PASSWORD';
ALTER USER '$MYSQL_USER'@'localhost' IDENTIFIED BY '$MYSQL_PASSWORD';
GRANT ALL ON \`$MYSQL_DATABASE\`.* TO '$MYSQL_USER'@'127.0.0.1';
GRANT ALL ON \`$MYSQL_DATABASE\`.* TO '$MYSQL_USER'@'localhost';
GRANT ALL ON \`caravan\\_%\`.* TO '$MYSQL_USER'@'127.0.0.1';
GRANT ALL ON \`caravan\\_%\`.* TO '$MYSQL_USER'@'localhost';
FLUSH PRIVILEGES;
EOF
}

# Wait until SVC answers. $2 = log offset at launch ("" if it was already running).
wait_ready() {
  local svc="$1" off="$2" t0 limit
  t0=$SECONDS; limit="$(svc_timeout "$svc")"
  local setup_done=0
  while :; do
    if ! is_alive "$svc"; then
      show_log_tail "$(svc_log "$svc")" "$(svc_aux_log "$svc")"
      die "$svc exited during startup (log: $(rel "$(svc_log "$svc")"))"
    fi
    case "$svc" in
      mariadb)
        if (( ! setup_done )) && "$(mariadb_client)" --defaults-file="$CACHE/mariadb/my.cnf" -uroot \
              --connect-timeout=2 -e 'select 1' >/dev/null 2>&1; then
          mariadb_setup_sql || die "mariadb: creating database/user failed"
          setup_done=1
        fi
        (( setup_done )) && healthy mariadb && return 0 ;;
      kafka)
        if healthy kafka; then
          [[ -z "$off" ]] && return 0
          kafka_started_since "$off" && return 0
        fi ;;
      rabbitmq)
        if [[ -z "$off" ]]; then healthy rabbitmq && return 0
        else rabbitmq_started_since "$off" && return 0; fi ;;
      *)
        healthy "$svc" && return 0 ;;
    esac
    if (( SECONDS - t0 >= limit )); then
      show_log_tail "$(svc_log "$svc")" "$(svc_aux_log "$svc")"
      die "$svc did not answer on $HOST:$(svc_port "$svc") within ${limit}s (log: $(rel "$(svc_log "$svc")"))"
    fi
    sleep 0.5
  done
}

declare -A STATE=() OFFSET=() STOP_PID=()

cmd_up() {
  local svcs=("$@") svc order=()
  # Launch order: cheap ones first, so they boot while Maven/format run for
  # the JVM services.
  for svc in mariadb redis pubsub kafka elasticmq rabbitmq; do
    [[ " ${svcs[*]} " == *" $svc "* ]] && order+=("$svc")
  done
  # 1. Classify; prepare (install, fetch, init) and launch what is not running.
  for svc in "${order[@]}"; do
    if is_alive "$svc"; then
      STATE[$svc]="already running"
      OFFSET[$svc]=""
      continue
    fi
    rm -f "$(pid_file "$svc")"
    if port_open "$(svc_port "$svc")"; then
      die "$svc: port $HOST:$(svc_port "$svc") is already in use by a process this script did not start (see: ss -ltnp 'sport = :$(svc_port "$svc")'); stop it or set CARAVAN_SERVICES_*_PORT"
    fi
    [[ "$svc" == kafka ]] && port_open "$KAFKA_CONTROLLER_PORT" && \
      die "kafka: controller port $HOST:$KAFKA_CONTROLLER_PORT is already in use"
    "prepare_$svc"
    OFFSET[$svc]="$(log_size "$(svc_log "$svc")")"
    start_cmd "$svc"
    STATE[$svc]="started"
  done
  # 2. Wait for each (they boot in parallel).
  for svc in "${svcs[@]}"; do
    wait_ready "$svc" "${OFFSET[$svc]}"
  done
  write_env
}

# Ask SVC to stop (SIGTERM: graceful for all five). Returns 1 if not running.
signal_stop() {
  local svc="$1"
  if ! is_alive "$svc"; then
    rm -f "$(pid_file "$svc")"
    say "  $(printf '%-10s' "$svc") not running"
    return 1
  fi
  STOP_PID[$svc]="$(svc_pid "$svc")"
  kill -TERM "${STOP_PID[$svc]}" 2>/dev/null || true
}

# Wait for SVC (already signalled) to exit; SIGKILL after a grace period.
wait_stopped() {
  local svc="$1" pid="${STOP_PID[$1]:-}" limit i
  [[ -n "$pid" ]] || return 0
  case "$svc" in kafka|mariadb) limit=60 ;; *) limit=20 ;; esac
  for (( i = 0; i < limit * 4; i++ )); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.25
  done
  if kill -0 "$pid" 2>/dev/null; then
    warn "$svc (pid $pid) did not stop within ${limit}s; sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for (( i = 0; i < 40; i++ )); do kill -0 "$pid" 2>/dev/null || break; sleep 0.25; done
  fi
  rm -f "$(pid_file "$svc")"
  say "  $(printf '%-10s' "$svc") stopped (was pid $pid)"
}

cmd_down() {
  local svc stopping=()
  for svc in "$@"; do signal_stop "$svc" && stopping+=("$svc"); done
  for svc in "${stopping[@]}"; do wait_stopped "$svc"; done
}

print_summary() {
  local svc pid
  say "caravan test services (cache: $(rel "$CACHE")):"
  for svc in "$@"; do
    pid="$(svc_pid "$svc")"
    say "  $(printf '%-10s %-16s %-16s pid %-8s log %s' "$svc" "${STATE[$svc]}" "$HOST:$(svc_port "$svc")" "$pid" "$(rel "$(svc_log "$svc")")")"
  done
  say "env file: $(rel "$ENV_FILE")"
}

cmd_status() {
  local svc pid state rc=0
  for svc in "$@"; do
    pid="$(svc_pid "$svc")"
    if is_alive "$svc"; then
      if healthy "$svc"; then state=running; else state="running, NOT answering"; rc=1; fi
    else
      pid="-"
      if port_open "$(svc_port "$svc")"; then state="stopped (port in use by another process)"; else state=stopped; fi
      rc=1
    fi
    say "$(printf '%-10s %-26s %-16s pid %-8s log %s' "$svc" "$state" "$HOST:$(svc_port "$svc")" "$pid" "$(rel "$(svc_log "$svc")")")"
  done
  [[ -f "$ENV_FILE" ]] && say "env file: $(rel "$ENV_FILE")"
  return "$rc"
}

cmd_clean() {
  local svc
  cmd_down "$@"
  for svc in "$@"; do
    case "$svc" in
      mariadb) rm -rf "$CACHE/mariadb/data" ;;
      kafka) rm -rf "$CACHE/kafka/data" ;;
      *) : ;;  # in-memory services: nothing on disk
    esac
  done
  say "data removed for: $*"
}

usage() {
  sed -n '2,12p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
  exit "${1:-2}"
}

main() {
  local cmd="${1:-}"
  [[ -n "$cmd" ]] || usage
  shift
  case "$cmd" in -h|--help|help) usage 0 ;; esac
  local svcs=() s seen=" "
  if (( $# == 0 )); then
    svcs=("${ALL_SERVICES[@]}")
  else
    for s in "$@"; do
      s="$(canon "$s")"
      [[ "$seen" == *" $s "* ]] || { svcs+=("$s"); seen+="$s "; }
    done
  fi

  mkdir -p "$CACHE"
  # One services.sh at a time per cache dir (status needs no lock).
  if [[ "$cmd" != status ]]; then
    exec 9>"$CACHE/.lock"
    flock -w 900 9 || die "another services.sh is still running (lock $CACHE/.lock)"
  fi

  local t0; t0="$(now)"
  case "$cmd" in
    up)
      cmd_up "${svcs[@]}"
      print_summary "${svcs[@]}"
      say "up took $(elapsed "$t0")s" ;;
    down)
      cmd_down "${svcs[@]}" ;;
    restart)
      cmd_down "${svcs[@]}"
      cmd_up "${svcs[@]}"
      print_summary "${svcs[@]}"
      say "restart took $(elapsed "$t0")s" ;;
    status)
      cmd_status "${svcs[@]}" ;;
    clean)
      cmd_clean "${svcs[@]}" ;;
    *)
      warn "unknown command '$cmd'"
      usage ;;
  esac
}

main "$@"
