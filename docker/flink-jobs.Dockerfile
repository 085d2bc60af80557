# syntax=docker/dockerfile:1
# Flink 2.2.1 with SLO-Scout's jobs at /opt/slo-scout/slo-scout-flink-jobs-all.jar
# (main class io.sloscout.flink.JobMain, argument redact-fingerprint | journeys | embed).
# The Helm chart runs it through the Flink Kubernetes Operator (jarURI local:///opt/slo-scout/...);
# docker-compose runs a session cluster and submits the three jobs.
# Build from the repository root: docker build -f docker/flink-jobs.Dockerfile .
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests -Dspotless.check.skip=true -pl flink-jobs -am package

FROM flink:2.2.1-java17
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /opt/slo-scout
# The S3 file system (checkpoints on MinIO / S3) is switched on at start with
# ENABLE_BUILT_IN_PLUGINS=flink-s3-fs-hadoop-2.2.1.jar, as the compose file and the chart do.
COPY --from=build --chown=flink:flink /src/flink-jobs/target/slo-scout-flink-jobs-all.jar /opt/slo-scout/slo-scout-flink-jobs-all.jar
COPY --chown=flink:flink docker/flink-submit-jobs.sh /opt/slo-scout/submit-jobs.sh
