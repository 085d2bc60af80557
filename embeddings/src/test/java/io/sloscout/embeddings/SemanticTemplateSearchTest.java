package io.sloscout.embeddings;

import static org.assertj.core.api.Assertions.assertThat;

import io.sloscout.core.search.TemplateDocument;
import io.sloscout.core.search.TemplateHit;
import io.sloscout.core.search.TemplateSearch;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Semantic search over log templates with the real model and the Lucene store. */
class SemanticTemplateSearchTest {

  private static final List<TemplateDocument> TEMPLATES =
      List.of(
          doc("pay-1", "Payment <*> declined by issuer: insufficient funds", "payment-service"),
          doc("pay-2", "Payment <*> captured for order <*> amount <*> EUR", "payment-service"),
          doc("pay-3", "Refund <*> issued to customer <*>", "payment-service"),
          doc("chk-1", "Checkout session <*> started for cart <*>", "checkout-service"),
          doc("chk-2", "Order <*> placed with <*> items", "checkout-service"),
          doc("cart-1", "Item <*> added to cart <*>", "cart-service"),
          doc("cart-2", "Cart <*> expired after <*> minutes of inactivity", "cart-service"),
          doc("auth-1", "User <*> logged in from <IP>", "auth-service"),
          doc("auth-2", "Invalid password for user <*>, attempt <*> of <*>", "auth-service"),
          doc("auth-3", "JWT token expired for session <*>", "auth-service"),
          doc("inv-1", "Stock level for SKU <*> below threshold <*>", "inventory-service"),
          doc("inv-2", "Reserved <*> units of SKU <*> for order <*>", "inventory-service"),
          doc("ship-1", "Shipment <*> handed to carrier <*>", "shipping-service"),
          doc("ship-2", "Address validation failed for postcode <*>", "shipping-service"),
          doc("db-1", "Connection pool exhausted: <*> active, <*> waiting", "orders-db-proxy"),
          doc(
              "db-2",
              "Slow query took <*> ms: SELECT * FROM orders WHERE id = <*>",
              "orders-db-proxy"),
          doc("node-1", "Disk usage at <*> percent on volume <*>", "node-agent"),
          doc("node-2", "GC pause of <*> ms exceeded budget", "node-agent"),
          doc("gw-1", "GET <*> returned 503 Service Unavailable upstream <*>", "api-gateway"),
          doc("gw-2", "Rate limit exceeded for client <*>", "api-gateway"),
          doc("mail-1", "Email receipt for order <*> queued", "notification-service"));

  @TempDir static Path indexDir;

  private static DjlEmbedder embedder;
  private static LuceneVectorStore store;
  private static TemplateSearch search;

  @BeforeAll
  static void indexTemplates() {
    embedder = DjlEmbedder.open();
    store = LuceneVectorStore.open(indexDir, embedder.dimension());
    search = new TemplateSearch(embedder, store);
    search.index(TEMPLATES);
  }

  @AfterAll
  static void close() {
    store.close();
    embedder.close();
  }

  @Test
  void paymentDeclinedFindsThePaymentFailureTemplateBeforeUnrelatedOnes() {
    List<TemplateHit> hits = search.search("payment declined", TEMPLATES.size());

    TemplateHit best = hits.get(0);
    assertThat(best.templateId()).isEqualTo("pay-1");
    assertThat(best.template()).isEqualTo("Payment <*> declined by issuer: insufficient funds");
    assertThat(best.service()).isEqualTo("payment-service");
    // the other payment templates follow; everything else is far behind
    assertThat(hits.subList(0, 3)).allMatch(hit -> hit.service().equals("payment-service"));
    assertThat(hits)
        .filteredOn(hit -> !hit.service().equals("payment-service"))
        .allMatch(hit -> hit.score() < best.score() - 0.25);
  }

  @Test
  void otherQueriesFindTheirTemplatesByMeaningNotByWords() {
    assertThat(search.search("disk almost full", 1).get(0).templateId()).isEqualTo("node-1");
    assertThat(search.search("wrong credentials on sign in", 1).get(0).templateId())
        .isEqualTo("auth-2");
    assertThat(search.search("database connections used up", 1).get(0).templateId())
        .isEqualTo("db-1");
    assertThat(search.search("too many requests throttled", 1).get(0).templateId())
        .isEqualTo("gw-2");
  }

  @Test
  void reindexingATemplateReplacesItInsteadOfAddingAnother() {
    search.index(List.of(TEMPLATES.get(0)));

    assertThat(store.count()).isEqualTo(TEMPLATES.size());
    assertThat(ids(search.search("payment declined", TEMPLATES.size())))
        .containsOnlyOnce("pay-1")
        .hasSize(TEMPLATES.size());
  }

  private static List<String> ids(List<TemplateHit> hits) {
    return hits.stream().map(TemplateHit::templateId).toList();
  }

  private static TemplateDocument doc(String id, String template, String service) {
    return new TemplateDocument(id, template, service);
  }
}
