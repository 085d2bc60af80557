package io.sloscout.core.spec.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.sloscout.core.spec.Diagnostic;
import io.sloscout.core.spec.Slo;
import io.sloscout.core.spec.SpecSet;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class OpenSloExamplesTest {

  @Test
  void theOpenSloExamplesLoadWithoutErrors() {
    SpecSet set = new SpecLoader().load(List.of(Path.of("../examples/slos/openslo")));

    assertThat(set.errors()).extracting(Diagnostic::format).isEmpty();
    assertThat(set.slos())
        .extracting(Slo::id)
        .containsExactlyInAnyOrder(
            "search-search-availability",
            "payments-payment-authorisations",
            "search-search-latency-p99",
            "shipping-shipping-quotes-0",
            "shipping-shipping-quotes-1");
    // The only expected finding is the note that a calendar month is evaluated as 30 rolling days.
    assertThat(set.warnings())
        .singleElement()
        .satisfies(w -> assertThat(w.message()).contains("calendar-aligned period 1M"));
  }
}
