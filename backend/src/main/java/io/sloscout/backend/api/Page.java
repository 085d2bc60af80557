package io.sloscout.backend.api;

import io.sloscout.backend.problem.ProblemException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * One page of a list, the shape of every list in the API: {@code {items: [...], next}}; {@code
 * next} is the cursor of the following page, null on the last one.
 */
public record Page<T>(List<T> items, String next) {

  /** The default page size. */
  public static final int DEFAULT_LIMIT = 100;

  /** The largest page a client may ask for. */
  public static final int MAX_LIMIT = 1000;

  /**
   * The page of {@code all} (in a stable order) at {@code cursor}.
   *
   * @throws ProblemException 400 when the limit or cursor is not valid
   */
  public static <T> Page<T> of(List<T> all, Integer limit, String cursor) {
    int size = limit == null ? DEFAULT_LIMIT : limit;
    if (size < 1 || size > MAX_LIMIT) {
      throw ProblemException.badRequest("limit must be between 1 and " + MAX_LIMIT);
    }
    int offset = decode(cursor);
    if (offset > all.size()) {
      throw ProblemException.badRequest("cursor is past the end of the list");
    }
    int end = Math.min(all.size(), offset + size);
    String next = end < all.size() ? encode(end) : null;
    return new Page<>(List.copyOf(all.subList(offset, end)), next);
  }

  /** A list that fits one page. */
  public static <T> Page<T> all(List<T> items) {
    return new Page<>(List.copyOf(items), null);
  }

  private static String encode(int offset) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("o:" + offset).getBytes(StandardCharsets.UTF_8));
  }

  private static int decode(String cursor) {
    if (cursor == null || cursor.isEmpty()) {
      return 0;
    }
    try {
      String s = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
      if (!s.startsWith("o:")) {
        throw new IllegalArgumentException();
      }
      int offset = Integer.parseInt(s.substring(2));
      if (offset < 0) {
        throw new IllegalArgumentException();
      }
      return offset;
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("cursor is not valid: pass the 'next' of a previous page");
    }
  }
}
