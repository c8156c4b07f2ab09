#!/usr/bin/env bash
# Two Rotor nodes on one (empty) PostgreSQL database, loaded at once with wrk: token validations on
# both nodes, then refreshes on both nodes. Prints each node's figures; add them up for the pair.
# Needs wrk, a built jar, and DB_URL (with ROTOR_DB_USER/ROTOR_DB_PASSWORD) naming an empty database.
# Example: DB_URL=jdbc:postgresql://localhost:5432/rotor ROTOR_DB_USER=rotor ROTOR_DB_PASSWORD=... \
#   bash bench/wrk-two-nodes.sh
set -euo pipefail
cd "$(dirname "$0")/.."
: "${DB_URL:?DB_URL must name an empty PostgreSQL database}"
WARMUP=${WARMUP:-20}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-15}
PORTS=(${PORT_A:-18201} ${PORT_B:-18202})
DATA=$(mktemp -d)
ADMIN_PASSWORD=bench-admin-password
PIDS=()
trap 'kill ${PIDS[*]} 2>/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$DATA"' EXIT
for port in "${PORTS[@]}"; do
  ROTOR_DB_URL="$DB_URL" ROTOR_MASTER_KEY_FILE="$DATA/master.key" SERVER_PORT=$port ROTOR_ISSUER=http://rotor.bench \
    ROTOR_ADMIN_EMAIL=admin@bench.test ROTOR_ADMIN_PASSWORD=$ADMIN_PASSWORD \
    java -jar "${JAR:-app/target/rotor.jar}" > "$DATA/server-$port.log" 2>&1 &
  PIDS+=($!)
  for _ in $(seq 1 180); do curl -sf "http://localhost:$port/actuator/health" > /dev/null && break; sleep 1; done
done
A=http://localhost:${PORTS[0]}
token() { sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'; }
ADMIN=$(curl -s -X POST $A/api/v1/auth/login -H 'Content-Type: application/json' \
  -d "{\"email\":\"admin@bench.test\",\"password\":\"$ADMIN_PASSWORD\"}" | token)
for i in 1 2 3 4 5 6 7 8; do
  curl -s -o /dev/null -X POST $A/api/v1/admin/users -H "Authorization: Bearer $ADMIN" \
    -H 'Content-Type: application/json' \
    -d "{\"email\":\"w$i@bench.test\",\"password\":\"bench-user-password\",\"roles\":[\"user\"]}"
done
login() { curl -s -X POST "$1/api/v1/auth/login" -H 'Content-Type: application/json' \
  -d "{\"email\":\"w$2@bench.test\",\"password\":\"bench-user-password\"}"; }
USER_TOKEN=$(login $A 1 | token)
both() { # both <seconds> <print> <path> <wrk args...>: the same load on both nodes at once
  local seconds=$1 print=$2 path=$3; shift 3
  local jobs=()
  for port in "${PORTS[@]}"; do
    wrk "$@" -d${seconds}s "http://localhost:$port$path" > "$DATA/wrk-$port.txt" &
    jobs+=($!)
  done
  wait "${jobs[@]}"
  if [ "$print" = yes ]; then
    for port in "${PORTS[@]}"; do echo "node :$port"; grep -E "Latency|Requests/sec|Non-2xx" "$DATA/wrk-$port.txt"; done
  fi
}
echo "== token validation, GET /api/v1/me, 16 connections per node"
both $WARMUP no /api/v1/me -t2 -c16 -H "Authorization: Bearer $USER_TOKEN"
both $SECONDS_PER_RUN yes /api/v1/me -t2 -c16 -H "Authorization: Bearer $USER_TOKEN"

echo "== refresh, 4 connections per node, one session each"
refresh_tokens() { # a fresh session per connection, users 1-4 on node A and 5-8 on node B
  : > "$DATA/tokens-${PORTS[0]}.txt"; : > "$DATA/tokens-${PORTS[1]}.txt"
  for i in 1 2 3 4; do
    echo "$(login $A $i | sed -n 's/.*"refresh_token":"\([^"]*\)".*/\1/p')" >> "$DATA/tokens-${PORTS[0]}.txt"
    echo "$(login $A $((i + 4)) | sed -n 's/.*"refresh_token":"\([^"]*\)".*/\1/p')" >> "$DATA/tokens-${PORTS[1]}.txt"
  done
}
refresh_both() { # refresh_both <seconds> <print>
  local jobs=()
  for port in "${PORTS[@]}"; do
    REFRESH_TOKENS="$DATA/tokens-$port.txt" wrk -t4 -c4 -d${1}s -s bench/refresh.lua "http://localhost:$port" \
      > "$DATA/wrk-$port.txt" &
    jobs+=($!)
  done
  wait "${jobs[@]}"
  if [ "$2" = yes ]; then
    for port in "${PORTS[@]}"; do echo "node :$port"; grep -E "Latency|Requests/sec|Non-2xx" "$DATA/wrk-$port.txt"; done
  fi
}
refresh_tokens
refresh_both $WARMUP no
refresh_tokens
refresh_both $SECONDS_PER_RUN yes
