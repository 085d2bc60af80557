package io.sloscout.core.journey;

import io.sloscout.core.fingerprint.Match;
import io.sloscout.core.fingerprint.TemplateMiner;
import io.sloscout.core.telemetry.LogRecord;
import io.sloscout.core.telemetry.Span;
import io.sloscout.core.telemetry.SpanEvent;
import io.sloscout.core.telemetry.SpanKind;
import io.sloscout.core.telemetry.StatusCode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Finds user journeys in spans and joins error logs to them: spans are redacted on arrival,
 * assembled into traces by event time, classified (user, probe, job), and aggregated per journey
 * and per operation. Error logs, span status messages and exception events become error templates
 * (redacted first, then fingerprinted). Logs are joined by trace id whether they come before or
 * after their trace, within bounded memory. Not thread-safe.
 */
public final class JourneyDiscovery {

  /** Label keys read from the entry span and its resource, and the label each one sets. */
  static final Map<String, String> LABEL_KEYS =
      Map.ofEntries(
          Map.entry("slo.tier", "tier"),
          Map.entry("service.tier", "tier"),
          Map.entry("tier", "tier"),
          Map.entry("slo.revenue_impact", "revenue-impact"),
          Map.entry("revenue-impact", "revenue-impact"),
          Map.entry("revenue_impact", "revenue-impact"),
          Map.entry("slo.customer_facing", "customer-facing"),
          Map.entry("customer-facing", "customer-facing"),
          Map.entry("customer_facing", "customer-facing"),
          Map.entry("slo.data_sensitivity", "data-sensitivity"),
          Map.entry("data-sensitivity", "data-sensitivity"),
          Map.entry("data_sensitivity", "data-sensitivity"));

  private final DiscoveryConfig config;
  private final TraceAssembler assembler;
  private final TraceClassifier classifier;
  private final Operations operations;
  private final TemplateMiner miner;
  private final Map<JourneyKey, Aggregate> journeys = new HashMap<>();
  private final LinkedHashMap<String, Aggregate> recentTraces;
  private final LinkedHashMap<String, List<Evidence>> pendingLogs;
  private long user;
  private long probes;
  private long jobs;
  private long incomplete;
  private long overflow;
  private long errorLogs;
  private long errorLogsJoined;

  public JourneyDiscovery(DiscoveryConfig config) {
    this(config, new TemplateMiner());
  }

  /**
   * @param miner fingerprints error messages into templates; discovery adds to it
   */
  public JourneyDiscovery(DiscoveryConfig config, TemplateMiner miner) {
    this.config = Objects.requireNonNull(config, "config");
    this.miner = Objects.requireNonNull(miner, "miner");
    this.operations = new Operations(config.pathTemplater());
    this.classifier = new TraceClassifier(config.noise(), operations);
    this.assembler = new TraceAssembler(config.assembly(), this::trace);
    int bound = config.maxPendingErrorLogs();
    this.recentTraces = lru(bound);
    this.pendingLogs = lru(bound);
  }

  /** Adds a span; its end time is the event time that closes idle traces. */
  public void span(Span raw) {
    Span span = config.scrubber().span(raw);
    assembler.add(span, span.endUnixNanos());
  }

  /** Adds a log record; only error records with a trace id are kept, as evidence. */
  public void log(LogRecord raw) {
    if (!raw.isError()) {
      return;
    }
    errorLogs++;
    if (raw.traceId().isEmpty()) {
      return;
    }
    LogRecord record = config.scrubber().log(raw);
    if (record.body().isBlank()) {
      return;
    }
    Match match = miner.add(record.body());
    Evidence evidence = new Evidence(match.clusterId(), "log");
    Aggregate known = recentTraces.get(record.traceId());
    if (known != null) {
      errorLogsJoined++;
      known.evidence(evidence, config.maxTemplatesPerJourney());
    } else if (config.maxPendingErrorLogs() > 0) {
      pendingLogs.computeIfAbsent(record.traceId(), k -> new ArrayList<>(2)).add(evidence);
    }
  }

