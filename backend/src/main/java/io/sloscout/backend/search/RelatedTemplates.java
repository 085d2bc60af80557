package io.sloscout.backend.search;

import io.sloscout.core.journey.ErrorTemplate;
import io.sloscout.core.search.TemplateHit;
import io.sloscout.storage.TemplateCount;
import io.sloscout.storage.TemplateRepository;
import io.sloscout.storage.TemplateRow;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * A journey's most related error templates: the store keeps templates per service, not per journey,
 * so they are found by meaning. The vector index is searched with the journey's name and the words
 * of failure, and hits from services the journey touches are kept, best first.
 */
@ApplicationScoped
public class RelatedTemplates {

  private static final Logger LOG = Logger.getLogger(RelatedTemplates.class);

  /** Hits gathered before the service filter. */
  private static final int CANDIDATES = 50;

  private final TemplateIndex index;
  private final TemplateRepository templates;

  public RelatedTemplates(TemplateIndex index, TemplateRepository templates) {
    this.index = index;
    this.templates = templates;
  }

  /**
   * At most {@code limit} templates related to failures of a journey, best match first, with how
   * often each was seen in {@code [from, to)} (templates not seen there are left out); empty when
   * search is unavailable.
   *
   * @param subject what the journey is, in words ({@code checkout POST /checkout})
   * @param services the services it touches; hits from others are dropped
   */
  public List<ErrorTemplate> forJourney(
      String subject, Collection<String> services, Instant from, Instant to, int limit) {
    if (!index.isOpen() || limit < 1) {
      return List.of();
    }
    String query = "error failed exception timeout " + subject;
    List<TemplateHit> hits;
    try {
      hits = index.search(query, CANDIDATES);
    } catch (RuntimeException e) {
      // evidence is a help, never the reason a recommendation or runbook fails
      LOG.warnf("template search for '%s' failed: %s", subject, e.getMessage());
      return List.of();
    }
    Set<String> wanted = new HashSet<>(services);
    List<ErrorTemplate> out = new ArrayList<>();
    for (TemplateHit hit : hits) {
      if (out.size() >= limit) {
        break;
      }
      if (!wanted.isEmpty() && !wanted.contains(hit.service())) {
        continue;
      }
      String source =
          templates
              .find(hit.templateId())
              .map(TemplateRow::kind)
              .map(k -> k.name().toLowerCase(Locale.ROOT))
              .orElse("log");
      long count = 0;
      for (TemplateCount c : templates.counts(hit.templateId(), from, to)) {
        count += c.count();
      }
      // a template not seen in the window is no evidence about it
      if (count > 0) {
        out.add(new ErrorTemplate(hit.templateId(), hit.template(), source, count));
      }
    }
    return out;
  }
}
