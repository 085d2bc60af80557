package io.sloscout.backend.journey;

import io.sloscout.backend.config.BackendConfig;
import io.sloscout.storage.JourneyRepository;
import io.sloscout.storage.JourneyRow;
import io.sloscout.storage.JourneyTotals;
import io.sloscout.storage.RedMeasures;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Journey totals over a range without merging every minute's latency sketch on every request. Whole
 * hours that ended more than {@link #SETTLE} ago are merged once per journey and kept (the writers
 * upsert absolute values, so a settled hour does not change); the ragged ends of a range and the
 * current hour are read minute by minute. Whole answers are also kept for {@code
 * slo-scout.journeys.cache-ttl}, so a dashboard polled by many people costs one computation.
 */
@ApplicationScoped
public class JourneyTotalsService {

  /** How long after an hour ends its minutes may still be written. */
  static final Duration SETTLE = Duration.ofMinutes(5);

  /** Settled journey-hours kept: 90 days of 40 journeys, a few hundred bytes each. */
  static final int MAX_HOURS = 90 * 24;

  private final JourneyRepository journeys;
  private final Duration ttl;
  private final Clock clock = Clock.systemUTC();
  private final Map<Instant, Map<String, RedMeasures>> hours =
      new LinkedHashMap<>(256, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<Instant, Map<String, RedMeasures>> e) {
          return size() > MAX_HOURS;
        }
      };
  private final Map<String, Answer> answers = new HashMap<>();
  private final Object computing = new Object();

  private record Answer(Instant computedAt, List<JourneyTotals> totals) {}

  public JourneyTotalsService(JourneyRepository journeys, BackendConfig config) {
    this.journeys = journeys;
    this.ttl = config.journeys().cacheTtl();
  }

  /** Every journey with its totals over {@code [from, to)}: most requests first, then by id. */
  public List<JourneyTotals> list(Instant from, Instant to) {
    String key = from + "/" + to;
    List<JourneyTotals> cached = cached(key, clock.instant());
    if (cached != null) {
      return cached;
    }
    // one computation at a time: concurrent requests for the same range wait for the first
    // instead of all merging the same sketches at once
    synchronized (computing) {
      Instant now = clock.instant();
      cached = cached(key, now);
      if (cached != null) {
        return cached;
      }
      List<JourneyTotals> totals = compute(from, to, now);
      if (!ttl.isZero()) {
        synchronized (answers) {
          answers.values().removeIf(a -> !a.computedAt().plus(ttl).isAfter(now));
          answers.put(key, new Answer(now, totals));
        }
      }
      return totals;
    }
  }

  private List<JourneyTotals> cached(String key, Instant now) {
    synchronized (answers) {
      Answer a = answers.get(key);
      return a != null && a.computedAt().plus(ttl).isAfter(now) ? a.totals() : null;
    }
  }

  private List<JourneyTotals> compute(Instant from, Instant to, Instant now) {
    Instant settled = now.minus(SETTLE).truncatedTo(ChronoUnit.HOURS);
    Map<String, List<RedMeasures>> parts = new HashMap<>();
    Instant firstHour = from.truncatedTo(ChronoUnit.HOURS);
    if (firstHour.isBefore(from)) {
      firstHour = firstHour.plus(1, ChronoUnit.HOURS);
    }
    Instant cursor = from;
    if (!firstHour.plus(1, ChronoUnit.HOURS).isAfter(min(to, settled))) {
      // whole settled hours in the middle come from the hour cache
      add(parts, direct(from, firstHour));
      Instant h = firstHour;
      while (!h.plus(1, ChronoUnit.HOURS).isAfter(min(to, settled))) {
        add(parts, hour(h));
        h = h.plus(1, ChronoUnit.HOURS);
      }
      cursor = h;
    }
    add(parts, direct(cursor, to));
    List<JourneyTotals> out = new ArrayList<>();
    // the journeys themselves (names, services) as they are now: a range of no minutes
    for (JourneyTotals j : journeys.list(Instant.EPOCH, Instant.EPOCH)) {
      JourneyRow row = j.journey();
      List<RedMeasures> p = parts.getOrDefault(row.id(), List.of());
      out.add(new JourneyTotals(row, p.size() == 1 ? p.get(0) : RedMeasures.total(p)));
    }
    out.sort(
        Comparator.comparingLong((JourneyTotals t) -> t.red().requests())
            .reversed()
            .thenComparing(t -> t.journey().id()));
    return List.copyOf(out);
  }

  private Map<String, RedMeasures> hour(Instant start) {
    synchronized (hours) {
      Map<String, RedMeasures> cached = hours.get(start);
      if (cached != null) {
        return cached;
      }
    }
    Map<String, RedMeasures> computed = direct(start, start.plus(1, ChronoUnit.HOURS));
    synchronized (hours) {
      hours.put(start, computed);
    }
    return computed;
  }

  /** Totals of journeys with requests in {@code [from, to)}, merged from their minutes. */
  private Map<String, RedMeasures> direct(Instant from, Instant to) {
    Map<String, RedMeasures> out = new HashMap<>();
    if (!from.isBefore(to)) {
      return out;
    }
    for (JourneyTotals t : journeys.list(from, to)) {
      if (t.red().requests() > 0) {
        out.put(t.journey().id(), t.red());
      }
    }
    return out;
  }

  private static void add(Map<String, List<RedMeasures>> parts, Map<String, RedMeasures> more) {
    more.forEach((id, red) -> parts.computeIfAbsent(id, k -> new ArrayList<>()).add(red));
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
