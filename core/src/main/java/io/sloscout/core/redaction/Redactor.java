package io.sloscout.core.redaction;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import javax.crypto.Mac;

/**
 * Replaces PII and secrets in log bodies, span names and attribute values by typed placeholders
 * ({@code <EMAIL>}) or keyed pseudonyms ({@code <EMAIL:5f2c1a9e0b>}). Immutable and thread-safe.
 *
 * <p>Each text is scanned once for every detector's pre-filter; only detectors whose pre-filter
 * passes run their regex, and the text is rebuilt once from all accepted matches. Where matches
 * overlap, the detector listed first in {@code pii-detectors.yaml} wins.
 */
public final class Redactor {

  /** The placeholder type of attribute values under secret keys. */
  public static final String SECRET = "SECRET";

  private static final int PSEUDONYM_HEX = 10;
  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private final RedactionConfig config;
  private final Detector[] detectors;
  private final long[] literalMasks;
  private final int[][] shapeMinimums; // per detector: pairs of (shape ordinal, minimum)
  private final String[] types;
  private final int[] typeOfDetector;
  private final PreFilter preFilter;
  private final ThreadLocal<Mac> mac;
  private final boolean[] hasKeyGroup;
  // Per thread, one matcher per detector, reset for each text: a matcher and its group arrays
  // were allocated for every detector run, and with the cheap pre-filter that began to show.
  private final ThreadLocal<Matcher[]> matchers;

  /**
   * A redactor for {@code config}.
   *
   * @throws IllegalArgumentException when the config names an unknown detector
   */
  public Redactor(RedactionConfig config) {
    this(config, DetectorCatalog.builtIn());
  }

  Redactor(RedactionConfig config, DetectorCatalog catalog) {
    this.config = Objects.requireNonNull(config, "config");
    List<Detector> enabled = new ArrayList<>();
    for (Detector d : catalog.detectors()) {
      if (config.detectors().isEmpty() || config.detectors().contains(d.name())) {
        enabled.add(d);
      }
    }
    for (String name : config.detectors()) {
      if (!catalog.names().contains(name)) {
        throw new IllegalArgumentException(
            "unknown detector '" + name + "' (known: " + String.join(", ", catalog.names()) + ")");
      }
    }
    this.detectors = enabled.toArray(Detector[]::new);
    List<String> literals = new ArrayList<>();
    for (Detector d : detectors) {
      for (String l : d.literals()) {
        if (!literals.contains(l)) {
          literals.add(l);
        }
      }
    }
    int[] minimums = new int[Shape.values().length];
    for (Detector d : detectors) {
      for (Map.Entry<Shape, Integer> e : d.shapes().entrySet()) {
        int o = e.getKey().ordinal();
        minimums[o] = minimums[o] == 0 ? e.getValue() : Math.min(minimums[o], e.getValue());
      }
    }
    this.preFilter = new PreFilter(literals, minimums);
    this.literalMasks = new long[detectors.length];
    this.shapeMinimums = new int[detectors.length][];
    this.typeOfDetector = new int[detectors.length];
    List<String> typeList = new ArrayList<>();
    if (!typeList.contains(SECRET)) {
      typeList.add(SECRET);
    }
    for (int i = 0; i < detectors.length; i++) {
      Detector d = detectors[i];
      for (String l : d.literals()) {
        literalMasks[i] |= 1L << preFilter.indexOf(l);
      }
      int[] pairs = new int[d.shapes().size() * 2];
      int p = 0;
      for (Map.Entry<Shape, Integer> e : d.shapes().entrySet()) {
        pairs[p++] = e.getKey().ordinal();
        pairs[p++] = e.getValue();
      }
      shapeMinimums[i] = pairs;
      if (!typeList.contains(d.type())) {
        typeList.add(d.type());
      }
      typeOfDetector[i] = typeList.indexOf(d.type());
    }
    this.types = typeList.toArray(String[]::new);
    this.hasKeyGroup = new boolean[detectors.length];
    for (int i = 0; i < detectors.length; i++) {
      hasKeyGroup[i] = detectors[i].hasKeyGroup();
    }
    this.matchers = ThreadLocal.withInitial(this::newMatchers);
    this.mac =
        config.mode() == RedactionMode.HMAC
            ? ThreadLocal.withInitial(config.hmacKey()::newMac)
            : null;
  }

