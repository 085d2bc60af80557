package io.sloscout.collectors.remoteread;

import static org.assertj.core.api.Assertions.assertThat;

import io.sloscout.proto.prompb.Label;
import io.sloscout.proto.prompb.Sample;
import io.sloscout.proto.prompb.TimeSeries;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ServiceBatchesTest {

  @Test
  void theKeyIsTheServiceLabelElseJobElseUnknownService() {
    assertThat(ServiceBatches.serviceOf(series(Map.of("service", "cart", "job", "j")), "service"))
        .isEqualTo("cart");
    assertThat(ServiceBatches.serviceOf(series(Map.of("job", "j")), "service")).isEqualTo("j");
    assertThat(ServiceBatches.serviceOf(series(Map.of("instance", "x")), "service"))
        .isEqualTo("unknown_service");
    assertThat(ServiceBatches.serviceOf(series(Map.of("app", "web", "service", "s")), "app"))
        .isEqualTo("web");
  }

  @Test
  void seriesOfOneServiceShareOneRecordAndServicesComeInNameOrder() {
    List<SeriesSamples> series =
        List.of(
            withSamples(series(Map.of("__name__", "a", "service", "zeta")), 3),
            withSamples(series(Map.of("__name__", "b", "job", "alpha")), 2),
            withSamples(series(Map.of("__name__", "c", "service", "zeta")), 1));
    List<ServiceBatches.Batch> batches = ServiceBatches.build(series, "service", 1_000_000);
    assertThat(batches).extracting(ServiceBatches.Batch::key).containsExactly("alpha", "zeta");
    assertThat(batches.get(1).request().getTimeseriesList())
        .extracting(ts -> ts.getLabels(0).getValue())
        .containsExactly("a", "c");
  }

  @Test
  void aServiceLargerThanTheLimitIsSplitAndASeriesLargerThanTheLimitToo() {
    int limit = 10_000;
    List<SeriesSamples> series = new ArrayList<>();
    // one series of ~20 bytes a sample: about 10 records on its own
    series.add(withSamples(series(Map.of("__name__", "long", "service", "s")), 5_000));
    for (int i = 0; i < 50; i++) {
      series.add(withSamples(series(Map.of("__name__", "short" + i, "service", "s")), 20));
    }
    List<ServiceBatches.Batch> batches = ServiceBatches.build(series, "service", limit);

    assertThat(batches.size()).isGreaterThan(10);
    for (ServiceBatches.Batch batch : batches) {
      assertThat(batch.key()).isEqualTo("s");
      assertThat(batch.request().getSerializedSize()).isLessThanOrEqualTo(limit);
    }
    // nothing lost, nothing twice, in order, every piece with its labels
    Map<String, List<Long>> timestamps = new TreeMap<>();
    for (ServiceBatches.Batch batch : batches) {
      for (TimeSeries ts : batch.request().getTimeseriesList()) {
        assertThat(ts.getLabelsCount()).isEqualTo(2);
        for (Sample s : ts.getSamplesList()) {
          timestamps
              .computeIfAbsent(ts.getLabels(0).getValue(), k -> new ArrayList<>())
              .add(s.getTimestamp());
        }
      }
    }
    assertThat(timestamps).hasSize(51);
    assertThat(timestamps.get("long")).hasSize(5_000).isSorted().doesNotHaveDuplicates();
    assertThat(timestamps.get("short7")).hasSize(20);
  }

  @Test
  void noSeriesMeansNoRecords() {
    assertThat(ServiceBatches.build(List.of(), "service", 1000)).isEmpty();
  }

  private static SeriesSamples series(Map<String, String> labels) {
    List<Label> list = new ArrayList<>();
    new TreeMap<>(labels)
        .forEach((k, v) -> list.add(Label.newBuilder().setName(k).setValue(v).build()));
    return new SeriesSamples(list);
  }

  private static SeriesSamples withSamples(SeriesSamples s, int n) {
    for (int i = 0; i < n; i++) {
      s.add(1_700_000_000_000L + i * 15_000L, i * 1.5);
    }
    return s;
  }
}
