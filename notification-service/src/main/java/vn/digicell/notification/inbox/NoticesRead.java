package vn.digicell.notification.inbox;

import java.util.List;

/**
 * Published in-process after a member's notices were marked read in the inbox (one, all, or on
 * another feature's behalf): features whose notices they are (broadcasts) count the read, live
 * streams show the new unread count. Listeners must be idempotent: a notice read again is published
 * again, so a read whose follow-up failed is completed by the next attempt.
 *
 * @param recipientMemberId whose inbox
 * @param notices the notices read (may be empty when only the unread count changed)
 */
public record NoticesRead(String recipientMemberId, List<Read> notices) {

  /** One notice read: its id, kind and cause (the broadcast id for a broadcast's notices). */
  public record Read(String noticeId, String kind, String causeId) {}
}
