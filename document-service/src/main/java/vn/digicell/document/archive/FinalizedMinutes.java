package vn.digicell.document.archive;

import java.time.Instant;
import java.util.List;

/**
 * Finalised minutes as meeting-service publishes them ({@code
 * vn.digicell.meeting.minutes-finalized.v1}): the canonical content both officers signed.
 */
public record FinalizedMinutes(
    String meetingId,
    String orgPath,
    String content,
    String contentSha256,
    List<MinutesSignature> signatures,
    Instant finalizedAt) {

  /** An officer's Ed25519 signature (base64) over the content's UTF-8 bytes. */
  public record MinutesSignature(
      String role, String signerMemberId, String publicKey, String signature) {}
}
