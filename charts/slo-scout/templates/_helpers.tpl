{{/*
Names, labels, images and the addresses and Secrets every component shares.
*/}}

{{- define "slo-scout.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "slo-scout.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := default .Chart.Name .Values.nameOverride -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "slo-scout.namespace" -}}
{{- default .Release.Namespace .Values.namespaceOverride -}}
{{- end -}}

{{- define "slo-scout.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels on every resource. */}}
{{- define "slo-scout.labels" -}}
helm.sh/chart: {{ include "slo-scout.chart" . }}
app.kubernetes.io/name: {{ include "slo-scout.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
app.kubernetes.io/part-of: slo-scout
slo-scout.io/environment: {{ .Values.global.environment }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* Selector labels of one component: include with (dict "ctx" $ "component" "backend"). */}}
{{- define "slo-scout.selectorLabels" -}}
app.kubernetes.io/name: {{ include "slo-scout.name" .ctx }}
app.kubernetes.io/instance: {{ .ctx.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "slo-scout.componentLabels" -}}
{{ include "slo-scout.labels" .ctx }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{- define "slo-scout.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default (include "slo-scout.fullname" .) .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end -}}

{{- define "slo-scout.flinkServiceAccountName" -}}
{{- default (printf "%s-flink" (include "slo-scout.fullname" .)) .Values.flink.serviceAccount.name -}}
{{- end -}}

{{/* An SLO-Scout image: include with (dict "ctx" $ "image" .Values.backend.image). */}}
{{- define "slo-scout.image" -}}
{{- $tag := default .ctx.Chart.AppVersion .image.tag -}}
{{- if .ctx.Values.global.imageRegistry -}}
{{- printf "%s/%s:%s" .ctx.Values.global.imageRegistry .image.repository $tag -}}
{{- else -}}
{{- printf "%s:%s" .image.repository $tag -}}
{{- end -}}
{{- end -}}

{{/* ---------------------------------------------------------------- addresses */}}

{{- define "slo-scout.kafka.bootstrap" -}}
{{- if .Values.kafka.enabled -}}
{{- printf "%s-kafka:9092" .Release.Name -}}
{{- else -}}
{{- required "externalKafka.bootstrapServers is required when kafka.enabled is false" .Values.externalKafka.bootstrapServers -}}
{{- end -}}
{{- end -}}

{{- define "slo-scout.database.host" -}}
{{- if .Values.timescaledb.enabled -}}
{{- if eq (toString .Values.timescaledb.architecture) "replication" -}}
{{- printf "%s-timescaledb-primary" .Release.Name -}}
{{- else -}}
{{- printf "%s-timescaledb" .Release.Name -}}
{{- end -}}
{{- else -}}
{{- required "externalDatabase.host is required when timescaledb.enabled is false" .Values.externalDatabase.host -}}
{{- end -}}
{{- end -}}

{{- define "slo-scout.database.port" -}}
{{- if .Values.timescaledb.enabled -}}5432{{- else -}}{{ .Values.externalDatabase.port }}{{- end -}}
{{- end -}}

{{- define "slo-scout.database.name" -}}
{{- if .Values.timescaledb.enabled -}}{{ .Values.timescaledb.auth.database }}{{- else -}}{{ .Values.externalDatabase.database }}{{- end -}}
{{- end -}}

{{- define "slo-scout.database.username" -}}
{{- if .Values.timescaledb.enabled -}}{{ .Values.timescaledb.auth.username }}{{- else -}}{{ .Values.externalDatabase.username }}{{- end -}}
{{- end -}}

{{- define "slo-scout.database.jdbcUrl" -}}
{{- $ssl := ternary "disable" .Values.externalDatabase.sslMode .Values.timescaledb.enabled -}}
{{- printf "jdbc:postgresql://%s:%s/%s?sslmode=%s" (include "slo-scout.database.host" .) (include "slo-scout.database.port" .) (include "slo-scout.database.name" .) $ssl -}}
{{- end -}}

{{/* The S3 endpoint as a URL. */}}
{{- define "slo-scout.s3.endpoint" -}}
{{- if .Values.minio.enabled -}}
{{- printf "http://%s-minio:9000" .Release.Name -}}
{{- else -}}
{{- $endpoint := required "externalS3.endpoint is required when minio.enabled is false" .Values.externalS3.endpoint -}}
{{- if or (hasPrefix "http://" $endpoint) (hasPrefix "https://" $endpoint) -}}
{{- $endpoint -}}
{{- else -}}
{{- printf "%s://%s" (ternary "https" "http" .Values.externalS3.secure) $endpoint -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{- define "slo-scout.s3.bucket" -}}
{{- if .Values.minio.enabled -}}{{ .Values.minio.defaultBuckets | splitList "," | first | trim }}{{- else -}}{{ .Values.externalS3.bucket }}{{- end -}}
{{- end -}}

{{/* Milvus as HOST:PORT, or empty when vectors stay in the backend's Lucene index. */}}
{{- define "slo-scout.milvus.address" -}}
{{- if .Values.milvus.enabled -}}
{{- printf "%s-milvus:19530" .Release.Name -}}
{{- else if .Values.externalMilvus.host -}}
{{- printf "%s:%v" .Values.externalMilvus.host .Values.externalMilvus.port -}}
{{- end -}}
{{- end -}}

{{- define "slo-scout.prometheus.url" -}}
{{- if .Values.prometheus.enabled -}}
{{- printf "http://%s-prometheus-server:80" .Release.Name -}}
{{- else -}}
{{- .Values.externalPrometheus.url -}}
{{- end -}}
{{- end -}}

{{/* ---------------------------------------------------------------- secrets */}}

{{- define "slo-scout.secret.database" -}}
{{- if .Values.secrets.database.existingSecret -}}
{{- .Values.secrets.database.existingSecret -}}
{{- else if and .Values.timescaledb.enabled (not .Values.secrets.create) (not .Values.externalSecrets.enabled) -}}
{{- printf "%s-timescaledb" .Release.Name -}}
{{- else -}}
{{- printf "%s-db-credentials" (include "slo-scout.fullname" .) -}}
{{- end -}}
{{- end -}}

{{- define "slo-scout.secret.objectStore" -}}
{{- if .Values.secrets.objectStore.existingSecret -}}
{{- .Values.secrets.objectStore.existingSecret -}}
{{- else if include "slo-scout.objectStore.fromMinioChart" . -}}
{{- printf "%s-minio" .Release.Name -}}
{{- else -}}
{{- printf "%s-minio-credentials" (include "slo-scout.fullname" .) -}}
{{- end -}}
{{- end -}}

{{/* Non-empty when the S3 keys come from the MinIO subchart's own Secret (root-user, root-password). */}}
{{- define "slo-scout.objectStore.fromMinioChart" -}}
{{- if and .Values.minio.enabled (not .Values.secrets.objectStore.existingSecret) (not .Values.secrets.create) (not .Values.externalSecrets.enabled) -}}true{{- end -}}
{{- end -}}

{{- define "slo-scout.secret.objectStore.accessKeyKey" -}}
{{- ternary "root-user" .Values.secrets.objectStore.accessKeyKey (eq (include "slo-scout.objectStore.fromMinioChart" .) "true") -}}
{{- end -}}

{{- define "slo-scout.secret.objectStore.secretKeyKey" -}}
{{- ternary "root-password" .Values.secrets.objectStore.secretKeyKey (eq (include "slo-scout.objectStore.fromMinioChart" .) "true") -}}
{{- end -}}

{{- define "slo-scout.secret.apiToken" -}}
{{- if .Values.secrets.apiToken.existingSecret -}}
{{- .Values.secrets.apiToken.existingSecret -}}
{{- else -}}
{{- printf "%s-jwt-secret" (include "slo-scout.fullname" .) -}}
{{- end -}}
{{- end -}}

{{- define "slo-scout.secret.redactionKey" -}}
{{- if .Values.secrets.redactionKey.existingSecret -}}
{{- .Values.secrets.redactionKey.existingSecret -}}
{{- else -}}
{{- printf "%s-redaction-key" (include "slo-scout.fullname" .) -}}
{{- end -}}
{{- end -}}

{{/* Environment shared by the backend, its migration and the Flink jobs: Kafka, database,
object store, vector store, redaction key. */}}
{{- define "slo-scout.commonEnv" -}}
- name: SLO_SCOUT_ENVIRONMENT
  value: {{ .Values.global.environment | quote }}
- name: SLO_SCOUT_KAFKA_BOOTSTRAP
  value: {{ include "slo-scout.kafka.bootstrap" . | quote }}
- name: SLO_SCOUT_TOPIC_SPANS_RAW
  value: {{ .Values.topics.spansRaw | quote }}
- name: SLO_SCOUT_TOPIC_LOGS_RAW
  value: {{ .Values.topics.logsRaw | quote }}
- name: SLO_SCOUT_TOPIC_METRICS_RAW
  value: {{ .Values.topics.metricsRaw | quote }}
- name: SLO_SCOUT_TOPIC_EVENTS
  value: {{ .Values.topics.events | quote }}
- name: SLO_SCOUT_TOPIC_DEADLETTER
  value: {{ .Values.topics.deadLetter | quote }}
- name: SLO_SCOUT_JDBC_URL
  value: {{ include "slo-scout.database.jdbcUrl" . | quote }}
- name: SLO_SCOUT_JDBC_USER
  value: {{ include "slo-scout.database.username" . | quote }}
- name: SLO_SCOUT_JDBC_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "slo-scout.secret.database" . }}
      key: {{ .Values.secrets.database.passwordKey }}
- name: SLO_SCOUT_S3_ENDPOINT
  value: {{ include "slo-scout.s3.endpoint" . | quote }}
- name: SLO_SCOUT_S3_REGION
  value: {{ .Values.externalS3.region | quote }}
- name: SLO_SCOUT_S3_BUCKET
  value: {{ include "slo-scout.s3.bucket" . | quote }}
- name: SLO_SCOUT_S3_ACCESS_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "slo-scout.secret.objectStore" . }}
      key: {{ include "slo-scout.secret.objectStore.accessKeyKey" . }}
- name: SLO_SCOUT_S3_SECRET_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "slo-scout.secret.objectStore" . }}
      key: {{ include "slo-scout.secret.objectStore.secretKeyKey" . }}
{{- $milvus := include "slo-scout.milvus.address" . }}
- name: SLO_SCOUT_VECTOR_STORE
  value: {{ ternary "milvus" "lucene" (ne $milvus "") | quote }}
{{- if $milvus }}
- name: SLO_SCOUT_MILVUS_ADDRESS
  value: {{ $milvus | quote }}
{{- end }}
- name: SLO_SCOUT_REDACTION_KEY
  valueFrom:
    secretKeyRef:
      name: {{ include "slo-scout.secret.redactionKey" . }}
      key: {{ .Values.secrets.redactionKey.key }}
{{- end -}}

