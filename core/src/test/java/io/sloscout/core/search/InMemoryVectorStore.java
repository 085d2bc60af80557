package io.sloscout.core.search;

import io.sloscout.core.embedding.Vectors;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An exact, brute-force vector store in memory: a reusable fake for tests of the store's users. */
public final class InMemoryVectorStore implements VectorStore {

  private final int dimension;
  private final Map<String, TemplateVector> entries = new LinkedHashMap<>();

  public InMemoryVectorStore(int dimension) {
    this.dimension = dimension;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  @Override
  public synchronized void upsert(List<TemplateVector> batch) {
    for (TemplateVector entry : VectorStores.lastPerId(batch, dimension)) {
      entries.put(entry.templateId(), entry);
    }
  }

  @Override
  public synchronized List<TemplateHit> search(float[] query, int k) {
    VectorStores.checkK(k);
    float[] unit = VectorStores.checkedUnit(query, dimension);
    List<TemplateHit> hits = new ArrayList<>();
    for (TemplateVector entry : entries.values()) {
      hits.add(
          new TemplateHit(
              entry.templateId(),
              entry.template(),
              entry.service(),
              Vectors.dot(unit, entry.vector())));
    }
    hits.sort(Comparator.comparingDouble(TemplateHit::score).reversed());
    return List.copyOf(hits.subList(0, Math.min(k, hits.size())));
  }

  @Override
  public synchronized long count() {
    return entries.size();
  }

  @Override
  public synchronized void delete(Collection<String> templateIds) {
    templateIds.forEach(entries::remove);
  }

  @Override
  public void close() {}
}
