package vn.digicell.document.archive;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.List;

/**
 * An amendment of sealed minutes as meeting-service publishes it on {@code meeting.records} ({@code
 * vn.digicell.meeting.minutes-amended.v1}): the fields of finalised minutes plus the reference to
 * the original (its meeting and its index in the log).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AmendedMinutes(
    String meetingId,
    String orgPath,
    String content,
    String contentSha256,
    List<FinalizedMinutes.MinutesSignature> signatures,
    Instant finalizedAt,
    String amendsMeetingId,
    int amendmentNumber,
    long amendsLogIndex,
    String reason,
    Integer version) {

  /** An amendment of a producer that sends no version. */
  public AmendedMinutes(
      String meetingId,
      String orgPath,
      String content,
      String contentSha256,
      List<FinalizedMinutes.MinutesSignature> signatures,
      Instant finalizedAt,
      String amendsMeetingId,
      int amendmentNumber,
      long amendsLogIndex,
      String reason) {
    this(
        meetingId,
        orgPath,
        content,
        contentSha256,
        signatures,
        finalizedAt,
        amendsMeetingId,
        amendmentNumber,
        amendsLogIndex,
        reason,
        null);
  }

  FinalizedMinutes asMinutes() {
    return new FinalizedMinutes(
        meetingId, orgPath, content, contentSha256, signatures, finalizedAt, version);
  }

  /** The same amendment with other (resolved) signatures. */
  AmendedMinutes withSignatures(List<FinalizedMinutes.MinutesSignature> resolved) {
    return new AmendedMinutes(
        meetingId,
        orgPath,
        content,
        contentSha256,
        resolved,
        finalizedAt,
        amendsMeetingId,
        amendmentNumber,
        amendsLogIndex,
        reason,
        version);
  }
}
