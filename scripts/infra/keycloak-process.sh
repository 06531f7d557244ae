#!/usr/bin/env bash
# Keycloak as a plain process on loopback, for fast realm tests.
#   keycloak-process.sh start|stop|status|url
# start: idempotent; waits for /health/ready. status: exit 0 ready, 1 running but not ready,
# 3 stopped. The admin password lives in $CCW_CACHE/keycloak-process/admin-password (0600) and
# is never printed nor put in argv.
. "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

dir="$CCW_CACHE/keycloak-process"
home="$CCW_CACHE/keycloak-$KEYCLOAK_VERSION"
pidfile="$dir/pid" pwfile="$dir/admin-password" logfile="$dir/keycloak.log"
url="http://127.0.0.1:$KEYCLOAK_PROCESS_HTTP_PORT"
ready_url="http://127.0.0.1:$KEYCLOAK_PROCESS_MANAGEMENT_PORT/health/ready"
# A ceiling, not an estimate: a cold start (augmentation + schema) on 2 busy cores took >180 s;
# a process that dies is noticed at once.
start_timeout=${CCW_KEYCLOAK_START_TIMEOUT:-600}

# The recorded pid, if it is still our Keycloak (the cache survives reboots; pids get reused).
our_pid() {
  local pid
  pid=$(cat "$pidfile" 2>/dev/null) || return 1
  [ -n "$pid" ] && grep -qaF "$home" "/proc/$pid/cmdline" 2>/dev/null && echo "$pid"
}
ready() { http_ok "$ready_url"; }
port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
fail_with_log() { tail -n 40 "$logfile" >&2 || true; die "$1"; }

wait_ready() {
  local pid=$1 deadline=$(($(date +%s) + start_timeout))
  until ready; do
    kill -0 "$pid" 2>/dev/null || fail_with_log "Keycloak exited during startup (log: $logfile)"
    [ "$(date +%s)" -lt "$deadline" ] || fail_with_log "Keycloak not ready after ${start_timeout}s (log: $logfile)"
    sleep 0.25
  done
}

start() {
  local pid t0 java_home
  if pid=$(our_pid); then
    ready && return 0
    step "waiting for the Keycloak process another run started"
    wait_ready "$pid"
    step_done
    return 0
  fi
  for p in "$KEYCLOAK_PROCESS_HTTP_PORT" "$KEYCLOAK_PROCESS_MANAGEMENT_PORT"; do
    port_busy "$p" && die "port $p on 127.0.0.1 is taken by another process"
  done
  bash "$INFRA_DIR/keycloak-dist.sh"
  java_home=$(find_java_home)
  mkdir -p "$dir" && chmod 700 "$dir"
  if [ ! -s "$pwfile" ]; then
    # A new password needs a new database: the bootstrap admin is only created in an empty one.
    rm -rf "$dir/data"
    (umask 077 && od -An -N24 -tx1 /dev/urandom | tr -d ' \n' >"$pwfile")
  fi
  step "starting Keycloak $KEYCLOAK_VERSION as a loopback process at $url (first start: a minute or more)"
  # The password reaches Keycloak through its environment, never argv. setsid: its own process
  # group, so stop can end kc.sh and java together and a killed caller leaves it running.
  KC_BOOTSTRAP_ADMIN_USERNAME="$KEYCLOAK_ADMIN_USER" KC_BOOTSTRAP_ADMIN_PASSWORD="$(cat "$pwfile")" \
    JAVA_HOME="$java_home" JAVA_OPTS_APPEND="-Dkc.db-url-path=$dir $(keycloak_java_opts "$java_home" "$dir/cds.jsa")" \
    setsid nohup "$home/bin/kc.sh" start-dev --http-host=127.0.0.1 \
    --http-port="$KEYCLOAK_PROCESS_HTTP_PORT" --http-management-port="$KEYCLOAK_PROCESS_MANAGEMENT_PORT" \
    --health-enabled=true >"$logfile" 2>&1 </dev/null 9>&- &
  echo $! >"$pidfile"
  echo "$url" >"$dir/url"
  wait_ready "$!"
  step_done
}

stop() {
  local pid
  pid=$(our_pid) || { rm -f "$pidfile"; return 0; }
  kill -TERM -- "-$pid" 2>/dev/null || true
  if ! wait_for 30 "Keycloak to stop" bash -c "! kill -0 $pid"; then
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  rm -f "$pidfile"
}

status() {
  if ! our_pid >/dev/null; then echo stopped; exit 3; fi
  if ready; then echo ready; else echo starting; exit 1; fi
}

case "${1:-}" in
  start) lock keycloak-process && start ;;
  stop) lock keycloak-process && stop ;;
  status) status ;;
  url) echo "$url" ;;
  *) die "usage: $0 start|stop|status|url" ;;
esac
