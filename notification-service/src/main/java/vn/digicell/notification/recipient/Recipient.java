package vn.digicell.notification.recipient;

/**
 * Who a notice goes to, as the local roster knows them: no contact details (those live in the
 * restricted contacts projection only delivery reads).
 *
 * @param status PROBATIONARY, OFFICIAL, EXEMPTED (active) or REMOVED, EXPELLED, DECEASED
 * @param language "vi" or "en": the member's preference, Vietnamese unless they chose English
 */
public record Recipient(
    String memberId,
    String fullName,
    String orgPath,
    String cellId,
    String status,
    String language) {

  /** Whether the member still takes part (not removed, expelled or deceased). */
  public boolean isActive() {
    return RosterEntry.ACTIVE.contains(status);
  }
}
