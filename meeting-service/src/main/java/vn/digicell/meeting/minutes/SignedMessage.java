package vn.digicell.meeting.minutes;

import java.nio.charset.StandardCharsets;

/**
 * What an officer's signature covers. {@link Scheme#DIGICELL_SIGNING_V2} (every signature given
 * now): a domain-separated message naming the kind, the meeting, the version and the content's
 * hash, so a signature is valid for that one text of that one meeting and never for another
 * meeting, an amendment or another draft with the same text. {@link Scheme#RAW_CONTENT_V1} (stored
 * signatures made before): the content's UTF-8 bytes, still verified as they were made.
 */
public final class SignedMessage {

  /** The schemes, as written on the events ({@code scheme}); absent means raw content. */
  public enum Scheme {
    RAW_CONTENT_V1("raw-content-v1"),
    DIGICELL_SIGNING_V2("digicell-signing-v2");

    private final String wire;

    Scheme(String wire) {
      this.wire = wire;
    }

    public String wire() {
      return wire;
    }

    /** The scheme a stored value names; absent (signatures made before schemes) is raw content. */
    static Scheme of(String wire) {
      if (wire == null) {
        return RAW_CONTENT_V1;
      }
      for (Scheme s : values()) {
        if (s.wire.equals(wire)) {
          return s;
        }
      }
      throw new IllegalArgumentException("unknown signature scheme " + wire);
    }
  }

  /** What is signed: minutes of a meeting, or an amendment of them. */
  public enum Kind {
    MINUTES("minutes"),
    AMENDMENT("amendment");

    private final String wire;

    Kind(String wire) {
      this.wire = wire;
    }
  }

  private SignedMessage() {}

  /**
   * The v2 message, UTF-8 text with {@code \n} line ends and no trailing newline; for an amendment
   * {@code meetingId} is its meeting and {@code version} its number.
   */
  public static String v2(Kind kind, String meetingId, long version, String contentSha256) {
    return "DigiCell signature v2\nkind="
        + kind.wire
        + "\nmeetingId="
        + meetingId
        + "\nversion="
        + version
        + "\ncontentSha256="
        + contentSha256;
  }

  /** The bytes a signature under {@code scheme} covers. */
  static byte[] bytes(Scheme scheme, Kind kind, String meetingId, long version, String content) {
    String text =
        scheme == Scheme.RAW_CONTENT_V1
            ? content
            : v2(kind, meetingId, version, Minutes.sha256Hex(content));
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Whether {@code signature} verifies under {@code scheme} with the raw key {@code publicKey}. */
  static boolean verifies(
      Scheme scheme,
      Kind kind,
      String meetingId,
      long version,
      String content,
      String publicKey,
      String signature) {
    return Ed25519.verifies(publicKey, bytes(scheme, kind, meetingId, version, content), signature);
  }
}
