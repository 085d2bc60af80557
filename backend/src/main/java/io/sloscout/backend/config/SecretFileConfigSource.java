package io.sloscout.backend.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Secrets from mounted files: {@code SLO_SCOUT_DB_PASSWORD_FILE} names a file whose content (the
 * whole file, stripped) becomes {@code quarkus.datasource.password}, as the jobs read it. Ordinal
 * 275: above {@code application.properties} and below environment variables.
 */
public final class SecretFileConfigSource implements ConfigSource {

  private static final Map<String, String> FILES =
      Map.of("SLO_SCOUT_DB_PASSWORD_FILE", "quarkus.datasource.password");

  private final Map<String, String> values;

  public SecretFileConfigSource() {
    this(System.getenv());
  }

  SecretFileConfigSource(Map<String, String> env) {
    Map<String, String> v = new HashMap<>();
    FILES.forEach(
        (variable, property) -> {
          String file = env.get(variable);
          if (file != null && !file.isBlank()) {
            try {
              v.put(property, Files.readString(Path.of(file), StandardCharsets.UTF_8).strip());
            } catch (IOException e) {
              // name the variable, never the content
              throw new UncheckedIOException(variable + ": cannot read " + file, e);
            }
          }
        });
    this.values = Map.copyOf(v);
  }

  @Override
  public Set<String> getPropertyNames() {
    return values.keySet();
  }

  @Override
  public String getValue(String propertyName) {
    return values.get(propertyName);
  }

  @Override
  public String getName() {
    return "slo-scout-secret-files";
  }

  @Override
  public int getOrdinal() {
    return 275;
  }
}
