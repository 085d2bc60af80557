package io.sloscout.core.validation;

import io.sloscout.core.burnrate.BurnRateWindow;
import io.sloscout.core.generation.GenerationOptions;
import io.sloscout.core.spec.Diagnostic;
import io.sloscout.core.spec.PromDuration;
import io.sloscout.core.spec.Sli;
import io.sloscout.core.spec.Slo;
import io.sloscout.core.spec.Source;
import io.sloscout.core.spec.Source.Position;
import io.sloscout.core.spec.SpecFormat;
import io.sloscout.core.spec.SpecSet;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Business checks on SLOs that parsed: findings that do not stop generation but deserve a look (odd
 * targets, duplicate ids, periods shorter than their alert windows, broken PromQL).
 */
public final class SloValidator {

  /** Above this the budget is too small to measure or alert on. */
  public static final double MAX_OBJECTIVE = 0.9999;

  /** Below this an SLO rarely means what its author wanted. */
  public static final double MIN_OBJECTIVE = 0.90;

  /** Warnings about the SLOs of {@code set}, in {@link Diagnostic#ORDER}. */
  public List<Diagnostic> validate(SpecSet set, GenerationOptions options) {
    List<Diagnostic> out = new ArrayList<>();
    Map<String, Slo> firstById = new HashMap<>();
    // Files load in path order, so "first" is stable; report at the later occurrence.
    for (Slo slo : set.slos()) {
      objective(slo, out);
      Slo first = firstById.putIfAbsent(slo.id(), slo);
      if (first != null) {
        Position p = first.source().position("name");
        warn(
            out,
            slo,
            "name",
            "duplicate SLO id '"
                + slo.id()
                + "': first defined at "
                + first.source().file()
                + ":"
                + p.line()
                + ":"
                + p.column());
      }
      period(slo, options, out);
      queries(slo, out);
    }
    out.sort(Diagnostic.ORDER);
    return out;
  }

  private static void objective(Slo slo, List<Diagnostic> out) {
    String percent = percent(slo.objective());
    if (slo.objective() > MAX_OBJECTIVE) {
      warn(
          out,
          slo,
          "objective",
          "objective "
              + percent
              + "% is above 99.99%: an error budget of "
              + percent(slo.errorBudget())
              + "% is too small to measure or alert on reliably");
    } else if (slo.objective() < MIN_OBJECTIVE) {
      boolean sloth =
          slo.source().format() == SpecFormat.SLOTH_V1
              || slo.source().format() == SpecFormat.SLOTH_K8S_V1;
      warn(
          out,
          slo,
          "objective",
          "objective "
              + percent
              + "% is below 90%"
              + (sloth && slo.objective() <= 0.01
                  ? ": Sloth objectives are percentages, write 99.9 for 99.9%"
                  : ": is the target meant as a ratio of good events (0.99 = 99%)?"));
    }
  }

  private static void period(Slo slo, GenerationOptions options, List<Diagnostic> out) {
    List<BurnRateWindow> windows = options.windowsFor(slo);
    Optional<PromDuration> longest =
        windows.stream().map(BurnRateWindow::longWindow).max(Comparator.naturalOrder());
    if (longest.isPresent() && slo.period().compareTo(longest.get()) < 0) {
      String whose =
          slo.alerting().windows().isEmpty()
              ? "of the " + options.alertProfile() + " alert profile"
              : "of its burn rates";
      warn(
          out,
          slo,
          "period",
          "period "
              + slo.period()
              + " is shorter than the longest alert window "
              + longest.get()
              + " "
              + whose
              + ": that alert can never see a full window of the period");
    }
  }

  private static void queries(Slo slo, List<Diagnostic> out) {
    Map<String, String> queries = new LinkedHashMap<>();
    if (slo.sli() instanceof Sli.Events e) {
      queries.put("sli.errorQuery", e.errorQuery());
      queries.put("sli.totalQuery", e.totalQuery());
    } else if (slo.sli() instanceof Sli.Raw r) {
      queries.put("sli.errorRatioQuery", r.errorRatioQuery());
    } else if (slo.sli() instanceof Sli.Latency l) {
      // The generators wrap metric and matchers into selectors; a stray quote breaks them all.
      queries.put("sli", l.metric() + (l.matchers().isEmpty() ? "" : "{" + l.matchers() + "}"));
    }
    queries.forEach(
        (field, query) -> {
          if (PromqlLint.isEmpty(query)) {
            warn(out, slo, field, "PromQL query is empty (only whitespace or comments)");
          } else {
            PromqlLint.balance(query)
                .ifPresent(
                    problem -> warn(out, slo, field, "PromQL query is unbalanced: " + problem));
          }
        });
  }

  private static void warn(List<Diagnostic> out, Slo slo, String field, String message) {
    Source src = slo.source();
    Position p = src.position(field);
    out.add(Diagnostic.warning(src.file(), p.line(), p.column(), p.path(), message));
  }

  /** A ratio as a percentage without binary noise: 0.9995 → 99.95. */
  private static String percent(double ratio) {
    return new BigDecimal(ratio * 100)
        .round(new MathContext(10))
        .stripTrailingZeros()
        .toPlainString();
  }
}
