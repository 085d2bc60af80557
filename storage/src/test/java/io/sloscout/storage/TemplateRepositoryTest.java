package io.sloscout.storage;

import static io.sloscout.storage.Fixtures.T0;
import static io.sloscout.storage.Fixtures.minute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sloscout.storage.testing.StorageExtension;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(StorageExtension.class)
class TemplateRepositoryTest {

  private static TemplateRepository templates;

  @BeforeAll
  static void open(Database database) {
    templates = database.templates();
  }

  @Test
  void templatesRoundTripWithWidenedSeenTimesAndTheLatestCount() {
    templates.upsertTemplates(
        List.of(
            new TemplateRow(
                "t-1", "cart", TemplateKind.LOG, "user <*> added item", minute(2), minute(3), 5)));
    templates.upsertTemplates(
        List.of(
            new TemplateRow(
                "t-1", "cart", TemplateKind.LOG, "user <*> added <*>", T0, minute(9), 12)));

    assertThat(templates.find("t-1"))
        .contains(
            new TemplateRow(
                "t-1", "cart", TemplateKind.LOG, "user <*> added <*>", T0, minute(9), 12));
    assertThat(templates.find("t-unknown")).isEmpty();
  }

  @Test
  void byServiceListsTheMostFrequentFirst() {
    templates.upsertTemplates(
        List.of(
            new TemplateRow("t-rare", "payment", TemplateKind.LOG, "retry <*>", T0, T0, 2),
            new TemplateRow("t-common", "payment", TemplateKind.SPAN, "POST /charge", T0, T0, 90),
            new TemplateRow("t-other", "shipping", TemplateKind.LOG, "quote <*>", T0, T0, 7)));

    assertThat(templates.byService("payment"))
        .extracting(TemplateRow::templateId)
        .containsExactly("t-common", "t-rare");
  }

  @Test
  void countsAreAbsoluteSoAReplayDoesNotDoubleThem() {
    List<TemplateCount> minuteCounts =
        List.of(
            new TemplateCount("t-count", minute(1), 40),
            new TemplateCount("t-count", minute(2), 3));
    templates.upsertCounts(minuteCounts);
    templates.upsertCounts(minuteCounts);

    assertThat(templates.counts("t-count", T0, minute(10))).isEqualTo(minuteCounts);

    templates.upsertCounts(List.of(new TemplateCount("t-count", minute(2), 4)));
    assertThat(templates.counts("t-count", T0, minute(10)))
        .extracting(TemplateCount::count)
        .containsExactly(40L, 4L);
  }

  @Test
  void aTemplateIdCannotMoveToAnotherService() {
    templates.upsertTemplates(
        List.of(new TemplateRow("t-owned", "search", TemplateKind.LOG, "query <*>", T0, T0, 1)));

    assertThatThrownBy(
            () ->
                templates.upsertTemplates(
                    List.of(
                        new TemplateRow("t-new", "ads", TemplateKind.LOG, "ad <*>", T0, T0, 1),
                        new TemplateRow(
                            "t-owned", "ads", TemplateKind.LOG, "query <*>", T0, T0, 3))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("templateId t-owned is stored for service search");
    // the whole call was rolled back
    assertThat(templates.find("t-new")).isEmpty();
    assertThat(templates.find("t-owned").orElseThrow().exampleCount()).isEqualTo(1);
  }

  @Test
  void badInputNamesTheField() {
    assertThatThrownBy(() -> new TemplateCount("t", minute(1), -1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("count must not be negative");
    assertThatThrownBy(() -> new TemplateRow(null, "s", TemplateKind.LOG, "x", T0, T0, 0))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("templateId");
    assertThatThrownBy(() -> new TemplateRow("t", "s", TemplateKind.LOG, "x", minute(2), T0, 0))
        .hasMessageContaining("firstSeen must not be after lastSeen");
    assertThatThrownBy(() -> templates.upsertCounts(null))
        .isInstanceOf(NullPointerException.class)
        .hasMessageContaining("counts");
  }
}
