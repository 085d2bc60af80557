package io.sloscout.flink.config;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a secret is read from when an operator opens: a mounted file, or an environment variable of
 * the task's process. Only the reference travels in the job graph. A literal {@code value} exists
 * for the in-process all-in-one mode, whose embedded servers make up their own credentials;
 * configuration files cannot set it.
 *
 * @param file a file holding the secret (surrounding blanks dropped), or null
 * @param env an environment variable holding it, or null
 * @param value the secret itself, or null
 */
public record SecretRef(String file, String env, String value) implements Serializable {

  /** No secret: the server trusts the connection. */
  public static final SecretRef NONE = new SecretRef(null, null, null);

  /** A secret in this environment variable. */
  public static SecretRef env(String variable) {
    return new SecretRef(null, variable, null);
  }

  /** A secret in this file. */
  public static SecretRef file(String path) {
    return new SecretRef(path, null, null);
  }

  /** A secret given in code (in-process servers only). */
  public static SecretRef literal(String value) {
    return new SecretRef(null, null, value);
  }

  /**
   * The secret: from the file when set, else the variable when set and present, else the literal;
   * null when none gives one.
   *
   * @throws UncheckedIOException when the file cannot be read
   */
  public String resolve() {
    if (file != null && !file.isBlank()) {
      try {
        return Files.readString(Path.of(file), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new UncheckedIOException("secret file " + file + " cannot be read", e);
      }
    }
    if (env != null && !env.isBlank()) {
      String v = System.getenv(env);
      if (v != null) {
        return v;
      }
    }
    return value;
  }

  /** Never prints the secret. */
  @Override
  public String toString() {
    if (file != null) {
      return "SecretRef[file=" + file + "]";
    }
    if (env != null) {
      return "SecretRef[env=" + env + "]";
    }
    return value == null ? "SecretRef[none]" : "SecretRef[***]";
  }
}
