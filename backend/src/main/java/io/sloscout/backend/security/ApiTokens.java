package io.sloscout.backend.security;

import io.sloscout.backend.config.BackendConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.jboss.logging.Logger;

/**
 * The accepted API tokens, known only by their SHA-256 hashes: from {@code
 * slo-scout.auth.token-hashes} (environment: {@code SLO_SCOUT_AUTH_TOKEN_HASHES}) and the lines of
 * {@code slo-scout.auth.token-hash-file}. Make a hash with {@code printf %s "$TOKEN" | sha256sum}.
 */
@ApplicationScoped
public class ApiTokens {

  private static final Logger LOG = Logger.getLogger(ApiTokens.class);
  private static final HexFormat HEX = HexFormat.of();

  private final List<byte[]> hashes;

  public ApiTokens(BackendConfig config) {
    List<String> hex = new ArrayList<>(config.auth().tokenHashes().orElse(List.of()));
    config
        .auth()
        .tokenHashFile()
        .ifPresent(
            file -> {
              try {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                  String l = line.strip();
                  if (!l.isEmpty() && !l.startsWith("#")) {
                    hex.add(l);
                  }
                }
              } catch (IOException e) {
                throw new UncheckedIOException("cannot read slo-scout.auth.token-hash-file", e);
              }
            });
    List<byte[]> parsed = new ArrayList<>();
    for (String h : hex) {
      String s = h.strip().toLowerCase(Locale.ROOT);
      if (s.startsWith("sha256:")) {
        s = s.substring("sha256:".length());
      }
      if (!s.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException(
            "slo-scout.auth: a token hash is not 64 hex digits (SHA-256); store hashes, not tokens");
      }
      parsed.add(HEX.parseHex(s));
    }
    this.hashes = List.copyOf(parsed);
    if (hashes.isEmpty()) {
      LOG.warn(
          "no API token hashes configured (slo-scout.auth.token-hashes): every write is refused");
    }
  }

  /** Whether {@code token} is one of the accepted tokens; compares in constant time. */
  public boolean accepts(String token) {
    if (token == null || token.isEmpty()) {
      return false;
    }
    byte[] hash = sha256(token);
    boolean found = false;
    for (byte[] h : hashes) {
      // no early exit: the time taken does not tell which token nearly matched
      found |= MessageDigest.isEqual(h, hash);
    }
    return found;
  }

  /** The SHA-256 of a token's UTF-8 bytes, as stored. */
  public static byte[] sha256(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  /** The hex SHA-256 of a token, the form the configuration takes. */
  public static String sha256Hex(String token) {
    return HEX.formatHex(sha256(token));
  }
}
