package io.sloscout.core.fingerprint;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An online template miner for log messages and span names: one pass, bounded memory, stable ids.
 *
 * <p><b>How a message is placed.</b> The message is split at whitespace and its variable parts are
 * masked by generic rules ({@link TokenMasker}: numbers, ids, IPs, paths, host names, key=value
 * values, …). Clusters are indexed by token count and first word; a message joins the cluster of
 * its length that it fits best, if it repeats at least {@link MinerConfig#similarity()} of the
 * template's words (default 1.0: all of them — in logs, one differing word usually is another
 * event, "VM Paused" against "VM Resumed"). Positions where neither side has a letter (masked
 * values, punctuation) are always compatible; where they differ the template takes {@code <*>}
 * there: templates only ever generalise.
 *
 * <p><b>Stable ids.</b> A cluster's id is a 64-bit hash of the masked tokens of the message that
 * created it (and so of their count). It never changes while the cluster generalises, does not
 * depend on how many clusters came before, and a cluster evicted and created again from the same
 * message gets the same id. Because masking removes most variable parts, the first message of an
 * event type usually masks to the same tokens whichever occurrence comes first; where a variable
 * escapes masking (a bare user name, say) the id depends on the value the cluster started with.
 *
 * <p><b>Bounded memory.</b> At most {@link MinerConfig#maxClusters()} clusters, each of at most
 * {@link MinerConfig#maxTokens()} tokens cut from the first {@link MinerConfig#maxMessageChars()}
 * characters; beyond the cluster cap the least recently used cluster is evicted.
 *
 * <p><b>Threads.</b> Not thread-safe: use one miner per thread or per key, or synchronise
 * externally. {@link #snapshot()} returns an immutable value that may cross threads.
 */
public final class TemplateMiner {

  private static final String WILDCARD = TokenMasker.WILDCARD;

  private final MinerConfig config;

  /** All clusters by id, in access order: the first one is the next to evict. */
  private final LinkedHashMap<String, Cluster> clusters = new LinkedHashMap<>(64, 0.75f, true);

  private final Map<Integer, LengthBucket> byLength = new HashMap<>();

  /** A miner with {@link MinerConfig#DEFAULTS}. */
  public TemplateMiner() {
    this(MinerConfig.DEFAULTS);
  }

  /** A miner with the given limits. */
  public TemplateMiner(MinerConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /** A miner in exactly the state {@code snapshot} was taken in. */
  public static TemplateMiner restore(Snapshot snapshot) {
    TemplateMiner miner = new TemplateMiner(snapshot.config());
    for (Template t : snapshot.clusters()) {
      String[] tokens = t.template().isEmpty() ? new String[0] : t.template().split(" ", -1);
      for (int i = 0; i < tokens.length; i++) {
        if (tokens[i].equals(WILDCARD)) {
          tokens[i] = WILDCARD; // the miner compares wildcards by identity
        }
      }
      Cluster c = new Cluster(t.id(), tokens, t.count());
      miner.clusters.put(c.id, c);
      miner.bucket(tokens.length).add(c);
    }
    miner.evictBeyondCap();
    return miner;
  }

  /** The limits this miner runs with. */
  public MinerConfig config() {
    return config;
  }

  /** Places {@code message} in a cluster, learning from it, and returns the cluster. */
  public Match add(String message) {
    String[] tokens = TokenMasker.tokens(message, config.maxTokens(), config.maxMessageChars());
    LengthBucket bucket = bucket(tokens.length);
    Cluster best = bucket.find(tokens, wordFlags(tokens), config.similarity());
    if (best == null) {
      best = create(tokens, bucket);
    } else {
      clusters.get(best.id); // marks it as recently used
      String oldFirst = best.firstKey();
      if (best.generalise(tokens) && !oldFirst.equals(best.firstKey())) {
        bucket.move(best, oldFirst);
      }
    }
    best.count++;
    return new Match(best.id, best.template());
  }

  /** The cluster {@code message} would join, without learning from it; empty when none would. */
  public Optional<Match> match(String message) {
    String[] tokens = TokenMasker.tokens(message, config.maxTokens(), config.maxMessageChars());
    LengthBucket bucket = byLength.get(tokens.length);
    Cluster best =
        bucket == null ? null : bucket.find(tokens, wordFlags(tokens), config.similarity());
    return best == null ? Optional.empty() : Optional.of(new Match(best.id, best.template()));
  }

  /** The current clusters, sorted by id. */
  public List<Template> templates() {
    List<Template> out = new ArrayList<>(clusters.size());
    for (Cluster c : clusters.values()) {
      out.add(c.toTemplate());
    }
    out.sort(Comparator.comparing(Template::id));
    return out;
  }

  /**
   * The template of cluster {@code id}, empty when there is no such cluster (or it was evicted).
   */
  public Optional<Template> template(String id) {
    for (Cluster c : clusters.values()) { // no get(): reading must not change the eviction order
      if (c.id.equals(id)) {
        return Optional.of(c.toTemplate());
      }
    }
    return Optional.empty();
  }

  /** Clusters held now. */
  public int size() {
    return clusters.size();
  }

  /** The whole state as a value; see {@link #restore(Snapshot)}. */
  public Snapshot snapshot() {
    List<Template> out = new ArrayList<>(clusters.size());
    for (Cluster c : clusters.values()) {
      out.add(c.toTemplate());
    }
    return new Snapshot(config, out);
  }

  private Cluster create(String[] tokens, LengthBucket bucket) {
    String id = ClusterIds.of(tokens);
    // A 64-bit collision is unlikely but must not merge two clusters; salting is deterministic.
    for (int salt = 1; clusters.containsKey(id); salt++) {
      id = ClusterIds.of(tokens, salt);
    }
    Cluster c = new Cluster(id, tokens.clone(), 0);
    clusters.put(id, c);
    bucket.add(c);
    evictBeyondCap();
    return c;
  }

  private void evictBeyondCap() {
    Iterator<Cluster> it = clusters.values().iterator();
    while (clusters.size() > config.maxClusters() && it.hasNext()) {
      Cluster victim = it.next();
      it.remove();
      LengthBucket b = byLength.get(victim.tokens.length);
      b.remove(victim);
      if (b.isEmpty()) {
        byLength.remove(victim.tokens.length);
      }
    }
  }

  private LengthBucket bucket(int length) {
    return byLength.computeIfAbsent(length, k -> new LengthBucket());
  }

  /** The index key of a token sequence: its first token, or {@code <*>} when that is no word. */
  static String firstKeyOf(String[] tokens) {
    if (tokens.length == 0) {
      return "";
    }
    return TokenMasker.hasLetter(tokens[0]) ? tokens[0] : WILDCARD;
  }

  static boolean[] wordFlags(String[] tokens) {
    boolean[] w = new boolean[tokens.length];
    for (int i = 0; i < tokens.length; i++) {
      w[i] = tokens[i] != WILDCARD && TokenMasker.hasLetter(tokens[i]);
    }
    return w;
  }

  /** A cluster: its id, its template tokens and its size. */
  private static final class Cluster {
    final String id;
    final String[] tokens;
    long count;
    private String template;

    /** Whether each template token holds a letter; only words are evidence of an event type. */
    final boolean[] words;

    Cluster(String id, String[] tokens, long count) {
      this.id = id;
      this.tokens = tokens;
      this.count = count;
      this.words = wordFlags(tokens);
    }

    String firstKey() {
      return firstKeyOf(tokens);
    }

    /**
     * How well {@code line} fits: the share of the template's word positions (tokens with letters)
     * that the line repeats. Positions where the template has {@code <*>}, or neither side has a
     * letter, are compatible and do not count; {@code -1} when a word differs from a non-word.
     */
    double similarity(String[] line, boolean[] lineWords) {
      int n = tokens.length;
      int same = 0;
      int differ = 0;
      for (int i = 0; i < n; i++) {
        String t = tokens[i];
        if (t == WILDCARD) {
          // a variable learned from non-words does not stand for a word: a word is evidence
          if (lineWords[i]) {
            differ++;
          }
          continue;
        }
        if (t.equals(line[i])) {
          if (words[i]) {
            same++;
          }
        } else if (words[i] || lineWords[i]) {
          differ++;
        }
      }
      return same + differ == 0 ? 1.0 : (double) same / (same + differ);
    }

    /** Tokens equal to the line's, the tie-breaker between equally similar clusters. */
    int exact(String[] line) {
      int e = 0;
      for (int i = 0; i < tokens.length; i++) {
        if (tokens[i].equals(line[i])) {
          e++;
        }
      }
      return e;
    }

    /** Turns every position where {@code line} differs into a wildcard; true when any did. */
    boolean generalise(String[] line) {
      boolean changed = false;
      for (int i = 0; i < tokens.length; i++) {
        if (tokens[i] != WILDCARD && !tokens[i].equals(line[i])) {
          tokens[i] = WILDCARD;
          words[i] = false;
          changed = true;
        }
      }
      if (changed) {
        template = null;
      }
      return changed;
    }

    String template() {
      if (template == null) {
        template = String.join(" ", tokens);
      }
      return template;
    }

    Template toTemplate() {
      return new Template(id, template(), count);
    }
  }

  /** The clusters of one token count, indexed by their first token. */
  private static final class LengthBucket {
    private final Map<String, List<Cluster>> byFirst = new HashMap<>();
    private final List<Cluster> wildFirst = new ArrayList<>();
    private int size;

    void add(Cluster c) {
      listFor(c.firstKey()).add(c);
      size++;
    }

    void remove(Cluster c) {
      List<Cluster> list = listFor(c.firstKey());
      list.remove(c);
      if (list.isEmpty() && list != wildFirst) {
        byFirst.remove(c.firstKey());
      }
      size--;
    }

    void move(Cluster c, String oldFirst) {
      List<Cluster> old = listFor(oldFirst);
      old.remove(c);
      if (old.isEmpty() && old != wildFirst) {
        byFirst.remove(oldFirst);
      }
      listFor(c.firstKey()).add(c);
    }

    boolean isEmpty() {
      return size == 0;
    }

    /** Clusters whose first token is a word are indexed by it; the others share one list. */
    private List<Cluster> listFor(String first) {
      return first.equals(WILDCARD)
          ? wildFirst
          : byFirst.computeIfAbsent(first, k -> new ArrayList<>(2));
    }

    Cluster find(String[] line, boolean[] lineWords, double threshold) {
      String first = firstKeyOf(line);
      List<Cluster> same = first.equals(WILDCARD) ? null : byFirst.get(first);
      Cluster best = null;
      double bestSim = -1;
      int bestExact = -1;
      for (int pass = 0; pass < 2; pass++) {
        List<Cluster> list = pass == 0 ? same : wildFirst;
        if (list == null) {
          continue;
        }
        for (Cluster c : list) {
          double s = c.similarity(line, lineWords);
          if (s < threshold || s < bestSim) {
            continue;
          }
          int e = c.exact(line);
          if (s > bestSim || e > bestExact) {
            best = c;
            bestSim = s;
            bestExact = e;
          }
        }
      }
      return best;
    }
  }
}
