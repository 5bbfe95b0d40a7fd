package vn.digicell.document.archive;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Optional;
import vn.digicell.document.ledger.LogHashes;

/**
 * What an officer's signature covers, by scheme. {@code raw-content-v1}: the content's UTF-8 bytes
 * (signatures made before v2 keep verifying as they were made). {@code digicell-signing-v2}: a
 * domain-separated message naming the kind, the meeting, the version and the content hash, so a
 * signature is valid for these minutes only, never for another meeting or an amendment:
 *
 * <pre>
 * DigiCell signature v2
 * kind=&lt;minutes|amendment&gt;
 * meetingId=&lt;meetingId&gt;
 * version=&lt;version&gt;
 * contentSha256=&lt;lower-case hex sha256 of the content's UTF-8 bytes&gt;
 * </pre>
 *
 * (UTF-8, {@code \n} line ends, no trailing newline). For an amendment the meeting id is the
 * amendment's own and the version its amendment number.
 */
public final class SignedMessage {

  public static final String MINUTES = "minutes";
  public static final String AMENDMENT = "amendment";

  private SignedMessage() {}

  /** The signed bytes; empty when the scheme is unknown or v2 lacks its version. */
  public static Optional<byte[]> of(
      String scheme, String kind, String meetingId, Integer version, String content) {
    byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
    if (scheme == null || FinalizedMinutes.RAW_CONTENT_V1.equals(scheme)) {
      return Optional.of(bytes);
    }
    if (!FinalizedMinutes.DIGICELL_SIGNING_V2.equals(scheme) || version == null) {
      return Optional.empty();
    }
    String message =
        "DigiCell signature v2\n"
            + "kind="
            + kind
            + "\nmeetingId="
            + meetingId
            + "\nversion="
            + version
            + "\ncontentSha256="
            + HexFormat.of().formatHex(LogHashes.sha256(bytes));
    return Optional.of(message.getBytes(StandardCharsets.UTF_8));
  }
}
