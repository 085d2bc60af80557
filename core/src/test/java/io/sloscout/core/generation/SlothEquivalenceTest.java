package io.sloscout.core.generation;

import static org.assertj.core.api.Assertions.assertThat;

import io.sloscout.core.burnrate.AlertSeverity;
import io.sloscout.core.generation.SlothReferenceRules.Kind;
import io.sloscout.core.generation.SlothReferenceRules.Spec;
import io.sloscout.core.generation.rules.RuleFixtures;
import io.sloscout.core.spec.AlertSpec;
import io.sloscout.core.spec.Alerting;
import io.sloscout.core.spec.PromDuration;
import io.sloscout.core.spec.Sli;
import io.sloscout.core.spec.Slo;
import io.sloscout.core.spec.SpecFormat;
import io.sloscout.core.spec.SpecSet;
import io.sloscout.core.spec.load.SpecLoader;
import io.sloscout.core.testing.Promtool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * For Sloth's spec shapes, our page and ticket alerts fire at exactly the evaluation steps at which
 * rules in Sloth's output shape fire, for identical traffic: just under (×0.98) and just over
 * (×1.02) each window pair's threshold, healthy traffic, and a spike that trips only short windows.
 * The expected moments come from the rates we construct; promtool checks both rule sets against the
 * same moments.
 */
class SlothEquivalenceTest {

  private static final long N = SyntheticTraffic.EVENTS;

  /** A Sloth spec and the SLO we build from the same queries. */
  record Shape(String name, Spec spec, Slo slo) {
    @Override
    public String toString() {
      return name;
    }
  }

  static List<Shape> shapes() {
    String good =
        "sum(rate(http_request_duration_seconds_count{job=\"myservice\",code!~\"(5..|429)\"}[{{.window}}]))";
    String raw = RuleFixtures.ERRORS + "\n/\n" + RuleFixtures.TOTAL + "\n";
    Spec events =
        spec(
            "myservice",
            "requests-availability",
            Kind.EVENTS,
            RuleFixtures.ERRORS,
            RuleFixtures.TOTAL);
    Spec rawSpec = spec("myservice", "requests-availability-raw", Kind.RAW, raw, null);
    Spec openSlo =
        spec("my-service", "sloth-slo-my-service", Kind.OPENSLO_RATIO, good, RuleFixtures.TOTAL);
    return List.of(
        new Shape(
            "prometheus/v1 events",
            events,
            slo(
                events,
                new Sli.Events(RuleFixtures.ERRORS, RuleFixtures.TOTAL),
                SpecFormat.SLOTH_V1)),
        new Shape(
            "prometheus/v1 raw", rawSpec, slo(rawSpec, new Sli.Raw(raw), SpecFormat.SLOTH_V1)),
        new Shape(
            "openslo/v1alpha ratio",
            openSlo,
            // Sloth's conversion of good/total: error ratio = 1 - good/total.
            slo(
                openSlo,
                new Sli.Raw("1 - ((" + good + ") / (" + RuleFixtures.TOTAL + "))"),
                SpecFormat.OPENSLO_V1ALPHA)));
  }

  private static Spec spec(String service, String name, Kind kind, String first, String second) {
    return new Spec(
        service,
        name,
        99.9,
        Map.of("owner", "myteam"),
        "MyServiceHighErrorRate",
        Map.of("category", "availability"),
        Map.of("routing_key", "myteam"),
        Map.of("slack_channel", "#alerts-myteam"),
        kind,
        first,
        second);
  }

  private static Slo slo(Spec s, Sli sli, SpecFormat format) {
    return new Slo(
        s.service(),
        s.name(),
        "",
        sli,
        0.999,
        PromDuration.ofDays(30),
        false,
        null,
        s.labels(),
        new Alerting(
            s.alertName(),
            s.alertLabels(),
            Map.of(),
            new AlertSpec(true, s.pageLabels(), Map.of()),
            new AlertSpec(true, s.ticketLabels(), Map.of()),
            List.of()),
        null,
        RuleFixtures.source("slos/" + s.service() + ".yaml", format));
  }