  /** Closes the traces still open and returns the journeys, sorted by id. */
  public DiscoveryResult finish() {
    assembler.flush();
    List<Aggregate> all = new ArrayList<>(journeys.values());
    all.sort(
        Comparator.comparing((Aggregate a) -> a.key.entryService())
            .thenComparing(a -> a.key.operation()));
    Map<String, Integer> slugCount = new HashMap<>();
    for (Aggregate a : all) {
      slugCount.merge(a.key.slug(), 1, Integer::sum);
    }
    List<Journey> out = new ArrayList<>();
    for (Aggregate a : all) {
      String id = a.key.slug();
      if (slugCount.get(id) > 1) {
        // Two operations that differ only in punctuation: a hash of the full key keeps ids stable.
        id = id + "-" + shortHash(a.key.entryService() + " " + a.key.operation());
      }
      out.add(a.toJourney(id, miner));
    }
    out.sort(Comparator.comparing(Journey::id));
    return new DiscoveryResult(out, stats());
  }

  /** Counters so far. */
  public DiscoveryStats stats() {
    return new DiscoveryStats(
        assembler.stats(), user, probes, jobs, incomplete, overflow, errorLogs, errorLogsJoined);
  }

  private void trace(AssembledTrace trace) {
    Classification c = classifier.classify(trace.spans());
    switch (c.kind()) {
      case PROBE -> probes++;
      case JOB -> jobs++;
      case INCOMPLETE -> incomplete++;
      case USER -> userTrace(trace, c);
    }
  }

  private void userTrace(AssembledTrace trace, Classification c) {
    Span entry = c.entry();
    JourneyKey key = new JourneyKey(entry.service(), c.operation());
    Aggregate agg = journeys.get(key);
    if (agg == null) {
      if (journeys.size() >= config.maxJourneys()) {
        overflow++;
        return;
      }
      agg = new Aggregate(key, Operations.method(entry), route(entry, c.operation()));
      journeys.put(key, agg);
    }
    user++;
    agg.red.record(entry.startUnixNanos(), entry.durationNanos(), Operations.failed(entry));
    agg.labels(entry);
    Map<String, Span> byId = new HashMap<>();
    for (Span s : trace.spans()) {
      byId.put(s.spanId(), s);
    }
    for (Span s : trace.spans()) {
      agg.services.add(s.service());
      Span parent = s.isRoot() ? null : byId.get(s.parentSpanId());
      if (parent != null && !parent.service().equals(s.service())) {
        agg.edges.merge(parent.service() + "\u0000" + s.service(), 1L, Long::sum);
      }
      if (s.kind() == SpanKind.SERVER || s.kind() == SpanKind.CONSUMER) {
        String op = s.service() + "\u0000" + operations.of(s);
        RedAccumulator red = agg.operations.get(op);
        if (red == null && agg.operations.size() < config.maxOperationsPerJourney()) {
          red = new RedAccumulator();
          agg.operations.put(op, red);
        }
        if (red != null) {
          red.record(s.startUnixNanos(), s.durationNanos(), Operations.failed(s));
        }
      }
      if (s.status() == StatusCode.ERROR && !s.statusMessage().isBlank()) {
        agg.evidence(
            new Evidence(miner.add(s.statusMessage()).clusterId(), "span-status"),
            config.maxTemplatesPerJourney());
      }
      for (SpanEvent e : s.events()) {
        if (e.name().equals("exception")) {
          String text = exceptionText(e);
          if (!text.isBlank()) {
            agg.evidence(
                new Evidence(miner.add(text).clusterId(), "exception"),
                config.maxTemplatesPerJourney());
          }
        }
      }
    }
    List<Evidence> logs = pendingLogs.remove(trace.traceId());
    if (logs != null) {
      for (Evidence e : logs) {
        errorLogsJoined++;
        agg.evidence(e, config.maxTemplatesPerJourney());
      }
    }
    if (config.maxPendingErrorLogs() > 0) {
      recentTraces.put(trace.traceId(), agg);
    }
  }

  private static String route(Span entry, String operation) {
    if (Operations.method(entry) == null) {
      return null;
    }
    int space = operation.indexOf(' ');
    return space < 0 ? operation : operation.substring(space + 1);
  }

  private static String exceptionText(SpanEvent e) {
    String type = e.attributes().getOrDefault("exception.type", "");
    String message = e.attributes().getOrDefault("exception.message", "");
    if (type.isEmpty()) {
      return message;
    }
    return message.isEmpty() ? type : type + ": " + message;
  }

