#!/usr/bin/env bash
# Rotor's load benchmark: one command, needing only the JDK (17+) and the Maven wrapper.
#   bench/run.sh [--jar <jar>] [--baseline <jar>] [--quick] [--sessions N] [--heap 256m] [more, see below]
# Without --jar it builds app/target/rotor.jar (./mvnw -q -DskipTests package) and measures that.
# Every other option goes to bench/Bench.java (a single-file Java program run from source):
#   --clients 16  --login-clients 3*cores  --paths login,refresh,me,jwks,liveness
#   --cold-seconds 60  --window-seconds 10  --max-warmup-seconds 180  --measure-seconds 30
#   --argon2-seconds 15  --results-dir bench/results  --server-env NAME=value  --server-opt -XX:...
#   --template-dir <dir> (keep and reuse the seeded database)
# See bench/README.md for what it prints and how long it takes.
set -euo pipefail
cd "$(dirname "$0")/.."

JAR=""
ARGS=()
while [ $# -gt 0 ]; do
  case "$1" in
    --jar) JAR="$2"; shift 2 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) ARGS+=("$1"); shift ;;
  esac
done

if [ -z "$JAR" ]; then
  echo "building app/target/rotor.jar ..." >&2
  AXONIQ_UPDATE_CHECKER_DISABLED=true ./mvnw -q -B -DskipTests package
  JAR=app/target/rotor.jar
fi

exec java -Xmx512m bench/Bench.java --jar "$JAR" ${ARGS[@]+"${ARGS[@]}"}