  /** One scenario: traffic, the steps to check, what fires then, and extra PromQL checks. */
  record Case(
      String comment,
      List<SyntheticTraffic.Segment> segments,
      List<Long> at,
      List<List<RuleSimulator.Firing>> fired,
      Map<Long, String> promqlCounts) {}

  @ParameterizedTest
  @MethodSource("shapes")
  void pageAndTicketFireAtTheMomentsSlothsRulesFire(Shape shape) {
    Slo slo = shape.slo();
    List<SloRules> rules =
        RuleGenerator.build(slo.service(), List.of(slo), GenerationOptions.defaults());
    SloRules ours = rules.get(0);
    RuleSimulator sim = new RuleSimulator(rules);
    SyntheticTraffic traffic = SyntheticTraffic.of(slo.sli()).orElseThrow();
    // The reference windows are Sloth's table; ours come from our profile: they must agree.
    assertThat(ours.alerts()).hasSize(2);
    List<SloRules.Condition> conds = new ArrayList<>();
    ours.alerts().forEach(a -> conds.addAll(a.conditions()));
    assertThat(conds).hasSize(SlothReferenceRules.GOOGLE_30D.size());

    List<Case> pageCases = new ArrayList<>();
    List<Case> ticketCases = new ArrayList<>();
    for (int i = 0; i < conds.size(); i++) {
      SlothReferenceRules.Window w = SlothReferenceRules.GOOGLE_30D.get(i);
      SloRules.Condition c = conds.get(i);
      assertThat(c.shortWindow().seconds()).isEqualTo(w.shortS());
      assertThat(c.longWindow().seconds()).isEqualTo(w.longS());
      AlertSeverity sev = w.page() ? AlertSeverity.PAGE : AlertSeverity.TICKET;
      long interval = w.page() ? 60 : 300;
      Case over = thresholdCase(sim, traffic, ours, c, sev, 1.02, interval, null);
      Case under = thresholdCase(sim, traffic, ours, c, sev, 0.98, interval, over.at());
      (w.page() ? pageCases : ticketCases).add(under);
      (w.page() ? pageCases : ticketCases).add(over);
    }
    pageCases.add(healthyCase(sim, traffic, conds));
    pageCases.add(spikeCase(sim, traffic, ours, conds));

    String file = slo.service() + ".rules.yaml";
    Map<String, String> ourFiles = new LinkedHashMap<>();
    ourFiles.put(
        file, RuleGenerator.rules(slo.service(), List.of(slo), GenerationOptions.defaults()));
    Map<String, String> refFiles = new LinkedHashMap<>();
    refFiles.put(file, SlothReferenceRules.render(shape.spec()));
    List<String> groupsOurs = new ArrayList<>();
    ours.groups().forEach(g -> groupsOurs.add(g.name()));
    for (boolean reference : new boolean[] {false, true}) {
      Map<String, String> files = reference ? refFiles : ourFiles;
      List<String> groups = reference ? SlothReferenceRules.groupNames(shape.spec()) : groupsOurs;
      files.put(
          "page.test.yaml", testFile(file, groups, 60, 60, pageCases, traffic, shape, reference));
      files.put(
          "ticket.test.yaml",
          testFile(file, groups, 300, 300, ticketCases, traffic, shape, reference));
      Promtool.Result r = Promtool.testRules(files, List.of("page.test.yaml", "ticket.test.yaml"));
      assertThat(r.ok())
          .as("%s rules, %s:%n%s", reference ? "Sloth reference" : "our", shape, r.output())
          .isTrue();
    }
  }