  private static <V> LinkedHashMap<String, V> lru(int bound) {
    return new LinkedHashMap<>(1024, 0.75f, false) {
      private static final long serialVersionUID = 1L;

      @Override
      protected boolean removeEldestEntry(Map.Entry<String, V> eldest) {
        return size() > bound;
      }
    };
  }

  static String shortHash(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  /** One sighting of an error template. */
  private record Evidence(String templateId, String source) {}

  /** A journey while it is being seen. */
  private static final class Aggregate {
    final JourneyKey key;
    final String method;
    final String route;
    final RedAccumulator red = new RedAccumulator();
    final TreeSet<String> services = new TreeSet<>();
    final Map<String, Long> edges = new TreeMap<>();
    final Map<String, RedAccumulator> operations = new TreeMap<>();
    final Map<String, Map<String, Long>> labelValues = new TreeMap<>();
    final Map<String, long[]> templates = new HashMap<>();
    final Map<String, String> templateSource = new HashMap<>();

    Aggregate(JourneyKey key, String method, String route) {
      this.key = key;
      this.method = method;
      this.route = route;
    }

    void labels(Span entry) {
      label(entry.resource().attributes());
      label(entry.attributes());
    }

    private void label(Map<String, String> attributes) {
      for (Map.Entry<String, String> a : attributes.entrySet()) {
        String label = LABEL_KEYS.get(a.getKey());
        if (label != null && !a.getValue().isBlank()) {
          labelValues
              .computeIfAbsent(label, k -> new TreeMap<>())
              .merge(a.getValue().trim().toLowerCase(Locale.ROOT), 1L, Long::sum);
        }
      }
    }

    void evidence(Evidence e, int max) {
      long[] n = templates.get(e.templateId());
      if (n == null) {
        if (templates.size() >= max) {
          return;
        }
        n = new long[1];
        templates.put(e.templateId(), n);
        templateSource.put(e.templateId(), e.source());
      }
      n[0]++;
    }

    Journey toJourney(String id, TemplateMiner miner) {
      List<CallEdge> callEdges = new ArrayList<>();
      edges.forEach(
          (k, v) -> {
            int cut = k.indexOf('\u0000');
            callEdges.add(new CallEdge(k.substring(0, cut), k.substring(cut + 1), v));
          });
      List<OperationStats> ops = new ArrayList<>();
      operations.forEach(
          (k, r) -> {
            int cut = k.indexOf('\u0000');
            ops.add(
                new OperationStats(
                    k.substring(0, cut),
                    k.substring(cut + 1),
                    r.requests,
                    r.errorRatio(),
                    r.summary()));
          });
      Map<String, String> labels = new TreeMap<>();
      labelValues.forEach(
          (label, counts) ->
              labels.put(
                  label,
                  counts.entrySet().stream()
                      .max(
                          Map.Entry.<String, Long>comparingByValue()
                              .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder())))
                      .orElseThrow()
                      .getKey()));
      List<ErrorTemplate> errorTemplates = new ArrayList<>();
      templates.forEach(
          (tid, n) ->
              errorTemplates.add(
                  new ErrorTemplate(
                      tid,
                      // The template may have generalised since it was first seen: take the latest.
                      miner.template(tid).map(t -> t.template()).orElse("<evicted template>"),
                      templateSource.get(tid),
                      n[0])));
      errorTemplates.sort(
          Comparator.comparingLong(ErrorTemplate::count)
              .reversed()
              .thenComparing(ErrorTemplate::template)
              .thenComparing(ErrorTemplate::templateId));
      List<Long> buckets = new ArrayList<>();
      for (int i = 0; i < LatencyDistribution.BUCKETS_SECONDS.size(); i++) {
        buckets.add(red.latency.countAtOrUnderBucket(i));
      }
      return new Journey(
          id,
          key.entryService() + " " + key.operation(),
          key.entryService(),
          key.operation(),
          method,
          route,
          new ArrayList<>(services),
          callEdges,
          red.requests,
          red.errors,
          red.summary(),
          buckets,
          red.firstStartNanos,
          red.lastStartNanos,
          labels,
          ops,
          errorTemplates);
    }
  }
}
