package io.sloscout.core.spec.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sloscout.core.spec.Source.Position;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlReaderTest {

  private static final Path FILE = Path.of("slos.yaml");

  private static final String TWO_DOCS =
      """
      apiVersion: slo-scout.io/v1
      metadata:
        name: checkout
      spec:
        objectives:
          - target: 0.999
            window: 30d
      ---
      # an empty document in between is skipped but counted
      ---
      version: prometheus/v1
      service: cart
      """;

  @Test
  void readsEveryNonEmptyDocumentWithItsIndex() throws Exception {
    List<YamlDocument> docs = YamlReader.read(FILE, TWO_DOCS);

    assertThat(docs).hasSize(2);
    assertThat(docs.get(0).index()).isZero();
    assertThat(docs.get(0).apiVersion()).isEqualTo("slo-scout.io/v1");
    assertThat(docs.get(1).index()).isEqualTo(2);
    assertThat(docs.get(1).apiVersion()).isEqualTo("prometheus/v1");
    assertThat(docs.get(1).file()).isEqualTo(FILE);
  }

  @Test
  void remembersTheLineAndColumnOfEveryValue() throws Exception {
    YamlDocument doc = YamlReader.read(FILE, TWO_DOCS).get(0);

    assertThat(doc.positionOf("/metadata/name")).isEqualTo(new Position(3, 9, "metadata.name"));
    assertThat(doc.positionOf("/spec/objectives/0/target"))
        .isEqualTo(new Position(6, 15, "spec.objectives[0].target"));
    assertThat(doc.positionOf("/spec/objectives/0/window"))
        .isEqualTo(new Position(7, 15, "spec.objectives[0].window"));
    assertThat(YamlReader.read(FILE, TWO_DOCS).get(1).positionOf("/service"))
        .isEqualTo(new Position(12, 10, "service"));
  }

  @Test
  void aMissingFieldFallsBackToItsNearestAncestorWithItsOwnPath() throws Exception {
    YamlDocument doc = YamlReader.read(FILE, TWO_DOCS).get(0);

    assertThat(doc.positionOf("/spec/objectives/0/name"))
        .isEqualTo(new Position(6, 7, "spec.objectives[0].name"));
  }

  @Test
  void fieldPathUsesDotsForKeysAndBracketsForListIndexes() throws Exception {
    YamlDocument doc = YamlReader.read(FILE, TWO_DOCS).get(0);

    assertThat(doc.fieldPath("/spec/objectives/0/target")).isEqualTo("spec.objectives[0].target");
    assertThat(doc.fieldPath("")).isEmpty();
    assertThat(doc.fieldPath("/metadata/a~1b")).isEqualTo("metadata.a/b");
  }

  @Test
  void duplicateKeyFailsAtTheRepeatedKey() {
    assertThatThrownBy(() -> YamlReader.read(FILE, "spec:\n  service: a\n  service: b\n"))
        .isInstanceOfSatisfying(
            YamlReader.YamlSyntaxException.class,
            e -> {
              assertThat(e.getMessage()).isEqualTo("duplicate key 'service' in spec");
              assertThat(e.line()).isEqualTo(3);
              assertThat(e.column()).isEqualTo(3);
            });
  }

  @Test
  void syntaxErrorCarriesItsLocation() {
    assertThatThrownBy(() -> YamlReader.read(FILE, "a: 1\nb: [1, 2\nc: 3\n"))
        .isInstanceOfSatisfying(
            YamlReader.YamlSyntaxException.class,
            e -> {
              assertThat(e.getMessage()).startsWith("invalid YAML: ");
              assertThat(e.line()).isEqualTo(3);
              assertThat(e.column()).isEqualTo(2);
            });
  }

  @Test
  void syntaxErrorsKeepContextAndProblemButNotTheSourceExcerpt() {
    String snake =
        "while parsing a flow sequence\n"
            + " in 'reader', line 1, column 4:\n"
            + "    a: [1, 2\n"
            + "       ^\n"
            + "expected ',' or ']', but got <stream end>\n"
            + " in 'reader', line 2, column 1:\n"
            + "    \n"
            + "    ^\n";
    assertThat(YamlReader.summary(snake))
        .isEqualTo("while parsing a flow sequence: expected ',' or ']', but got <stream end>");
    assertThat(YamlReader.summary(null)).isEqualTo("syntax error");
  }
}