  /**
   * The same specs written as Sloth and OpenSLO YAML and read by {@link SpecLoader} give rules
   * whose alerts fire at the same steps as the SLOs built above, for the same just-under and
   * just-over traffic, so the promtool proof above covers what users load from files.
   */
  @org.junit.jupiter.api.Test
  void specsLoadedFromYamlFireAtTheSameMoments(@org.junit.jupiter.api.io.TempDir Path dir)
      throws java.io.IOException {
    Files.writeString(
        dir.resolve("sloth.yaml"),
        String.join(
            "\n",
            "version: \"prometheus/v1\"",
            "service: \"myservice\"",
            "labels:",
            "  owner: \"myteam\"",
            "slos:",
            "  - name: \"requests-availability\"",
            "    objective: 99.9",
            "    sli:",
            "      events:",
            "        error_query: " + RuleFixtures.ERRORS,
            "        total_query: " + RuleFixtures.TOTAL,
            "    alerting:",
            "      name: MyServiceHighErrorRate",
            "      labels:",
            "        category: \"availability\"",
            "      page_alert:",
            "        labels:",
            "          routing_key: myteam",
            "      ticket_alert:",
            "        labels:",
            "          slack_channel: \"#alerts-myteam\"",
            "  - name: \"requests-availability-raw\"",
            "    objective: 99.9",
            "    sli:",
            "      raw:",
            "        error_ratio_query: |",
            "          " + RuleFixtures.ERRORS,
            "          /",
            "          " + RuleFixtures.TOTAL,
            "    alerting:",
            "      name: MyServiceHighErrorRate",
            ""));
    Files.writeString(
        dir.resolve("openslo.yaml"),
        String.join(
            "\n",
            "apiVersion: openslo/v1alpha",
            "kind: SLO",
            "metadata:",
            "  name: sloth-slo-my-service",
            "spec:",
            "  service: my-service",
            "  budgetingMethod: Occurrences",
            "  objectives:",
            "    - ratioMetrics:",
            "        good:",
            "          source: prometheus",
            "          queryType: promql",
            "          query: sum(rate(http_request_duration_seconds_count{job=\"myservice\",code!~\"(5..|429)\"}[{{.window}}]))",
            "        total:",
            "          source: prometheus",
            "          queryType: promql",
            "          query: " + RuleFixtures.TOTAL,
            "      target: 0.999",
            "  timeWindows:",
            "    - count: 30",
            "      unit: Day",
            ""));
    SpecSet loaded = new SpecLoader().load(List.of(dir));
    assertThat(loaded.errors()).isEmpty();
    for (Shape shape : shapes()) {
      Slo fromYaml =
          loaded.slos().stream()
              // OpenSLO names an SLO per objective; Sloth suffixes the objective's index.
              .filter(
                  x -> x.id().equals(shape.slo().id()) || x.id().equals(shape.slo().id() + "-0"))
              .findFirst()
              .orElseThrow(
                  () ->
                      new AssertionError(
                          "not loaded: " + shape.slo().id() + " in " + loaded.slos()));
      assertThat(moments(fromYaml)).as(shape.name()).isEqualTo(moments(shape.slo()));
    }
  }

  /** Per window pair and scale (×0.98, ×1.02): the first step each severity fires, or -1. */
  private static List<Integer> moments(Slo slo) {
    List<SloRules> rules =
        RuleGenerator.build(slo.service(), List.of(slo), GenerationOptions.defaults());
    SloRules r = rules.get(0);
    RuleSimulator sim = new RuleSimulator(rules);
    SyntheticTraffic traffic = SyntheticTraffic.of(slo.sli()).orElseThrow();
    List<Integer> out = new ArrayList<>();
    for (SloRules.Alert a : r.alerts()) {
      for (SloRules.Condition c : a.conditions()) {
        for (double scale : new double[] {0.98, 1.02}) {
          long errors = Math.round(scale * c.threshold() * N);
          long steps = c.longWindow().seconds() / 300;
          List<SyntheticTraffic.Segment> segs =
              List.of(
                  new SyntheticTraffic.Segment(steps, 0),
                  new SyntheticTraffic.Segment(steps, errors));
          List<List<RuleSimulator.Firing>> fired =
              sim.run(RuleTestGenerator.simTraffic(traffic, 300, segs), 300, 2 * steps * 300);
          for (AlertSeverity sev : AlertSeverity.values()) {
            out.add(firstFiring(fired, r, sev));
          }
        }
      }
    }
    return out;
  }

