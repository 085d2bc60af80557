{{/*
The collector container, shared by the three collector workloads. Include with
(dict "ctx" $ "component" "otlp-collector" "values" .Values.collectors.otlp "grpc" true "http" true "httpHost" "0.0.0.0").
The collector reads its YAML config from SLO_SCOUT_CONFIG; only the SLO_SCOUT_* variables it
knows are set (it refuses unknown keys, never unknown variables).
*/}}
{{- define "slo-scout.collector.container" -}}
{{- $ctx := .ctx -}}
{{- $c := $ctx.Values.collectors -}}
- name: collector
  image: {{ include "slo-scout.image" (dict "ctx" $ctx "image" $c.image) }}
  imagePullPolicy: {{ $c.image.pullPolicy }}
  args: ["collect"]
  env:
    - name: SLO_SCOUT_CONFIG
      value: /etc/slo-scout/collector.yaml
    - name: SLO_SCOUT_DATA_DIR
      value: /var/lib/slo-scout
    - name: SLO_SCOUT_KAFKA_BOOTSTRAP
      value: {{ include "slo-scout.kafka.bootstrap" $ctx | quote }}
    - name: SLO_SCOUT_OTLP_GRPC_ENABLED
      value: {{ .grpc | quote }}
    - name: SLO_SCOUT_OTLP_GRPC_PORT
      value: {{ $c.otlp.service.grpcPort | quote }}
    - name: SLO_SCOUT_OTLP_HTTP_ENABLED
      value: {{ .http | quote }}
    - name: SLO_SCOUT_OTLP_HTTP_HOST
      value: {{ .httpHost | quote }}
    - name: SLO_SCOUT_OTLP_HTTP_PORT
      value: {{ $c.otlp.service.httpPort | quote }}
    - name: SLO_SCOUT_METRICS_PORT
      value: {{ $c.metricsPort | quote }}
    - name: SLO_SCOUT_REDACT_AT_EDGE
      value: {{ $ctx.Values.redaction.atEdge | quote }}
    {{- if $ctx.Values.redaction.atEdge }}
    - name: SLO_SCOUT_REDACTION_KEY
      valueFrom:
        secretKeyRef:
          name: {{ include "slo-scout.secret.redactionKey" $ctx }}
          key: {{ $ctx.Values.secrets.redactionKey.key }}
    {{- end }}
    {{- if $c.auth.existingSecret }}
    - name: SLO_SCOUT_AUTH_TOKEN
      valueFrom:
        secretKeyRef:
          name: {{ $c.auth.existingSecret }}
          key: {{ $c.auth.key }}
    {{- end }}
    - name: JAVA_TOOL_OPTIONS
      value: {{ $c.javaOpts | quote }}
    {{- with $c.env }}
    {{- toYaml . | nindent 4 }}
    {{- end }}
  ports:
    {{- if .grpc }}
    - name: otlp-grpc
      containerPort: {{ $c.otlp.service.grpcPort }}
      protocol: TCP
    {{- end }}
    {{- if and .http (ne .httpHost "127.0.0.1") }}
    - name: otlp-http
      containerPort: {{ $c.otlp.service.httpPort }}
      protocol: TCP
    {{- end }}
    - name: metrics
      containerPort: {{ $c.metricsPort }}
      protocol: TCP
  startupProbe:
    httpGet:
      path: /health/live
      port: metrics
    periodSeconds: 5
    failureThreshold: 24
  livenessProbe:
    httpGet:
      path: /health/live
      port: metrics
    periodSeconds: 10
    timeoutSeconds: 3
    failureThreshold: 3
  readinessProbe:
    httpGet:
      path: /health/ready
      port: metrics
    periodSeconds: 5
    timeoutSeconds: 3
    failureThreshold: 3
  resources:
    {{- toYaml .values.resources | nindent 4 }}
  securityContext:
    {{- /* explicit user: the log collector's pod runs Fluent Bit as root beside it */}}
    {{- toYaml (merge (dict "runAsNonRoot" true "runAsUser" $ctx.Values.podSecurityContext.runAsUser) (deepCopy $ctx.Values.containerSecurityContext)) | nindent 4 }}
  volumeMounts:
    - name: config
      mountPath: /etc/slo-scout
      readOnly: true
    - name: data
      mountPath: /var/lib/slo-scout
    - name: tmp
      mountPath: /tmp
{{- end -}}
