package vn.digicell.notification.delivery;

import com.mongodb.MongoBulkWriteException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Component;
import vn.digicell.notification.notice.Notice;
import vn.digicell.notification.notice.NoticesIssued;
import vn.digicell.notification.preference.Channel;
import vn.digicell.notification.preference.PreferenceService;
import vn.digicell.notification.preference.Preferences;

/**
 * Queues each issued notice on the member's chosen channels (besides the inbox): one document per
 * notice and channel, idempotent by id. Inbox-only notices are never queued. Intrusive channels
 * wait for the end of quiet hours; with a daily digest, e-mail waits for the digest hour. A channel
 * the member has no address for is skipped (counted).
 */
@Component
class DeliveryQueue {

  private final MongoTemplate mongo;
  private final PreferenceService preferences;
  private final NotificationProperties properties;
  private final DeliveryMetrics metrics;
  private final Clock clock;

  DeliveryQueue(
      MongoTemplate mongo,
      PreferenceService preferences,
      NotificationProperties properties,
      DeliveryMetrics metrics,
      Clock clock) {
    this.mongo = mongo;
    this.preferences = preferences;
    this.properties = properties;
    this.metrics = metrics;
    this.clock = clock;
  }

  @EventListener
  void on(NoticesIssued issued) {
    enqueue(issued.all());
  }

  void enqueue(List<Notice> notices) {
    if (notices.isEmpty()) {
      return;
    }
    List<String> members = notices.stream().map(Notice::recipientMemberId).distinct().toList();
    Map<String, Preferences> prefs = preferences.ofAll(members);
    Map<String, Contact> contacts =
        mongo.find(Query.query(Criteria.where("_id").in(members)), Contact.class).stream()
            .collect(Collectors.toMap(Contact::memberId, Function.identity()));
    Instant now = Instant.now(clock);
    List<Delivery> toQueue = new ArrayList<>();
    Map<Channel, Integer> skipped = new EnumMap<>(Channel.class);
    for (Notice notice : notices) {
      if (notice.inboxOnly()) {
        continue; // stays in the inbox whatever the member chose for other notices
      }
      Preferences p = prefs.get(notice.recipientMemberId());
      Contact contact = contacts.get(notice.recipientMemberId());
      boolean hasEmail = contact != null && contact.addressFor(Channel.EMAIL) != null;
      boolean hasPhone = contact != null && contact.addressFor(Channel.SMS) != null;
      for (Channel channel : p.channelsFor(notice.kind(), hasEmail, hasPhone)) {
        if (channel == Channel.INBOX) {
          continue;
        }
        if (contact == null || contact.addressFor(channel) == null) {
          skipped.merge(channel, 1, Integer::sum);
          continue;
        }
        boolean digest = channel == Channel.EMAIL && p.dailyDigest();
        Instant due = digest ? nextDigestTime(now) : now;
        if (channel.intrusive() && p.quietHours() != null) {
          due = p.quietHours().endAfter(due);
        }
        toQueue.add(
            Delivery.queued(notice.id(), notice.recipientMemberId(), channel, digest, due, now));
      }
    }
    skipped.forEach((c, n) -> metrics.count(c, "skipped", n));
    int inserted = insertSkippingDuplicates(toQueue);
    if (inserted == toQueue.size()) {
      toQueue.stream()
          .collect(Collectors.groupingBy(Delivery::channel, Collectors.counting()))
          .forEach((c, n) -> metrics.count(c, "queued", n.intValue()));
    }
  }

  /** The next digest hour (Vietnam time) after {@code now}. */
  Instant nextDigestTime(Instant now) {
    ZonedDateTime local = now.atZone(Preferences.VIETNAM);
    ZonedDateTime at =
        local.withHour(properties.digest().hour()).withMinute(0).withSecond(0).withNano(0);
    if (!at.isAfter(local)) {
      at = at.plusDays(1);
    }
    return at.toInstant();
  }

  private int insertSkippingDuplicates(List<Delivery> deliveries) {
    if (deliveries.isEmpty()) {
      return 0;
    }
    BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, Delivery.class);
    bulk.insert(deliveries);
    try {
      return bulk.execute().getInsertedCount();
    } catch (BulkOperationException e) {
      if (e.getErrors().stream().allMatch(err -> err.getCode() == 11000)) {
        return e.getResult().getInsertedCount();
      }
      throw e;
    } catch (DuplicateKeyException e) {
      return insertOneByOne(deliveries);
    }
  }

  private int insertOneByOne(List<Delivery> deliveries) {
    int n = 0;
    for (Delivery d : deliveries) {
      try {
        mongo.insert(d);
        n++;
      } catch (DuplicateKeyException | MongoBulkWriteException e) {
        // already queued
      }
    }
    return n;
  }
}
