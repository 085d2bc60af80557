package io.sloscout.collectors.ingest;

import com.google.protobuf.Message;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits OTLP export requests by the resource attribute {@code service.name}, the Kafka key of the
 * raw topics; resource groups stay whole and keep their order.
 */
final class ServiceBatches {

  /** OTLP's service name for telemetry without {@code service.name}. */
  static final String UNKNOWN_SERVICE = "unknown_service";

  /**
   * The part of a request that belongs to one service.
   *
   * @param request an export request holding only this service's resource groups
   * @param groups how many resource groups it holds
   * @param items its spans, data points or log records
   */
  record Batch(String service, Message request, int groups, long items) {}

  private ServiceBatches() {}

  /**
   * One batch per service, in order of first appearance; a request of one service (or none) is
   * returned as it is, not rebuilt.
   */
  static List<Batch> byService(Signal signal, Message request) {
    return shape(signal).byService(request);
  }

  /** One batch per resource group of {@code batch}. */
  static List<Batch> byResource(Signal signal, Batch batch) {
    return shape(signal).byResource(batch);
  }

  /** The spans, data points or log records of {@code request}. */
  static long items(Signal signal, Message request) {
    long items = 0;
    for (Batch b : byService(signal, request)) {
      items += b.items();
    }
    return items;
  }

  /** {@code service.name} of {@code resource}, {@link #UNKNOWN_SERVICE} when absent or empty. */
  static String serviceName(Resource resource) {
    for (KeyValue kv : resource.getAttributesList()) {
      if ("service.name".equals(kv.getKey())
          && kv.getValue().getValueCase() == AnyValue.ValueCase.STRING_VALUE
          && !kv.getValue().getStringValue().isEmpty()) {
        return kv.getValue().getStringValue();
      }
    }
    return UNKNOWN_SERVICE;
  }

  @SuppressWarnings("unchecked")
  private static Shape<Message, Message> shape(Signal signal) {
    Shape<?, ?> shape =
        switch (signal) {
          case TRACES -> TRACES;
          case METRICS -> METRICS;
          case LOGS -> LOGS;
        };
    return (Shape<Message, Message>) shape;
  }

  /** How one signal's request is made of resource groups. */
  private abstract static class Shape<R extends Message, G extends Message> {

    abstract List<G> groups(R request);

    abstract Resource resource(G group);

    abstract long items(G group);

    abstract R build(List<G> groups);

    @SuppressWarnings("unchecked")
    List<Batch> byService(Message message) {
      R request = (R) message;
      List<G> groups = groups(request);
      if (groups.isEmpty()) {
        return List.of();
      }
      String first = serviceName(resource(groups.get(0)));
      long items = 0;
      boolean single = true;
      for (G g : groups) {
        items += items(g);
        if (single && !first.equals(serviceName(resource(g)))) {
          single = false;
        }
      }
      if (single) {
        return List.of(new Batch(first, request, groups.size(), items));
      }
      Map<String, List<G>> byService = new LinkedHashMap<>();
      for (G g : groups) {
        byService.computeIfAbsent(serviceName(resource(g)), s -> new ArrayList<>()).add(g);
      }
      List<Batch> batches = new ArrayList<>(byService.size());
      for (Map.Entry<String, List<G>> e : byService.entrySet()) {
        batches.add(batch(e.getKey(), e.getValue()));
      }
      return batches;
    }

    @SuppressWarnings("unchecked")
    List<Batch> byResource(Batch batch) {
      List<G> groups = groups((R) batch.request());
      List<Batch> batches = new ArrayList<>(groups.size());
      for (G g : groups) {
        batches.add(batch(batch.service(), List.of(g)));
      }
      return batches;
    }

    private Batch batch(String service, List<G> groups) {
      long items = 0;
      for (G g : groups) {
        items += items(g);
      }
      return new Batch(service, build(groups), groups.size(), items);
    }
  }

  private static final Shape<ExportTraceServiceRequest, ResourceSpans> TRACES =
      new Shape<>() {
        @Override
        List<ResourceSpans> groups(ExportTraceServiceRequest request) {
          return request.getResourceSpansList();
        }

        @Override
        Resource resource(ResourceSpans group) {
          return group.getResource();
        }

        @Override
        long items(ResourceSpans group) {
          long n = 0;
          for (ScopeSpans s : group.getScopeSpansList()) {
            n += s.getSpansCount();
          }
          return n;
        }

        @Override
        ExportTraceServiceRequest build(List<ResourceSpans> groups) {
          return ExportTraceServiceRequest.newBuilder().addAllResourceSpans(groups).build();
        }
      };

  private static final Shape<ExportMetricsServiceRequest, ResourceMetrics> METRICS =
      new Shape<>() {
        @Override
        List<ResourceMetrics> groups(ExportMetricsServiceRequest request) {
          return request.getResourceMetricsList();
        }

        @Override
        Resource resource(ResourceMetrics group) {
          return group.getResource();
        }

        @Override
        long items(ResourceMetrics group) {
          long n = 0;
          for (ScopeMetrics s : group.getScopeMetricsList()) {
            for (Metric m : s.getMetricsList()) {
              n += dataPoints(m);
            }
          }
          return n;
        }

        @Override
        ExportMetricsServiceRequest build(List<ResourceMetrics> groups) {
          return ExportMetricsServiceRequest.newBuilder().addAllResourceMetrics(groups).build();
        }
      };

  private static final Shape<ExportLogsServiceRequest, ResourceLogs> LOGS =
      new Shape<>() {
        @Override
        List<ResourceLogs> groups(ExportLogsServiceRequest request) {
          return request.getResourceLogsList();
        }

        @Override
        Resource resource(ResourceLogs group) {
          return group.getResource();
        }

        @Override
        long items(ResourceLogs group) {
          long n = 0;
          for (ScopeLogs s : group.getScopeLogsList()) {
            n += s.getLogRecordsCount();
          }
          return n;
        }

        @Override
        ExportLogsServiceRequest build(List<ResourceLogs> groups) {
          return ExportLogsServiceRequest.newBuilder().addAllResourceLogs(groups).build();
        }
      };

  /** The data points of one metric, whatever its type. */
  static long dataPoints(Metric metric) {
    return switch (metric.getDataCase()) {
      case GAUGE -> metric.getGauge().getDataPointsCount();
      case SUM -> metric.getSum().getDataPointsCount();
      case HISTOGRAM -> metric.getHistogram().getDataPointsCount();
      case EXPONENTIAL_HISTOGRAM -> metric.getExponentialHistogram().getDataPointsCount();
      case SUMMARY -> metric.getSummary().getDataPointsCount();
      case DATA_NOT_SET -> 0;
    };
  }
}
