package io.sloscout.flink.sink;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Expensive clients shared by the operators of one JVM, counted by reference: on a MiniCluster or a
 * TaskManager with several slots, the subtasks of all jobs share one connection pool per database,
 * one model, and one Lucene index per folder (Lucene allows one writer per folder).
 */
public final class SharedResources {

  private static final Map<String, Entry> ENTRIES = new HashMap<>();

  private SharedResources() {}

  private static final class Entry {
    final AutoCloseable resource;
    int users;

    Entry(AutoCloseable resource) {
      this.resource = resource;
    }
  }

  /** The resource under {@code key}, opened by {@code open} for its first user. */
  public static synchronized <T extends AutoCloseable> T acquire(String key, Supplier<T> open) {
    Entry e = ENTRIES.get(key);
    if (e == null) {
      e = new Entry(open.get());
      ENTRIES.put(key, e);
    }
    e.users++;
    @SuppressWarnings("unchecked")
    T resource = (T) e.resource;
    return resource;
  }

  /** The resource under {@code key} if some user holds it now, else null. */
  public static synchronized <T extends AutoCloseable> T peek(String key, Class<T> type) {
    Entry e = ENTRIES.get(key);
    return e == null ? null : type.cast(e.resource);
  }

  /** Gives one use back; the last user's release closes the resource. */
  public static synchronized void release(String key) {
    Entry e = ENTRIES.get(key);
    if (e == null) {
      return;
    }
    if (--e.users == 0) {
      ENTRIES.remove(key);
      try {
        e.resource.close();
      } catch (Exception ex) {
        // closing a client of a store we no longer use: nothing left to do about it
      }
    }
  }
}
