package io.sloscout.core.search;

import io.sloscout.core.embedding.Embedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/** Semantic search over log and span templates: embeds templates and queries with one model. */
public final class TemplateSearch {

  private static final Pattern VARIABLE = Pattern.compile("<\\*>");
  private static final Pattern SPACES = Pattern.compile("\\s+");

  private final Embedder embedder;
  private final VectorStore store;

  /**
   * Search through this store with this embedder.
   *
   * @throws IllegalArgumentException if their dimensions differ
   */
  public TemplateSearch(Embedder embedder, VectorStore store) {
    this.embedder = Objects.requireNonNull(embedder, "embedder");
    this.store = Objects.requireNonNull(store, "store");
    if (embedder.dimension() != store.dimension()) {
      throw new IllegalArgumentException(
          "embedder dimension "
              + embedder.dimension()
              + " differs from store dimension "
              + store.dimension());
    }
  }

  /** Embeds the templates in one batch and adds or replaces them in the store. */
  public void index(List<TemplateDocument> templates) {
    if (templates.isEmpty()) {
      return;
    }
    List<String> texts = new ArrayList<>(templates.size());
    for (TemplateDocument template : templates) {
      texts.add(embeddingText(template.template()));
    }
    List<float[]> vectors = embedder.embed(texts);
    List<TemplateVector> entries = new ArrayList<>(templates.size());
    for (int i = 0; i < templates.size(); i++) {
      TemplateDocument template = templates.get(i);
      entries.add(
          new TemplateVector(
              template.templateId(), template.template(), template.service(), vectors.get(i)));
    }
    store.upsert(entries);
  }

  /**
   * The at most {@code k} templates closest in meaning to the query, best first.
   *
   * @throws IllegalArgumentException if the query is blank or k is not positive
   */
  public List<TemplateHit> search(String query, int k) {
    if (query.isBlank()) {
      throw new IllegalArgumentException("query is blank");
    }
    VectorStores.checkK(k);
    return store.search(embedder.embed(query.strip()), k);
  }

  /**
   * The text embedded for a template: variables carry no meaning, and their {@code <*>} tokens
   * would pull unrelated templates together, so they are dropped.
   */
  public static String embeddingText(String template) {
    String text =
        SPACES.matcher(VARIABLE.matcher(template).replaceAll(" ")).replaceAll(" ").strip();
    // a template made only of variables still needs some text to embed
    return text.isEmpty() ? template.strip() : text;
  }
}