  private Matcher[] newMatchers() {
    Matcher[] out = new Matcher[detectors.length];
    for (int i = 0; i < out.length; i++) {
      // Transparent bounds: searching from a region's start, the look-behinds still see the text
      // before it (with the whole text as region they change nothing).
      out[i] = detectors[i].pattern().matcher("").useTransparentBounds(true);
    }
    return out;
  }

  /** A redactor with {@link RedactionConfig#defaults()}. */
  public static Redactor withDefaults() {
    return new Redactor(RedactionConfig.defaults());
  }

  /** The configuration this redactor applies. */
  public RedactionConfig config() {
    return config;
  }

  /** {@code text} with its PII replaced, and the number of replacements per type. */
  public RedactionResult redact(String text) {
    int[] counts = new int[types.length];
    String out = apply(text, counts);
    return new RedactionResult(out, countsByType(counts));
  }

  /** {@code text} with its PII replaced; the same instance when nothing was found. */
  public String redactText(String text) {
    return apply(text, null);
  }

  /**
   * The attributes with every value redacted, in the input's order: values of allow-listed keys are
   * kept, values of secret keys ({@code password}, {@code authorization}, ...) become {@code
   * <SECRET>} as a whole, other values go through {@link #redactText}. Null values stay.
   */
  public Map<String, String> redactAttributes(Map<String, String> attributes) {
    return redactAttributes(attributes, null);
  }

  /** Like {@link #redactAttributes(Map)}, adding the replacements per type to {@code counts}. */
  public Map<String, String> redactAttributes(
      Map<String, String> attributes, Map<String, Integer> counts) {
    int[] perType = counts == null ? null : new int[types.length];
    Map<String, String> out = new LinkedHashMap<>(Math.max(4, attributes.size() * 2));
    for (Map.Entry<String, String> e : attributes.entrySet()) {
      out.put(e.getKey(), redactAttribute(e.getKey(), e.getValue(), perType));
    }
    if (counts != null) {
      countsByType(perType).forEach((type, n) -> counts.merge(type, n, Integer::sum));
    }
    return Collections.unmodifiableMap(out);
  }

  private String redactAttribute(String key, String value, int[] counts) {
    if (value == null || value.isEmpty() || key == null) {
      return value;
    }
    String k = key.toLowerCase(Locale.ROOT);
    if (config.allowKeys().contains(k)) {
      return value;
    }
    if (isSecretKey(k) && Validator.secretValue(value)) {
      if (counts != null) {
        counts[0]++; // types[0] is SECRET
      }
      return "<" + SECRET + ">";
    }
    return apply(value, counts);
  }

  /** Whether the whole value under attribute key {@code key} is a secret. */
  boolean isSecretKey(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    for (String word : config.secretKeyWords()) {
      if (k.contains(word)) {
        return Validator.secretKey(k);
      }
    }
    return false;
  }

  private String apply(String text, int[] counts) {
    if (text == null || text.isEmpty()) {
      return text;
    }
    PreFilter.Facts facts = preFilter.scan(text);
    if (facts == PreFilter.Facts.NONE) {
      return text; // most lines: no detector's pre-filter passes
    }
    int[] spans = null; // triples: start, end, detector
    int found = 0;
    Matcher[] ms = null;
    for (int di = 0; di < detectors.length; di++) {
      int from = searchFrom(di, facts);
      if (from < 0) {
        continue;
      }
      Detector d = detectors[di];
      boolean hasKey = hasKeyGroup[di];
      if (ms == null) {
        ms = matchers.get();
      }
      Matcher m = ms[di].reset(text);
      if (from > 0) {
        m.region(from, text.length());
      }
      while (m.find()) {
        int start = m.start();
        int end = m.end();
        if (!d.groups().isEmpty()) {
          start = -1;
          for (String g : d.groups()) {
            if (m.start(g) >= 0) {
              start = m.start(g);
              end = m.end(g);
              break;
            }
          }
          if (start < 0) {
            continue;
          }
        }
        end = d.validator().accept(text, m, start, end, hasKey);
        if (end <= start || overlaps(spans, found, start, end)) {
          continue;
        }
        if (spans == null) {
          spans = new int[12];
        } else if (found * 3 == spans.length) {
          spans = java.util.Arrays.copyOf(spans, spans.length * 2);
        }
        spans[found * 3] = start;
        spans[found * 3 + 1] = end;
        spans[found * 3 + 2] = di;
        found++;
      }
      // The matcher outlives this call in its thread: let go of the unredacted text now.
      m.reset("");
    }
    if (found == 0) {
      return text;
    }
    sortByStart(spans, found);
    StringBuilder sb = new StringBuilder(text.length() + 8 * found);
    int at = 0;
    for (int i = 0; i < found; i++) {
      int start = spans[i * 3];
      int end = spans[i * 3 + 1];
      int di = spans[i * 3 + 2];
      sb.append(text, at, start);
      placeholder(sb, detectors[di], text, start, end);
      if (counts != null) {
        counts[typeOfDetector[di]]++;
      }
      at = end;
    }
    sb.append(text, at, text.length());
    return sb.toString();
  }

