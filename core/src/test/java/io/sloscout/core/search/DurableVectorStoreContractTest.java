package io.sloscout.core.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The contract kit plus what a store that keeps its entries across close must also do. */
public abstract class DurableVectorStoreContractTest extends VectorStoreContractTest {

  @Test
  void entriesSurviveClosingAndReopening() {
    VectorStore first = open(DIMENSION);
    first.upsert(List.of(entry("a", axis(0)), entry("b", axis(1))));
    first.delete(List.of("b"));
    first.close();

    VectorStore again = track(open(DIMENSION));

    assertThat(again.count()).isEqualTo(1);
    assertThat(again.search(axis(0), 5)).extracting(TemplateHit::templateId).containsExactly("a");
  }

  @Test
  void reopeningWithAnotherDimensionFails() {
    VectorStore first = open(DIMENSION);
    first.upsert(entry("a", axis(0)));
    first.close();

    assertThatThrownBy(() -> track(open(DIMENSION * 2)))
        .isInstanceOf(VectorStoreException.class)
        .hasMessageContaining(String.valueOf(DIMENSION));
  }
}
