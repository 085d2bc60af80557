package io.sloscout.backend.health;

import io.sloscout.backend.search.TemplateIndex;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/** Ready when the embedder is loaded and the vector index is open. */
@Readiness
@ApplicationScoped
public class VectorStoreHealthCheck implements HealthCheck {

  private final TemplateIndex index;

  public VectorStoreHealthCheck(TemplateIndex index) {
    this.index = index;
  }

  @Override
  public HealthCheckResponse call() {
    HealthCheckResponseBuilder b = HealthCheckResponse.named("vector-store");
    if (index.isOpen()) {
      return b.up().withData("templates", index.count()).build();
    }
    String why = index.failure();
    return b.down().withData("reason", why == null ? "not open yet" : why).build();
  }
}
