#!/usr/bin/env bash
# Load benchmark of the read API: wrk against the packaged backend (quarkus-app) on an embedded
# PostgreSQL seeded with JOURNEYS journeys x MINUTES minutes of aggregates.
#
#   backend/bench/read-api.sh            # after: mvn -pl backend -am -Dbuild.out=target-backend install
#
# Env: BUILD_OUT (target-backend), JOURNEYS (40), MINUTES (1440), DURATION (20s), CONNECTIONS (16),
#      THREADS (2), PORT (18080), CACHE_TTL (PT10S; PT0S measures every request computing its
#      totals). Needs wrk (apt-get install -y wrk) and curl.
# Prints requests/s and latency percentiles per endpoint; figures, not assertions.
set -euo pipefail
cd "$(dirname "$0")/.."
BUILD_OUT=${BUILD_OUT:-target-backend}
JOURNEYS=${JOURNEYS:-40}
MINUTES=${MINUTES:-1440}
DURATION=${DURATION:-20s}
CONNECTIONS=${CONNECTIONS:-16}
THREADS=${THREADS:-2}
PORT=${PORT:-18080}
CACHE_TTL=${CACHE_TTL:-PT10S}
TOKEN=bench-token-$$
WORK=$(mktemp -d)
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT

command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install -y wrk)" >&2; exit 2; }
[ -f "$BUILD_OUT/quarkus-app/quarkus-run.jar" ] || { echo "build first: mvn -pl backend -am -Dbuild.out=$BUILD_OUT install -DskipTests" >&2; exit 2; }
[ -d "$BUILD_OUT/test-classes" ] || mvn -B -q -o -Dbuild.out="$BUILD_OUT" test-compile

mvn -B -q -o -Dbuild.out="$BUILD_OUT" dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
CP="$BUILD_OUT/test-classes:$BUILD_OUT/classes:$(cat "$WORK/cp.txt")"

echo "seeding $JOURNEYS journeys x $MINUTES minutes into an embedded PostgreSQL..." >&2
java -Xmx512m -Djava.io.tmpdir="$BUILD_OUT" -cp "$CP" io.sloscout.backend.bench.BenchDatabase \
  "$JOURNEYS" "$MINUTES" >"$WORK/db.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 600); do grep -q '^READY ' "$WORK/db.log" && break; sleep 0.5; done
grep -q '^READY ' "$WORK/db.log" || { cat "$WORK/db.log" >&2; exit 1; }
read -r _ JDBC_URL DB_USER < <(grep '^READY ' "$WORK/db.log")

HASH=$(printf %s "$TOKEN" | sha256sum | cut -d' ' -f1)
SLO_SCOUT_DB_URL="$JDBC_URL" SLO_SCOUT_DB_USER="$DB_USER" SLO_SCOUT_AUTH_TOKEN_HASHES="$HASH" \
  SLO_SCOUT_HTTP_PORT="$PORT" \
  java -Xmx512m -Djava.io.tmpdir="$BUILD_OUT" -Dslo-scout.search.index-dir="$WORK/index" \
  -Dslo-scout.recommendations.every=off -Dslo-scout.journeys.cache-ttl="$CACHE_TTL" -jar "$BUILD_OUT/quarkus-app/quarkus-run.jar" \
  >"$WORK/backend.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 1 240); do curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null && break; sleep 0.5; done
curl -fs "http://127.0.0.1:$PORT/q/health/ready" >/dev/null || { tail -50 "$WORK/backend.log" >&2; exit 1; }
AUTH="Authorization: Bearer $TOKEN"
curl -fs -X POST -H "$AUTH" "http://127.0.0.1:$PORT/api/v1/recommendations:recompute" >"$WORK/recompute.json"
echo "recompute: $(cat "$WORK/recompute.json" | head -c 200)..." >&2

echo "| endpoint | requests/s | p50 | p99 | errors |"
echo "|---|---:|---:|---:|---:|"
for path in /api/v1/journeys /api/v1/recommendations; do
  # warm-up, then the measured run
  wrk -t1 -c2 -d5s -H "$AUTH" "http://127.0.0.1:$PORT$path" >/dev/null
  wrk -t"$THREADS" -c"$CONNECTIONS" -d"$DURATION" --latency -H "$AUTH" \
    "http://127.0.0.1:$PORT$path" >"$WORK/wrk.txt"
  rps=$(awk '/^Requests\/sec/ {print $2}' "$WORK/wrk.txt")
  p50=$(awk '$1 == "50%" {print $2}' "$WORK/wrk.txt")
  p99=$(awk '$1 == "99%" {print $2}' "$WORK/wrk.txt")
  errors=$(awk '/Non-2xx/ {print $5} /Socket errors/ {print $0}' "$WORK/wrk.txt" | tr '\n' ' ')
  echo "| GET $path | $rps | $p50 | $p99 | ${errors:-0} |"
done
echo "(wrk -t$THREADS -c$CONNECTIONS -d$DURATION; $JOURNEYS journeys x $MINUTES minutes; journey cache TTL $CACHE_TTL; $(nproc) cores shared by server, database and wrk)" >&2
