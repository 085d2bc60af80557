# syntax=docker/dockerfile:1
# The SLO-Scout backend (Quarkus): REST API /api/v1, web UI, /q/health, /q/metrics on :8080.
# Flyway migrations run at start (QUARKUS_FLYWAY_MIGRATE_AT_START=true) or, on Kubernetes, in the
# chart's db-migrate init container (QUARKUS_INIT_AND_EXIT=true).
# Build from the repository root: docker build -f docker/backend.Dockerfile .
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY . .
RUN --mount=type=cache,target=/root/.m2 \
    mvn -B -q -DskipTests -Dspotless.check.skip=true -pl backend -am package

FROM eclipse-temurin:17-jre
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && useradd --uid 10001 --user-group --no-create-home --home-dir /nonexistent slo-scout \
 && mkdir -p /var/lib/slo-scout && chown slo-scout:slo-scout /var/lib/slo-scout
# Quarkus fast-jar layout: dependencies first, so a code change rebuilds only the last layers.
COPY --from=build /src/backend/target/quarkus-app/lib/ /opt/slo-scout/backend/lib/
COPY --from=build /src/backend/target/quarkus-app/*.jar /opt/slo-scout/backend/
COPY --from=build /src/backend/target/quarkus-app/app/ /opt/slo-scout/backend/app/
COPY --from=build /src/backend/target/quarkus-app/quarkus/ /opt/slo-scout/backend/quarkus/
USER 10001
ENV SLO_SCOUT_DATA_DIR=/var/lib/slo-scout \
    QUARKUS_HTTP_HOST=0.0.0.0 \
    QUARKUS_HTTP_PORT=8080 \
    JAVA_TOOL_OPTIONS="-XX:MaxRAMPercentage=75 -XX:+ExitOnOutOfMemoryError"
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS http://localhost:8080/q/health/ready || exit 1
ENTRYPOINT ["java", "-jar", "/opt/slo-scout/backend/quarkus-run.jar"]
