#!/usr/bin/env bash
# Server-side throughput of token validations, refreshes and logins, measured with wrk from
# outside the JVM.
# Needs wrk (Debian: apt-get install wrk) and a built jar (./mvnw -q -DskipTests install); JAR=path/to/other.jar
# measures another build the same way.
# Starts its own server on a fresh H2 file (or DB_URL with ROTOR_DB_USER/ROTOR_DB_PASSWORD, an
# empty database), warms each path up, then prints wrk's figures.
set -euo pipefail
cd "$(dirname "$0")/.."
PORT=${PORT:-18080}
WARMUP=${WARMUP:-30}
SECONDS_PER_RUN=${SECONDS_PER_RUN:-15}
DATA=$(mktemp -d)
BASE=http://localhost:$PORT
ADMIN_PASSWORD=bench-admin-password

ROTOR_DB_URL="${DB_URL:-jdbc:h2:file:$DATA/rotor}" ROTOR_MASTER_KEY_FILE="${MASTER_KEY_FILE:-$DATA/master.key}" SERVER_PORT=$PORT ROTOR_ADMIN_EMAIL=admin@bench.test \
  ROTOR_ADMIN_PASSWORD=$ADMIN_PASSWORD java -jar "${JAR:-app/target/rotor.jar}" > "$DATA/server.log" 2>&1 &
SERVER=$!
trap 'kill $SERVER 2>/dev/null; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do curl -sf $BASE/actuator/health > /dev/null && break; sleep 1; done

token() { sed -n 's/.*"access_token":"\([^"]*\)".*/\1/p'; }
ADMIN=$(curl -s -X POST $BASE/api/v1/auth/login -H 'Content-Type: application/json' \
  -d "{\"email\":\"admin@bench.test\",\"password\":\"$ADMIN_PASSWORD\"}" | token)
for i in 1 2 3 4 5 6 7 8; do
  curl -s -o /dev/null -X POST $BASE/api/v1/admin/users -H "Authorization: Bearer $ADMIN" \
    -H 'Content-Type: application/json' \
    -d "{\"email\":\"w$i@bench.test\",\"password\":\"bench-user-password\",\"roles\":[\"user\"]}"
done
cat > "$DATA/login.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local n = 0
request = function()
  n = n + 1
  return wrk.format(nil, "/api/v1/auth/login", nil,
    '{"email":"w' .. (n % 8 + 1) .. '@bench.test","password":"bench-user-password"}')
end
LUA
USER_TOKEN=$(curl -s -X POST $BASE/api/v1/auth/login -H 'Content-Type: application/json' \
  -d '{"email":"w1@bench.test","password":"bench-user-password"}' | token)

echo "== token validation, GET /api/v1/me (16 connections)"
wrk -t2 -c16 -d${WARMUP}s -H "Authorization: Bearer $USER_TOKEN" $BASE/api/v1/me > /dev/null
wrk -t2 -c16 -d${SECONDS_PER_RUN}s -H "Authorization: Bearer $USER_TOKEN" $BASE/api/v1/me | grep -E "Latency|Requests/sec|Non-2xx"
# Refresh: four connections, each rotating its own session's token chain.
refresh_tokens() {
  : > "$DATA/refresh-tokens.txt"
  for i in 1 2 3 4; do
    echo "$(curl -s -X POST $BASE/api/v1/auth/login -H 'Content-Type: application/json' \
      -d "{\"email\":\"w$i@bench.test\",\"password\":\"bench-user-password\"}" \
      | sed -n 's/.*"refresh_token":"\([^"]*\)".*/\1/p')" >> "$DATA/refresh-tokens.txt"
  done
}
echo "== refresh, POST /api/v1/auth/token/refresh (4 connections, one session each)"
refresh_tokens
REFRESH_TOKENS="$DATA/refresh-tokens.txt" wrk -t4 -c4 -d${WARMUP}s -s bench/refresh.lua $BASE > /dev/null
refresh_tokens
REFRESH_TOKENS="$DATA/refresh-tokens.txt" wrk -t4 -c4 -d${SECONDS_PER_RUN}s -s bench/refresh.lua $BASE | grep -E "Latency|Requests/sec|Non-2xx"

echo "== password login, POST /api/v1/auth/login (6 connections, 8 users: the hashing line holds 2 running + 4 waiting on 2 cores)"
wrk -t2 -c6 -d${WARMUP}s -s "$DATA/login.lua" $BASE > /dev/null
wrk -t2 -c6 -d${SECONDS_PER_RUN}s -s "$DATA/login.lua" $BASE | grep -E "Latency|Requests/sec|Non-2xx"
