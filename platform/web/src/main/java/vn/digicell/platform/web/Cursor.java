package vn.digicell.platform.web;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Opaque cursors for keyset paging: the client gets the sort key of the last item it saw and asks
 * for what comes after, so no page ever skips over a growing collection.
 */
public final class Cursor {

  private Cursor() {}

  public static String encode(String key) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(key.getBytes(StandardCharsets.UTF_8));
  }

  /** The decoded key, or null for the first page; a tampered cursor is a 400 problem. */
  public static String decode(String cursor) {
    if (cursor == null || cursor.isBlank()) {
      return null;
    }
    try {
      return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw ProblemException.badRequest("invalid-cursor", "The paging cursor is not valid.");
    }
  }

  /** A page of items and the cursor of the next page, absent on the last page. */
  public record Page<T>(List<T> items, String nextCursor) {

    /** From {@code size + 1} fetched rows: the extra one only tells that more exist. */
    public static <R, T> Page<T> of(
        List<R> fetched, int size, Function<R, T> view, Function<R, String> key) {
      boolean more = fetched.size() > size;
      List<R> shown = more ? fetched.subList(0, size) : fetched;
      String next = more ? encode(key.apply(shown.get(shown.size() - 1))) : null;
      return new Page<>(shown.stream().map(view).toList(), next);
    }
  }
}