  /**
   * Where detector {@code di}'s regex must start searching: 0 when a literal passed its pre-filter,
   * just before the first qualifying run when a shape did, -1 when nothing did.
   */
  private int searchFrom(int di, PreFilter.Facts facts) {
    if ((facts.literals() & literalMasks[di]) != 0) {
      return 0;
    }
    int from = -1;
    int[] pairs = shapeMinimums[di];
    for (int p = 0; p < pairs.length; p += 2) {
      if (facts.shapes()[pairs[p]] >= pairs[p + 1]) {
        // A match begins at most two characters before its run: "+1", "(201".
        int start = Math.max(0, facts.starts()[pairs[p]] - 2);
        from = from < 0 ? start : Math.min(from, start);
      }
    }
    return from;
  }

  private static boolean overlaps(int[] spans, int found, int start, int end) {
    for (int i = 0; i < found; i++) {
      if (start < spans[i * 3 + 1] && spans[i * 3] < end) {
        return true;
      }
    }
    return false;
  }

  private static void sortByStart(int[] spans, int found) {
    // Insertion sort: a text rarely holds more than a handful of matches.
    for (int i = 1; i < found; i++) {
      int s = spans[i * 3];
      int e = spans[i * 3 + 1];
      int d = spans[i * 3 + 2];
      int j = i - 1;
      while (j >= 0 && spans[j * 3] > s) {
        spans[(j + 1) * 3] = spans[j * 3];
        spans[(j + 1) * 3 + 1] = spans[j * 3 + 1];
        spans[(j + 1) * 3 + 2] = spans[j * 3 + 2];
        j--;
      }
      spans[(j + 1) * 3] = s;
      spans[(j + 1) * 3 + 1] = e;
      spans[(j + 1) * 3 + 2] = d;
    }
  }

  private void placeholder(StringBuilder sb, Detector d, String text, int start, int end) {
    sb.append('<').append(d.type());
    if (mac != null && d.pseudonym()) {
      sb.append(':');
      appendPseudonym(sb, d, text.substring(start, end));
    }
    sb.append('>');
  }

  private void appendPseudonym(StringBuilder sb, Detector d, String value) {
    String normal = normalize(value, d.normalize());
    Mac m = mac.get();
    // The type is part of the message: the same digits as a phone and as a card differ.
    m.update(d.type().getBytes(StandardCharsets.UTF_8));
    m.update((byte) 0);
    byte[] digest = m.doFinal(normal.getBytes(StandardCharsets.UTF_8));
    for (int i = 0; i < PSEUDONYM_HEX / 2; i++) {
      sb.append(HEX[(digest[i] >> 4) & 0xf]).append(HEX[digest[i] & 0xf]);
    }
  }

  private static String normalize(String value, Detector.Normalization how) {
    String lower = value.toLowerCase(Locale.ROOT);
    if (how == Detector.Normalization.LOWERCASE) {
      return lower;
    }
    StringBuilder sb = new StringBuilder(lower.length());
    for (int i = 0; i < lower.length(); i++) {
      char c = lower.charAt(i);
      if (Character.isLetterOrDigit(c)) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private Map<String, Integer> countsByType(int[] counts) {
    int i0 = 0;
    while (i0 < counts.length && counts[i0] == 0) {
      i0++;
    }
    if (i0 == counts.length) {
      return Map.of(); // most texts hold no PII: no map to build and copy
    }
    Map<String, Integer> out = new LinkedHashMap<>();
    for (int i = 0; i < counts.length; i++) {
      if (counts[i] > 0) {
        out.put(types[i], counts[i]);
      }
    }
    return out;
  }

  /** The placeholder types this redactor can produce, {@code SECRET} first. */
  public Set<String> types() {
    return Set.copyOf(List.of(types));
  }
}
