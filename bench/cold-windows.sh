#!/usr/bin/env bash
# The refresh's first minute after start, in 10 s windows: refreshes per second and server
# CPU-milliseconds per refresh in each, then the first minute's mean and the CPU each kind of
# server thread had used by its end (the JIT's compiler threads among them).
# Needs wrk (Debian: apt-get install wrk) and a built jar; JAR=path/to/other.jar measures another
# build, JAVA_OPTS adds server JVM options (for example -XX:CICompilerCount=4).
# Starts its own server (-Xmx256m) on a fresh H2 file, logs in 16 sessions, then 8 windows of
# 16 connections, each following its own session's chain.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-18080}
DATA=$(mktemp -d)
BASE=http://localhost:$PORT
ADMIN_PASSWORD=bench-admin-password

# shellcheck disable=SC2086
ROTOR_DB_URL="jdbc:h2:file:$DATA/rotor" ROTOR_MASTER_KEY_FILE="$DATA/master.key" SERVER_PORT=$PORT \
  ROTOR_ADMIN_EMAIL=admin@bench.test ROTOR_ADMIN_PASSWORD=$ADMIN_PASSWORD AXONIQ_UPDATE_CHECKER_DISABLED=true \
  java -Xmx256m ${JAVA_OPTS:-} -jar "${JAR:-app/target/rotor.jar}" > "$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do curl -sf $BASE/actuator/health > /dev/null && break; sleep 0.25; done

: > "$DATA/tokens.txt"
for _ in $(seq 1 16); do # echo: the answer has no newline of its own
  echo "$(curl -s -X POST $BASE/api/v1/auth/login -H 'Content-Type: application/json' \
    -d "{\"email\":\"admin@bench.test\",\"password\":\"$ADMIN_PASSWORD\"}" \
    | sed -n 's/.*"refresh_token":"\([^"]*\)".*/\1/p')" >> "$DATA/tokens.txt"
done
cpu() { awk '{print $14 + $15}' "$1"; }
TICKS=$(getconf CLK_TCK)
total=0
for window in 1 2 3 4 5 6 7 8; do
  before=$(cpu /proc/$SERVER/stat)
  REFRESH_TOKENS="$DATA/tokens.txt" wrk -t16 -c16 -d10s -s bench/refresh.lua $BASE > "$DATA/wrk.txt"
  after=$(cpu /proc/$SERVER/stat)
  done_=$(awk '/requests in/ {print $1}' "$DATA/wrk.txt")
  [ "$window" -le 6 ] && total=$((total + done_))
  printf '%3d-%3d s  %6d/s  %5.2f CPU-ms  %s\n' $(((window - 1) * 10)) $((window * 10)) $((done_ / 10)) \
    "$(echo "($after - $before) * 1000 / $TICKS / $done_" | bc -l)" "$(grep -h Non-2xx "$DATA/wrk.txt" || true)"
  if [ "$window" -eq 6 ]; then
    echo "first 60 s: $((total / 60))/s; server CPU-s by thread kind at its end (start included):"
    for task in /proc/$SERVER/task/*; do
      echo "$(tr ' ' '_' < "$task/comm" | sed -E 's/[-#_]?[0-9]+$//') $(cpu "$task/stat")"
    done | awk -v t="$TICKS" '{s[$1] += $2} END {for (k in s) printf "%8.1f %s\n", s[k] / t, k}' | sort -rn | head -8
  fi
done
