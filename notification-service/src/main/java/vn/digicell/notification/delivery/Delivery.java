package vn.digicell.notification.delivery;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;
import vn.digicell.notification.preference.Channel;

/**
 * One notice on one channel: the durable queue entry and its status. Id {@code noticeId:CHANNEL},
 * so queueing twice is a no-op.
 */
@Document("deliveries")
@CompoundIndexes({
  @CompoundIndex(name = "due", def = "{'status': 1, 'digest': 1, 'nextAttemptAt': 1}"),
  @CompoundIndex(name = "digest_due", def = "{'digest': 1, 'status': 1, 'memberId': 1}"),
  @CompoundIndex(name = "by_notice", def = "{'noticeId': 1}"),
  @CompoundIndex(name = "by_provider_id", def = "{'channel': 1, 'providerMessageId': 1}"),
  @CompoundIndex(name = "by_claim", def = "{'claimId': 1}")
})
record Delivery(
    @Id String id,
    String noticeId,
    String memberId,
    Channel channel,
    Status status,
    boolean digest,
    int attempts,
    Instant nextAttemptAt,
    String claimId,
    Instant leaseUntil,
    String providerMessageId,
    String reason,
    Instant queuedAt,
    Instant sentAt,
    Instant deliveredAt,
    Instant failedAt) {

  /** SENDING is internal (claimed by a dispatcher); outside it reads as QUEUED. */
  enum Status {
    QUEUED,
    SENDING,
    SENT,
    DELIVERED,
    FAILED
  }

  static String idFor(String noticeId, Channel channel) {
    return noticeId + ":" + channel;
  }

  static Delivery queued(
      String noticeId, String memberId, Channel channel, boolean digest, Instant due, Instant now) {
    return new Delivery(
        idFor(noticeId, channel),
        noticeId,
        memberId,
        channel,
        Status.QUEUED,
        digest,
        0,
        due,
        null,
        null,
        null,
        null,
        now,
        null,
        null,
        null);
  }
}
