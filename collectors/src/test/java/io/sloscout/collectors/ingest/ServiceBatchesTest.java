package io.sloscout.collectors.ingest;

import static io.sloscout.collectors.ingest.OtlpSamples.resourceSpans;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogram;
import io.opentelemetry.proto.metrics.v1.ExponentialHistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Histogram;
import io.opentelemetry.proto.metrics.v1.HistogramDataPoint;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.Sum;
import io.opentelemetry.proto.metrics.v1.Summary;
import io.opentelemetry.proto.metrics.v1.SummaryDataPoint;
import io.sloscout.collectors.ingest.ServiceBatches.Batch;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServiceBatchesTest {

  @Test
  void aRequestOfOneServiceIsKeptAsTheSameInstance() {
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(resourceSpans("checkout", 0, 3, 0))
            .addResourceSpans(resourceSpans("checkout", 3, 2, 0))
            .build();

    List<Batch> batches = ServiceBatches.byService(Signal.TRACES, request);

    assertThat(batches).hasSize(1);
    assertThat(batches.get(0).request()).isSameAs(request);
    assertThat(batches.get(0).service()).isEqualTo("checkout");
    assertThat(batches.get(0).items()).isEqualTo(5);
    assertThat(batches.get(0).groups()).isEqualTo(2);
  }

  @Test
  void severalServicesAreSplitKeepingResourceGroupsWholeAndInOrder() {
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(resourceSpans("checkout", 0, 3, 0))
            .addResourceSpans(resourceSpans("cart", 3, 2, 0))
            .addResourceSpans(resourceSpans(null, 5, 1, 0))
            .addResourceSpans(resourceSpans("checkout", 6, 4, 0))
            .build();

    List<Batch> batches = ServiceBatches.byService(Signal.TRACES, request);

    assertThat(batches)
        .extracting(Batch::service)
        .containsExactly("checkout", "cart", "unknown_service");
    assertThat(batches).extracting(Batch::items).containsExactly(7L, 2L, 1L);
    ExportTraceServiceRequest checkout = (ExportTraceServiceRequest) batches.get(0).request();
    assertThat(checkout.getResourceSpansList())
        .containsExactly(request.getResourceSpans(0), request.getResourceSpans(3));
    assertThat(
            batches.stream()
                .flatMap(b -> OtlpSamples.spanIds((ExportTraceServiceRequest) b.request()).stream())
                .sorted()
                .toList())
        .isEqualTo(OtlpSamples.spanIds(request).stream().sorted().toList());
  }

  @Test
  void aBatchSplitsIntoOneBatchPerResourceGroup() {
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.newBuilder()
            .addResourceSpans(resourceSpans("checkout", 0, 3, 0))
            .addResourceSpans(resourceSpans("checkout", 3, 2, 0))
            .build();
    Batch whole = ServiceBatches.byService(Signal.TRACES, request).get(0);

    List<Batch> groups = ServiceBatches.byResource(Signal.TRACES, whole);

    assertThat(groups).extracting(Batch::items).containsExactly(3L, 2L);
    assertThat(groups).extracting(Batch::service).containsOnly("checkout");
  }

  @Test
  void anEmptyServiceNameCountsAsUnknownService() {
    ExportTraceServiceRequest request =
        ExportTraceServiceRequest.newBuilder().addResourceSpans(resourceSpans("", 0, 1, 0)).build();

    assertThat(ServiceBatches.byService(Signal.TRACES, request).get(0).service())
        .isEqualTo("unknown_service");
  }

  @Test
  void dataPointsOfEveryMetricTypeAreCounted() {
    Metric gauge =
        OtlpSamples.metrics("m", 2).getResourceMetrics(0).getScopeMetrics(0).getMetrics(0);
    Metric sum =
        Metric.newBuilder()
            .setSum(Sum.newBuilder().addDataPoints(NumberDataPoint.getDefaultInstance()))
            .build();
    Metric histogram =
        Metric.newBuilder()
            .setHistogram(
                Histogram.newBuilder()
                    .addDataPoints(HistogramDataPoint.getDefaultInstance())
                    .addDataPoints(HistogramDataPoint.getDefaultInstance()))
            .build();
    Metric exponential =
        Metric.newBuilder()
            .setExponentialHistogram(
                ExponentialHistogram.newBuilder()
                    .addDataPoints(ExponentialHistogramDataPoint.getDefaultInstance()))
            .build();
    Metric summary =
        Metric.newBuilder()
            .setSummary(Summary.newBuilder().addDataPoints(SummaryDataPoint.getDefaultInstance()))
            .build();

    assertThat(ServiceBatches.dataPoints(gauge)).isEqualTo(2);
    assertThat(ServiceBatches.dataPoints(sum)).isEqualTo(1);
    assertThat(ServiceBatches.dataPoints(histogram)).isEqualTo(2);
    assertThat(ServiceBatches.dataPoints(exponential)).isEqualTo(1);
    assertThat(ServiceBatches.dataPoints(summary)).isEqualTo(1);
    assertThat(ServiceBatches.dataPoints(Metric.getDefaultInstance())).isZero();
    assertThat(ServiceBatches.items(Signal.LOGS, OtlpSamples.logs("l", 3, "hello"))).isEqualTo(3);
  }
}