{{/* Scrape annotations for the Prometheus subchart's kubernetes-pods job. */}}
{{- define "slo-scout.scrapeAnnotations" -}}
prometheus.io/scrape: "true"
prometheus.io/port: {{ .port | quote }}
prometheus.io/path: {{ .path | quote }}
{{- end -}}

{{/* The Prometheus the remote-read collector polls and the gate queries: the explicit URL, else
the subchart, else externalPrometheus.url. */}}
{{- define "slo-scout.collector.prometheusUrl" -}}
{{- if .Values.collectors.prometheus.config.prometheusUrl -}}
{{- .Values.collectors.prometheus.config.prometheusUrl -}}
{{- else -}}
{{- required "collectors.prometheus.config.prometheusUrl or externalPrometheus.url is required when prometheus.enabled is false" (include "slo-scout.prometheus.url" .) -}}
{{- end -}}
{{- end -}}

{{/* The backend's Quarkus datasource (also read by its db-migrate init container). */}}
{{- define "slo-scout.backend.datasourceEnv" -}}
- name: QUARKUS_DATASOURCE_JDBC_URL
  value: {{ include "slo-scout.database.jdbcUrl" . | quote }}
- name: QUARKUS_DATASOURCE_USERNAME
  value: {{ include "slo-scout.database.username" . | quote }}
- name: QUARKUS_DATASOURCE_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "slo-scout.secret.database" . }}
      key: {{ .Values.secrets.database.passwordKey }}
{{- end -}}
