package vn.digicell.notification.delivery;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import vn.digicell.notification.notice.Notice;
import vn.digicell.notification.preference.Channel;
import vn.digicell.platform.security.AccessGuard;
import vn.digicell.platform.security.CurrentUser;
import vn.digicell.platform.web.ProblemException;

/** Delivery status per notice and channel, and provider receipts. */
@Service
public class Deliveries {

  private final MongoTemplate mongo;
  private final AccessGuard guard;
  private final NotificationProperties properties;
  private final DeliveryMetrics metrics;
  private final Clock clock;

  Deliveries(
      MongoTemplate mongo,
      AccessGuard guard,
      NotificationProperties properties,
      DeliveryMetrics metrics,
      Clock clock) {
    this.mongo = mongo;
    this.guard = guard;
    this.properties = properties;
    this.metrics = metrics;
    this.clock = clock;
  }

  /** One channel's status: QUEUED, SENT, DELIVERED or FAILED (with the reason). */
  public record Status(
      String channel,
      String status,
      int attempts,
      Instant updatedAt,
      Instant nextAttemptAt,
      String reason) {}

  /**
   * The notice's deliveries, the inbox first (delivered when issued). Only the recipient or an
   * it-admin of the notice's unit sees them; to anyone else the notice does not exist.
   */
  public List<Status> of(String noticeId) {
    Notice notice = mongo.findById(noticeId, Notice.class);
    CurrentUser user = guard.currentUser();
    Optional<String> me = user.ownMemberId();
    boolean mine = notice != null && me.isPresent() && me.get().equals(notice.recipientMemberId());
    // an it-admin sees them only where one of their grants as it-admin covers the notice's unit
    boolean administers =
        notice != null && notice.orgPath() != null && guard.mayActOn(notice.orgPath(), "it-admin");
    if (notice == null || !(mine || administers)) {
      throw ProblemException.notFound(
          "notice-not-found", "No notice " + noticeId + " in your inbox.");
    }
    List<Status> out = new ArrayList<>();
    out.add(new Status("INBOX", "DELIVERED", 1, notice.createdAt(), null, null));
    for (Delivery d :
        mongo.find(
            Query.query(Criteria.where("noticeId").is(noticeId)).with(Sort.by("_id")).limit(10),
            Delivery.class)) {
      String status = d.status() == Delivery.Status.SENDING ? "QUEUED" : d.status().name();
      Instant updated = first(d.deliveredAt(), d.failedAt(), d.sentAt(), d.queuedAt());
      out.add(
          new Status(
              d.channel().name(),
              status,
              d.attempts(),
              updated,
              "QUEUED".equals(status) ? d.nextAttemptAt() : null,
              d.reason()));
    }
    return out;
  }

  /**
   * A provider's receipt for a message it accepted: SENT → DELIVERED, or → FAILED with the reason.
   * Authenticated by the shared secret; unknown message ids are 404.
   */
  public void receipt(
      String channelName, String secret, String messageId, boolean delivered, String reason) {
    String expected = properties.receiptSecret();
    if (expected == null
        || expected.isBlank()
        || secret == null
        || !MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), secret.getBytes(StandardCharsets.UTF_8))) {
      throw new ProblemException(
          HttpStatus.UNAUTHORIZED,
          "invalid-receipt-secret",
          "The receipt secret is missing or wrong.");
    }
    Channel channel;
    try {
      channel = Channel.valueOf(channelName.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw ProblemException.notFound("unknown-channel", "No channel " + channelName + ".");
    }
    if (channel == Channel.INBOX) {
      throw ProblemException.notFound("unknown-channel", "The inbox has no receipts.");
    }
    Query query =
        Query.query(Criteria.where("channel").is(channel).and("providerMessageId").is(messageId));
    Delivery d = mongo.findOne(query, Delivery.class);
    if (d == null) {
      throw ProblemException.notFound(
          "delivery-not-found", "No " + channel + " message " + messageId + ".");
    }
    Instant now = Instant.now(clock);
    Update update =
        delivered
            ? new Update().set("status", Delivery.Status.DELIVERED).set("deliveredAt", now)
            : new Update()
                .set("status", Delivery.Status.FAILED)
                .set("failedAt", now)
                .set("reason", reason == null ? "provider reported failure" : reason);
    long changed =
        mongo
            .updateFirst(
                Query.query(
                    Criteria.where("_id").is(d.id()).and("status").is(Delivery.Status.SENT)),
                update,
                Delivery.class)
            .getModifiedCount();
    if (changed > 0) {
      metrics.count(channel, delivered ? "delivered" : "failed", 1);
    }
  }

  private static Instant first(Instant... candidates) {
    for (Instant i : candidates) {
      if (i != null) {
        return i;
      }
    }
    return null;
  }
}
