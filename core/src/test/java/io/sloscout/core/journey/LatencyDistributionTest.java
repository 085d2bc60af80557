package io.sloscout.core.journey;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LatencyDistributionTest {

  static final long MS = 1_000_000L;

  @Test
  void countsRequestsAtOrUnderEachBucketBoundExactly() {
    LatencyDistribution d = new LatencyDistribution();
    d.record(100 * MS); // exactly on the 0.1 s bound: counts as within it, as le does
    d.record(100 * MS + 1);
    d.record(3 * MS);
    int b100 = LatencyDistribution.BUCKETS_SECONDS.indexOf(0.1);
    int b250 = LatencyDistribution.BUCKETS_SECONDS.indexOf(0.25);
    assertThat(d.countAtOrUnderBucket(0)).isEqualTo(1);
    assertThat(d.countAtOrUnderBucket(b100)).isEqualTo(2);
    assertThat(d.countAtOrUnderBucket(b250)).isEqualTo(3);
    assertThat(d.count()).isEqualTo(3);
  }

  @Test
  void quantilesAreWithinOnePercent() {
    LatencyDistribution d = new LatencyDistribution();
    for (int i = 1; i <= 1000; i++) {
      d.record(i * MS);
    }
    assertThat(d.quantileMillis(0.5))
        .isCloseTo(500, org.assertj.core.data.Percentage.withPercentage(1));
    assertThat(d.quantileMillis(0.99))
        .isCloseTo(990, org.assertj.core.data.Percentage.withPercentage(1));
    assertThat(new LatencyDistribution().quantileMillis(0.99)).isZero();
  }

  @Test
  void slugsAreReadableAndStable() {
    assertThat(new JourneyKey("frontend", "GET /product/{id}").slug())
        .isEqualTo("frontend-get-product-id");
    assertThat(new JourneyKey("frontend", "GET /").slug()).isEqualTo("frontend-get-root");
    assertThat(new JourneyKey("Shop.Web", "shop.Cart/Get").slug())
        .isEqualTo("shop-web-shop-cart-get");
  }
}
