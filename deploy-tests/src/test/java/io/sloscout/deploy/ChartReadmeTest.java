package io.sloscout.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The chart README's parameter tables name values that exist. */
class ChartReadmeTest {

  static final Pattern ROW = Pattern.compile("^\\| (`[^|]+) \\|", Pattern.MULTILINE);
  static final Pattern CODE = Pattern.compile("`([^`]+)`");

  @Test
  void everyDocumentedParameterIsInValuesYaml() throws IOException {
    String readme = Files.readString(Repo.CHART.resolve("README.md"), StandardCharsets.UTF_8);
    JsonNode values = YamlFiles.read(Repo.CHART.resolve("values.yaml"));
    List<String> parameters = new ArrayList<>();
    Matcher row = ROW.matcher(readme);
    while (row.find()) {
      Matcher code = CODE.matcher(row.group(1));
      String parent = null;
      while (code.find()) {
        String token = code.group(1);
        if (parent == null) {
          parent = token.contains(".") ? token.substring(0, token.lastIndexOf('.')) : "";
          parameters.add(token);
        } else {
          parameters.add(token.contains(".") ? token : parent + "." + token);
        }
      }
    }

    assertThat(parameters).hasSizeGreaterThan(50);
    assertThat(parameters)
        .allSatisfy(
            p -> {
              JsonNode node = values;
              for (String part : p.split("\\.")) {
                node = node.path(part);
              }
              assertThat(node.isMissingNode())
                  .as("README names %s, which values.yaml lacks", p)
                  .isFalse();
            });
  }
}
