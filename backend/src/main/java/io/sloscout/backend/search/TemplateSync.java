package io.sloscout.backend.search;

import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.sloscout.core.search.TemplateDocument;
import io.sloscout.storage.ServiceRepository;
import io.sloscout.storage.ServiceRow;
import io.sloscout.storage.TemplateRepository;
import io.sloscout.storage.TemplateRow;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Keeps the vector index in step with the templates table: each template whose text is new or
 * changed since it was last indexed is embedded once (in batches) and upserted.
 */
@ApplicationScoped
public class TemplateSync {

  private static final Logger LOG = Logger.getLogger(TemplateSync.class);
  private static final int BATCH = 256;

  private final TemplateIndex index;
  private final TemplateRepository templates;
  private final ServiceRepository services;
  private final Map<String, String> indexed = new HashMap<>();

  public TemplateSync(
      TemplateIndex index, TemplateRepository templates, ServiceRepository services) {
    this.index = index;
    this.templates = templates;
    this.services = services;
  }

  void onStart(@Observes StartupEvent event) {
    index.open();
    sync();
  }

  @Scheduled(
      every = "${slo-scout.search.index-every:1m}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    sync();
  }

  /**
   * Indexes templates not indexed yet or changed since.
   *
   * @return how many were indexed
   */
  public synchronized int sync() {
    if (!index.isOpen()) {
      return 0;
    }
    List<TemplateDocument> pending = new ArrayList<>();
    int done = 0;
    try {
      for (ServiceRow s : services.list()) {
        for (TemplateRow t : templates.byService(s.name())) {
          if (!t.template().equals(indexed.get(t.templateId()))) {
            pending.add(new TemplateDocument(t.templateId(), t.template(), t.service()));
            if (pending.size() >= BATCH) {
              done += flush(pending);
            }
          }
        }
      }
      done += flush(pending);
    } catch (RuntimeException e) {
      LOG.warnf("indexing templates failed, will retry: %s", e.getMessage());
    }
    if (done > 0) {
      LOG.infof("indexed %d templates", done);
    }
    return done;
  }

  private int flush(List<TemplateDocument> pending) {
    if (pending.isEmpty()) {
      return 0;
    }
    index.index(pending);
    pending.forEach(d -> indexed.put(d.templateId(), d.template()));
    int n = pending.size();
    pending.clear();
    return n;
  }
}
