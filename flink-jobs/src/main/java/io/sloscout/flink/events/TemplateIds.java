package io.sloscout.flink.events;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The template ids written to {@code slo-scout.events} and the stores: 16 hex digits of a hash of
 * the kind, the service and a stable text (a route template, or the miner's cluster id). The
 * service is part of the id because templates are rows of their service: two services logging the
 * same words have two templates.
 */
public final class TemplateIds {

  private TemplateIds() {}

  /**
   * The id of a template of {@code kind} ("span", "log") of {@code service} keyed by {@code key}.
   */
  public static String of(String kind, String service, String key) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
    sha.update(kind.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    sha.update(service.getBytes(StandardCharsets.UTF_8));
    sha.update((byte) 0);
    byte[] d = sha.digest(key.getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(d, 0, 8);
  }
}
