package io.sloscout.core.spec.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.sloscout.core.generation.GenerationOptions;
import io.sloscout.core.spec.Diagnostic;
import io.sloscout.core.spec.Slo;
import io.sloscout.core.spec.SpecSet;
import io.sloscout.core.validation.SloValidator;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExampleSpecsTest {

  private static final Path EXAMPLES = Path.of("..", "examples", "slos");

  @Test
  void nativeExamplesLoadWithoutFindings() {
    SpecSet set = new SpecLoader().load(List.of(EXAMPLES.resolve("native")));

    assertThat(set.diagnostics()).extracting(Diagnostic::format).isEmpty();
    assertThat(new SloValidator().validate(set, GenerationOptions.defaults())).isEmpty();
    assertThat(set.slos())
        .extracting(Slo::id)
        .containsExactly(
            "auth-login-latency",
            "catalog-api-availability-monthly",
            "catalog-api-availability-weekly",
            "checkout-availability",
            "checkout-latency");
  }

  @Test
  void slothExamplesLoadWithoutFindings() {
    SpecSet set = new SpecLoader().load(List.of(EXAMPLES.resolve("sloth")));

    assertThat(set.diagnostics()).extracting(Diagnostic::format).isEmpty();
    assertThat(new SloValidator().validate(set, GenerationOptions.defaults())).isEmpty();
    assertThat(set.slos())
        .extracting(Slo::id)
        .containsExactly(
            "auth-token-availability", "cart-requests-availability", "cart-requests-latency");
  }
}
