package io.sloscout.core.redaction;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret key of HMAC pseudonyms, read from the environment or a mounted file, never from code.
 */
public final class HmacKey {

  /** The environment variable the CLI and the services read the key from by default. */
  public static final String ENV = "SLO_SCOUT_REDACTION_KEY";

  /** Shorter keys make pseudonyms guessable by brute force over the key. */
  public static final int MIN_BYTES = 16;

  private static final String ALGORITHM = "HmacSHA256";

  private final byte[] bytes;

  private HmacKey(byte[] bytes, String source) {
    if (bytes.length < MIN_BYTES) {
      throw new IllegalArgumentException(
          source
              + ": the HMAC key must be at least "
              + MIN_BYTES
              + " bytes (got "
              + bytes.length
              + ")");
    }
    this.bytes = bytes.clone();
  }

  /**
   * The key in {@code variable} of {@code env} (UTF-8 bytes, surrounding blanks dropped).
   *
   * @throws IllegalArgumentException naming the variable when it is unset or too short
   */
  public static HmacKey fromEnvironment(Map<String, String> env, String variable) {
    String value = env.get(variable);
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(
          "environment variable " + variable + " is not set (it must hold the HMAC key)");
    }
    return new HmacKey(value.strip().getBytes(StandardCharsets.UTF_8), "$" + variable);
  }

  /**
   * The key held in {@code file} (its bytes, a trailing newline dropped).
   *
   * @throws IllegalArgumentException naming the file when it cannot be read or is too short
   */
  public static HmacKey fromFile(Path file) {
    byte[] content;
    try {
      content = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new IllegalArgumentException(file + ": cannot read the HMAC key file: " + e, e);
    }
    int end = content.length;
    // Files written by editors and `echo` end with a newline that is not part of the key.
    while (end > 0 && (content[end - 1] == '\n' || content[end - 1] == '\r')) {
      end--;
    }
    return new HmacKey(Arrays.copyOf(content, end), file.toString());
  }

  /** A key from bytes the caller obtained from a secret store; tests use it too. */
  static HmacKey ofBytes(byte[] bytes) {
    return new HmacKey(bytes, "key");
  }

  /** A new, initialised HMAC-SHA256 (a {@link Mac} is not thread-safe: one per thread). */
  Mac newMac() {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(bytes, ALGORITHM));
      return mac;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
    }
  }

  @Override
  public String toString() {
    return "HmacKey[" + bytes.length + " bytes]";
  }
}
