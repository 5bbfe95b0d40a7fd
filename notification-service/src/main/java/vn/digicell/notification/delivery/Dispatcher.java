package vn.digicell.notification.delivery;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import vn.digicell.notification.notice.Notice;
import vn.digicell.notification.preference.Channel;
import vn.digicell.notification.preference.PreferenceService;
import vn.digicell.notification.preference.Preferences;
import vn.digicell.platform.jobs.EveryReplica;

/**
 * Sends due deliveries. Each is claimed with one atomic findAndModify (QUEUED and due, or a SENDING
 * whose lease ran out after a crash → SENDING with this claim and a new lease), so two instances
 * never send the same one at the same time. Transient failures back off exponentially up to the
 * attempt limit, then FAILED with the last reason; permanent failures are FAILED at once. Nothing
 * is deleted: the queue is also the delivery status.
 */
@Component
class Dispatcher {

  private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

  private final MongoTemplate mongo;
  private final Map<Channel, ChannelSender> senders = new EnumMap<>(Channel.class);
  private final PreferenceService preferences;
  private final NotificationProperties.Dispatch config;
  private final DeliveryMetrics metrics;
  private final Clock clock;

  Dispatcher(
      MongoTemplate mongo,
      List<ChannelSender> senders,
      PreferenceService preferences,
      NotificationProperties properties,
      DeliveryMetrics metrics,
      Clock clock) {
    this.mongo = mongo;
    senders.forEach(s -> this.senders.put(s.channel(), s));
    this.preferences = preferences;
    this.config = properties.dispatch();
    this.metrics = metrics;
    this.clock = clock;
  }

  @Scheduled(
      initialDelayString = "${digicell.notification.dispatch.interval:PT5S}",
      fixedDelayString = "${digicell.notification.dispatch.interval:PT5S}")
  @EveryReplica(
      "every delivery is claimed atomically with a lease (claimOne), so replicas share the queue"
          + " and more replicas send faster")
  void scheduled() {
    try {
      while (dispatchBatch() == config.batchSize()) {
        // keep going while full batches come back
      }
    } catch (RuntimeException e) {
      log.warn("Delivery dispatch failed; next run retries: {}", e.toString());
    }
  }

  /** Claims and sends up to one batch of due deliveries; returns how many were handled. */
  int dispatchBatch() {
    String claim = UUID.randomUUID().toString();
    int handled = 0;
    for (; handled < config.batchSize(); handled++) {
      Delivery d = claimOne(claim);
      if (d == null) {
        break;
      }
      process(d);
    }
    return handled;
  }

  private Delivery claimOne(String claim) {
    Instant now = Instant.now(clock);
    Criteria due =
        new Criteria()
            .orOperator(
                Criteria.where("status").is(Delivery.Status.QUEUED).and("nextAttemptAt").lte(now),
                Criteria.where("status").is(Delivery.Status.SENDING).and("leaseUntil").lt(now));
    Query query =
        Query.query(new Criteria().andOperator(Criteria.where("digest").is(false), due))
            .with(Sort.by("nextAttemptAt"));
    Update update =
        new Update()
            .set("status", Delivery.Status.SENDING)
            .set("claimId", claim)
            .set("leaseUntil", now.plus(config.lease()));
    return mongo.findAndModify(
        query, update, FindAndModifyOptions.options().returnNew(true), Delivery.class);
  }

  private void process(Delivery d) {
    Notice notice = mongo.findById(d.noticeId(), Notice.class);
    Contact contact = mongo.findById(d.memberId(), Contact.class);
    String address = contact == null ? null : contact.addressFor(d.channel());
    ChannelSender sender = senders.get(d.channel());
    SendResult result;
    if (notice == null) {
      result = SendResult.failed("notice not found");
    } else if (address == null) {
      result = SendResult.failed("no " + d.channel().name().toLowerCase() + " address");
    } else if (sender == null) {
      result = SendResult.failed("no sender for " + d.channel());
    } else {
      result = sender.send(notice, address, d.id());
    }
    settle(d, result);
  }

  /** Records the outcome of one attempt on a claimed delivery (only while the claim holds). */
  void settle(Delivery d, SendResult result) {
    Instant now = Instant.now(clock);
    Query mine = Query.query(Criteria.where("_id").is(d.id()).and("claimId").is(d.claimId()));
    Update update = new Update().unset("leaseUntil").unset("claimId");
    int attempts = d.attempts() + 1;
    update.set("attempts", attempts);
    String outcome;
    switch (result.outcome()) {
      case SENT -> {
        update
            .set("status", Delivery.Status.SENT)
            .set("sentAt", now)
            .set("providerMessageId", result.providerMessageId())
            .unset("reason");
        outcome = "sent";
      }
      case PERMANENT -> {
        update
            .set("status", Delivery.Status.FAILED)
            .set("failedAt", now)
            .set("reason", result.reason());
        outcome = "failed";
      }
      default -> {
        if (attempts >= config.maxAttempts()) {
          update
              .set("status", Delivery.Status.FAILED)
              .set("failedAt", now)
              .set("reason", "gave up after " + attempts + " attempts: " + result.reason());
          outcome = "failed";
        } else {
          Instant next = now.plus(config.backoffAfter(attempts));
          if (d.channel().intrusive()) {
            Preferences p = preferences.of(d.memberId());
            if (p.quietHours() != null) {
              next = p.quietHours().endAfter(next);
            }
          }
          update
              .set("status", Delivery.Status.QUEUED)
              .set("nextAttemptAt", next)
              .set("reason", result.reason());
          outcome = "retried";
        }
      }
    }
    if (mongo.updateFirst(mine, update, Delivery.class).getModifiedCount() > 0) {
      metrics.count(d.channel(), outcome, 1);
    }
  }
}
