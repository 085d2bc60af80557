package io.sloscout.backend.testing;

import io.sloscout.core.journey.LatencyDistribution;
import io.sloscout.storage.JourneyEdgeRow;
import io.sloscout.storage.JourneyMinute;
import io.sloscout.storage.JourneyRepository;
import io.sloscout.storage.JourneyRow;
import io.sloscout.storage.LatencySketch;
import io.sloscout.storage.OperationKind;
import io.sloscout.storage.OperationRow;
import io.sloscout.storage.RedMeasures;
import io.sloscout.storage.ServiceRepository;
import io.sloscout.storage.ServiceRow;
import io.sloscout.storage.TemplateCount;
import io.sloscout.storage.TemplateKind;
import io.sloscout.storage.TemplateRepository;
import io.sloscout.storage.TemplateRow;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;
import org.HdrHistogram.Histogram;

/**
 * A small shop, written the way the journeys and fingerprint jobs write it: two journeys with three
 * hours of per-minute aggregates ending now, their call edges, and error templates.
 */
public final class ShopData {

  /** POST /checkout through checkout and payment; about 0.5% of requests fail. */
  public static final String CHECKOUT = "frontend-post-checkout";

  /** GET /cart through cart; no failures. */
  public static final String CART = "frontend-get-cart";

  /** Minutes of aggregates written, ending at the current minute. */
  public static final int MINUTES = 180;

  private static boolean written;
  private static Instant end;

  private ShopData() {}

  /**
   * Writes the shop once per test JVM; the writes are upserts, so a second call changes nothing.
   */
  public static synchronized void ensure(DataSource dataSource) {
    if (written) {
      return;
    }
    end = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    Instant start = end.minus(Duration.ofMinutes(MINUTES - 1));
    ServiceRepository services = new ServiceRepository(dataSource);
    JourneyRepository journeys = new JourneyRepository(dataSource);
    TemplateRepository templates = new TemplateRepository(dataSource);

    List<ServiceRow> serviceRows = new ArrayList<>();
    for (String s : List.of("frontend", "checkout", "payment", "cart")) {
      serviceRows.add(new ServiceRow(s, start, end));
    }
    services.upsertServices(serviceRows);
    services.upsertOperations(
        List.of(
            new OperationRow("frontend", "POST /checkout", OperationKind.SERVER, start, end),
            new OperationRow("frontend", "GET /cart", OperationKind.SERVER, start, end),
            new OperationRow("checkout", "PlaceOrder", OperationKind.SERVER, start, end),
            new OperationRow("payment", "Charge", OperationKind.SERVER, start, end),
            new OperationRow("cart", "GetCart", OperationKind.SERVER, start, end)));

    journeys.upsertJourneys(
        List.of(
            new JourneyRow(
                CHECKOUT,
                "frontend POST /checkout",
                "frontend",
                "POST /checkout",
                List.of("checkout", "frontend", "payment"),
                start,
                end),
            new JourneyRow(
                CART,
                "frontend GET /cart",
                "frontend",
                "GET /cart",
                List.of("cart", "frontend"),
                start,
                end)));
    journeys.upsertEdges(
        List.of(
            new JourneyEdgeRow(
                CHECKOUT, "frontend", "POST /checkout", "checkout", "PlaceOrder", 18000, end),
            new JourneyEdgeRow(CHECKOUT, "checkout", "PlaceOrder", "payment", "Charge", 17900, end),
            new JourneyEdgeRow(CART, "frontend", "GET /cart", "cart", "GetCart", 9000, end)));

    List<JourneyMinute> minutes = new ArrayList<>();
    for (int i = 0; i < MINUTES; i++) {
      Instant m = start.plus(Duration.ofMinutes(i));
      minutes.add(new JourneyMinute(CHECKOUT, m, red(100, i % 2, 20, 400, i)));
      minutes.add(new JourneyMinute(CART, m, red(50, 0, 5, 80, i)));
    }
    journeys.upsertJourneyMinutes(minutes);

    templates.upsertTemplates(
        List.of(
            template(
                "tpl-payment-declined",
                "payment",
                "payment declined by provider <*> for order <*>",
                start,
                end),
            template(
                "tpl-payment-timeout",
                "checkout",
                "timeout calling payment service after <*> ms",
                start,
                end),
            template("tpl-cart-missing", "cart", "cart item <*> not found", start, end),
            template(
                "tpl-order-placed", "checkout", "order <*> placed for customer <*>", start, end),
            template(
                "tpl-db-pool",
                "payment",
                "connection pool exhausted waiting for database",
                start,
                end)));
    List<TemplateCount> counts = new ArrayList<>();
    for (int i = 0; i < MINUTES; i += 10) {
      Instant m = start.plus(Duration.ofMinutes(i));
      counts.add(new TemplateCount("tpl-payment-declined", m, 3));
      counts.add(new TemplateCount("tpl-payment-timeout", m, 1));
      counts.add(new TemplateCount("tpl-order-placed", m, 90));
    }
    templates.upsertCounts(counts);
    written = true;
  }

  /** The last minute written. */
  public static synchronized Instant end() {
    return end;
  }

  private static TemplateRow template(
      String id, String service, String text, Instant first, Instant last) {
    return new TemplateRow(id, service, TemplateKind.LOG, text, first, last, 100);
  }

  /**
   * One minute of {@code requests} requests spread evenly over {@code [minMs, maxMs]}, {@code
   * errors} of them failed; {@code seed} shifts the spread so minutes differ.
   */
  public static RedMeasures red(int requests, int errors, double minMs, double maxMs, int seed) {
    Histogram h = LatencySketch.newHistogram();
    List<Double> bounds = LatencyDistribution.BUCKETS_SECONDS;
    long[] atOrUnder = new long[bounds.size()];
    for (int k = 0; k < requests; k++) {
      double ms = minMs + ((k * 37 + seed * 11) % requests) * (maxMs - minMs) / requests;
      h.recordValue(Math.round(ms * 1000));
      for (int b = 0; b < bounds.size(); b++) {
        if (ms / 1000 <= bounds.get(b)) {
          atOrUnder[b]++;
        }
      }
    }
    List<Long> buckets = new ArrayList<>();
    for (long b : atOrUnder) {
      buckets.add(b);
    }
    return RedMeasures.of(requests, errors, LatencySketch.of(h), buckets);
  }
}
