package vn.digicell.document.archive;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * Finalised minutes as meeting-service publishes them on the restricted topic {@code
 * meeting.records} ({@code vn.digicell.meeting.minutes-finalized.v1}): the canonical content both
 * officers signed, and {@code version}, the signed draft's version (absent from older producers).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record FinalizedMinutes(
    String meetingId,
    String orgPath,
    String content,
    String contentSha256,
    List<MinutesSignature> signatures,
    Instant finalizedAt,
    Integer version) {

  /** Minutes of a producer that sends no version. */
  public FinalizedMinutes(
      String meetingId,
      String orgPath,
      String content,
      String contentSha256,
      List<MinutesSignature> signatures,
      Instant finalizedAt) {
    this(meetingId, orgPath, content, contentSha256, signatures, finalizedAt, null);
  }

  /** The signature scheme over the content's UTF-8 bytes (the only one before v2). */
  public static final String RAW_CONTENT_V1 = "raw-content-v1";

  /** The scheme over the domain-separated message of {@link SignedMessage}. */
  public static final String DIGICELL_SIGNING_V2 = "digicell-signing-v2";

  /**
   * An officer's Ed25519 signature (base64). {@code publicKey} is what the record carries; the
   * archive never verifies with it but with the key its projection of meeting-service's key events
   * says was valid at {@code signedAt} ({@code keyId} names it; legacy signatures carry none), and
   * stores that key here. {@code scheme} absent means {@link #RAW_CONTENT_V1}.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record MinutesSignature(
      String role,
      String signerMemberId,
      String publicKey,
      String signature,
      String keyId,
      String scheme,
      Instant signedAt) {

    /** A legacy signature: over the raw content, no key id, no signing time. */
    public MinutesSignature(
        String role, String signerMemberId, String publicKey, String signature) {
      this(role, signerMemberId, publicKey, signature, null, null, null);
    }

    /** The scheme, {@link #RAW_CONTENT_V1} when absent. */
    public String schemeOrDefault() {
      return scheme == null ? RAW_CONTENT_V1 : scheme;
    }

    /** Whether anything beyond the legacy fields is set (the log entry then commits to it). */
    boolean hasContext() {
      return keyId != null || scheme != null || signedAt != null;
    }
  }
}
