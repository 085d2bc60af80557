# syntax=docker/dockerfile:1
# The SLO-Scout collector: OTLP gRPC :4317 and HTTP :4318 receivers, the log (NDJSON) receiver,
# the Prometheus remote-read poller; /metrics, /health/live and /health/ready on :9464.
# Build from the repository root: docker build -f docker/collector.Dockerfile .
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests -Dspotless.check.skip=true -pl collectors -am package

FROM eclipse-temurin:17-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --uid 10001 --user-group --no-create-home --home-dir /nonexistent slo-scout \
 && mkdir -p /var/lib/slo-scout && chown slo-scout:slo-scout /var/lib/slo-scout
COPY --from=build /src/collectors/target/slo-scout-collector-all.jar /opt/slo-scout/slo-scout-collector-all.jar
USER 10001
ENV SLO_SCOUT_DATA_DIR=/var/lib/slo-scout \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 4317 4318 9464
HEALTHCHECK --interval=10s --timeout=3s --start-period=30s --retries=3 \
  CMD curl -fsS http://localhost:9464/health/ready || exit 1
ENTRYPOINT ["java", "-jar", "/opt/slo-scout/slo-scout-collector-all.jar"]
CMD ["collect"]
