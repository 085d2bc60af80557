#!/usr/bin/env bash
# Submits SLO-Scout's Flink jobs to the session cluster at $FLINK_JOBMANAGER (host:port) once:
# a job already running under its name is left alone, so a re-run changes nothing.
set -euo pipefail
JAR=/opt/slo-scout/slo-scout-flink-jobs-all.jar
JM="${FLINK_JOBMANAGER:-flink-jobmanager:8081}"
JOBS="${SLO_SCOUT_FLINK_JOBS:-redact-fingerprint journeys embed}"
running="$(/opt/flink/bin/flink list -r -m "$JM" 2>/dev/null || true)"
for job in $JOBS; do
  if grep -qi -- "$job" <<<"$running"; then
    echo "flink job $job is already running"
    continue
  fi
  echo "submitting flink job $job"
  /opt/flink/bin/flink run -d -m "$JM" -c io.sloscout.flink.JobMain "$JAR" "$job"
done