  /**
   * No errors for the severity's longest window, then one long window of a constant error ratio at
   * {@code scale} × the condition's threshold: no other pair of the same severity can reach its
   * threshold, so under ×0.98 the severity stays silent and over ×1.02 it fires.
   */
  private static Case thresholdCase(
      RuleSimulator sim,
      SyntheticTraffic traffic,
      SloRules ours,
      SloRules.Condition c,
      AlertSeverity sev,
      double scale,
      long interval,
      List<Long> sameMomentsAs) {
    // Every window of the severity starts full of good traffic, and the burn lasts one long window:
    // longer, and a slower pair of the same severity would add up enough errors to fire too.
    long longest =
        ours.alerts().stream()
            .filter(a -> a.severity() == sev)
            .flatMap(a -> a.conditions().stream())
            .mapToLong(x -> x.longWindow().seconds())
            .max()
            .orElseThrow();
    long prelude = longest / interval;
    long horizonSteps = prelude + c.longWindow().seconds() / interval;
    for (int attempt = 0; ; attempt++) {
      long errors = Math.round(scale * c.threshold() * N) + attempt;
      List<SyntheticTraffic.Segment> segs =
          List.of(
              new SyntheticTraffic.Segment(prelude, 0),
              new SyntheticTraffic.Segment(horizonSteps - prelude, errors));
      List<List<RuleSimulator.Firing>> fired;
      try {
        fired =
            sim.run(
                RuleTestGenerator.simTraffic(traffic, interval, segs),
                interval,
                horizonSteps * interval);
      } catch (RuleSimulator.AmbiguousException e) {
        continue;
      }
      int first = firstFiring(fired, ours, sev);
      List<Long> at;
      if (sameMomentsAs == null) {
        assertThat(first).as("×%s of %s fires", scale, c).isPositive();
        long t = first * interval;
        at = List.of(prelude * interval, t - interval, t, horizonSteps * interval);
      } else {
        assertThat(first).as("×%s of %s stays silent", scale, c).isNegative();
        at = sameMomentsAs;
      }
      return new Case(
          String.format(
              "%s/%s at %s x threshold (%s of %s errors per step)",
              c.longWindow(), c.shortWindow(), scale, errors, N),
          segs,
          at,
          fired,
          Map.of());
    }
  }

  /** Half the lowest threshold for six hours: nothing fires. */
  private static Case healthyCase(
      RuleSimulator sim, SyntheticTraffic traffic, List<SloRules.Condition> conds) {
    double min = conds.stream().mapToDouble(SloRules.Condition::threshold).min().orElseThrow();
    long errors = Math.round(0.5 * min * N);
    List<SyntheticTraffic.Segment> segs = List.of(new SyntheticTraffic.Segment(360, errors));
    List<List<RuleSimulator.Firing>> fired =
        sim.run(RuleTestGenerator.simTraffic(traffic, 60, segs), 60, 360 * 60);
    assertThat(fired).allMatch(List::isEmpty);
    return new Case(
        "healthy: half the lowest threshold", segs, List.of(300L, 3600L, 21600L), fired, Map.of());
  }

