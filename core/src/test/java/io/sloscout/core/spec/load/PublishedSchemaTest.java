package io.sloscout.core.spec.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class PublishedSchemaTest {

  @Test
  void publishedCopyIsTheSchemaTheParserUses() throws IOException {
    Path used = Path.of("src/main/resources/io/sloscout/core/spec", NativeSpecParser.SCHEMA_NAME);
    Path published = Path.of("..", "schemas", NativeSpecParser.SCHEMA_NAME);

    assertThat(Files.readString(published))
        .as("schemas/%s must be a copy of %s", NativeSpecParser.SCHEMA_NAME, used)
        .isEqualTo(Files.readString(used));
  }
}