  /**
   * Six hours without errors (every ticket short window full), then one minute at 10% errors: the
   * 5m ratio jumps over the fastest page threshold while every other window stays under its own, so
   * nothing fires.
   */
  private static Case spikeCase(
      RuleSimulator sim, SyntheticTraffic traffic, SloRules ours, List<SloRules.Condition> conds) {
    List<SyntheticTraffic.Segment> segs =
        List.of(
            new SyntheticTraffic.Segment(360, 0),
            new SyntheticTraffic.Segment(1, N / 10),
            new SyntheticTraffic.Segment(30, 0));
    RuleSimulator.Traffic t = RuleTestGenerator.simTraffic(traffic, 60, segs);
    List<List<RuleSimulator.Firing>> fired = sim.run(t, 60, 391 * 60);
    assertThat(fired).allMatch(List::isEmpty);
    SloRules.Condition fastest = conds.get(0);
    SliExpression expr = SliExpression.of(ours.slo().sli()).orElseThrow();
    long at = 361 * 60;
    assertThat(RuleSimulator.ratio(expr, t, at, fastest.shortWindow().seconds()))
        .isGreaterThan(fastest.threshold());
    assertThat(RuleSimulator.ratio(expr, t, at, fastest.longWindow().seconds()))
        .isLessThan(fastest.threshold());
    String query =
        "count(slo:sli_error:ratio_rate"
            + fastest.shortWindow()
            + "{sloth_id=\""
            + ours.slo().id()
            + "\"} > ("
            + fastest.factor()
            + " * "
            + fastest.budget()
            + "))";
    return new Case(
        "spike: 10% errors for one minute trips the 5m window only",
        segs, List.of(at, 363 * 60L, 390 * 60L), fired, Map.of(at, query));
  }

  private static int firstFiring(
      List<List<RuleSimulator.Firing>> fired, SloRules r, AlertSeverity sev) {
    for (int i = 0; i < fired.size(); i++) {
      for (RuleSimulator.Firing f : fired.get(i)) {
        if (f.rules() == r && f.alert().severity() == sev) {
          return i;
        }
      }
    }
    return -1;
  }

  private static String testFile(
      String rulesFile,
      List<String> groups,
      long evalInterval,
      long interval,
      List<Case> cases,
      SyntheticTraffic traffic,
      Shape shape,
      boolean reference) {
    YamlText y = new YamlText();
    y.raw("rule_files:\n  - " + rulesFile + "\n");
    y.raw("evaluation_interval: " + PromDuration.ofSeconds(evalInterval) + "\n");
    y.raw("group_eval_order:\n");
    groups.forEach(g -> y.raw("  - " + g + "\n"));
    y.raw("tests:\n");
    for (Case c : cases) {
      y.raw("  # " + c.comment() + "\n");
      y.raw("  - interval: " + PromDuration.ofSeconds(interval) + "\n    input_series:\n");
      List<long[]> values = traffic.values(c.segments());
      for (int i = 0; i < traffic.series().size(); i++) {
        y.field(6, "- series", traffic.series().get(i).promtool());
        y.field(8, "values", RuleTestGenerator.expanding(values.get(i)));
      }
      y.raw("    alert_rule_test:\n");
      for (long t : c.at()) {
        y.field(6, "- eval_time", t == 0 ? "0m" : PromDuration.ofSeconds(t).toString());
        y.field(8, "alertname", shape.spec().alertName());
        List<RuleSimulator.Firing> firing = c.fired().get((int) (t / evalInterval));
        if (firing.isEmpty()) {
          y.raw("        exp_alerts: []\n");
          continue;
        }
        y.raw("        exp_alerts:\n");
        for (RuleSimulator.Firing f : firing) {
          boolean page = f.alert().severity() == AlertSeverity.PAGE;
          SortedMap<String, String> labels =
              reference ? SlothReferenceRules.alertLabels(shape.spec(), page) : f.labels();
          SortedMap<String, String> annotations =
              reference
                  ? SlothReferenceRules.alertAnnotations(shape.spec(), page)
                  : RuleTestGenerator.expandedAnnotations(f);
          y.raw("          - exp_labels:\n");
          labels.forEach((k, v) -> y.field(14, k, v));
          y.map(12, "exp_annotations", annotations);
        }
      }
      if (!c.promqlCounts().isEmpty()) {
        y.raw("    promql_expr_test:\n");
        for (Map.Entry<Long, String> e : new java.util.TreeMap<>(c.promqlCounts()).entrySet()) {
          y.field(6, "- expr", e.getValue());
          y.field(8, "eval_time", PromDuration.ofSeconds(e.getKey()).toString());
          y.raw("        exp_samples:\n          - labels: '{}'\n            value: 1\n");
        }
      }
    }
    return y.toString();
  }
}
