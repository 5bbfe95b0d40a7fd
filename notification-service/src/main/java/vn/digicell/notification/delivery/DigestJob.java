package vn.digicell.notification.delivery;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.data.domain.Sort;
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

/**
 * The daily digest: at the configured hour, each member's e-mail deliveries held for the digest are
 * claimed together (one updateMulti to this run's claim id: another instance claims none of them)
 * and sent as one e-mail; failure puts them back with back-off.
 */
@Component
class DigestJob {

  private static final Logger log = LoggerFactory.getLogger(DigestJob.class);
  static final int MEMBERS_PER_RUN = 200;
  static final int NOTICES_PER_DIGEST = 100;

  private final MongoTemplate mongo;
  private final EmailSender email;
  private final PreferenceService preferences;
  private final MessageSource messages;
  private final NotificationProperties.Dispatch config;
  private final DeliveryMetrics metrics;
  private final Clock clock;

  DigestJob(
      MongoTemplate mongo,
      EmailSender email,
      PreferenceService preferences,
      MessageSource messages,
      NotificationProperties properties,
      DeliveryMetrics metrics,
      Clock clock) {
    this.mongo = mongo;
    this.email = email;
    this.preferences = preferences;
    this.messages = messages;
    this.config = properties.dispatch();
    this.metrics = metrics;
    this.clock = clock;
  }

  @Scheduled(
      initialDelayString = "${digicell.notification.digest.interval:PT1M}",
      fixedDelayString = "${digicell.notification.digest.interval:PT1M}")
  @SchedulerLock(name = "notification.digest")
  public void scheduled() {
    try {
      while (sendDue() == MEMBERS_PER_RUN) {
        // more members are due
      }
    } catch (RuntimeException e) {
      log.warn("Digest run failed; next run retries: {}", e.toString());
    }
  }

  private Criteria dueDigest(Instant now) {
    return new Criteria()
        .andOperator(
            Criteria.where("digest").is(true),
            new Criteria()
                .orOperator(
                    Criteria.where("status")
                        .is(Delivery.Status.QUEUED)
                        .and("nextAttemptAt")
                        .lte(now),
                    Criteria.where("status")
                        .is(Delivery.Status.SENDING)
                        .and("leaseUntil")
                        .lt(now)));
  }

  /** Sends the digests due now; returns for how many members. */
  int sendDue() {
    Instant now = Instant.now(clock);
    Query due =
        Query.query(dueDigest(now)).with(Sort.by("nextAttemptAt")).limit(MEMBERS_PER_RUN * 5);
    due.fields().include("memberId");
    Set<String> members = new LinkedHashSet<>();
    for (org.bson.Document d :
        mongo.find(due, org.bson.Document.class, mongo.getCollectionName(Delivery.class))) {
      members.add(d.getString("memberId"));
      if (members.size() == MEMBERS_PER_RUN) {
        break;
      }
    }
    for (String member : members) {
      sendFor(member, now);
    }
    return members.size();
  }

  private void sendFor(String memberId, Instant now) {
    String claim = UUID.randomUUID().toString();
    mongo.updateMulti(
        Query.query(
            new Criteria().andOperator(Criteria.where("memberId").is(memberId), dueDigest(now))),
        new Update()
            .set("status", Delivery.Status.SENDING)
            .set("claimId", claim)
            .set("leaseUntil", now.plus(config.lease())),
        Delivery.class);
    List<Delivery> claimed =
        mongo.find(Query.query(Criteria.where("claimId").is(claim)), Delivery.class);
    if (claimed.isEmpty()) {
      return;
    }
    List<Notice> notices =
        mongo
            .find(
                Query.query(
                    Criteria.where("_id").in(claimed.stream().map(Delivery::noticeId).toList())),
                Notice.class)
            .stream()
            .sorted(Comparator.comparing(Notice::createdAt))
            .toList();
    Contact contact = mongo.findById(memberId, Contact.class);
    String address = contact == null ? null : contact.addressFor(Channel.EMAIL);
    SendResult result;
    if (address == null) {
      result = SendResult.failed("no email address");
    } else if (notices.isEmpty()) {
      result = SendResult.failed("notices not found");
    } else {
      Preferences p = preferences.of(memberId);
      Locale locale = Locale.forLanguageTag(p.languageOrDefault());
      String subject =
          messages
              .getMessage("notice.digest.subject", null, "DigiCell", locale)
              .replace("{count}", String.valueOf(notices.size()))
              .replace("{date}", LocalDate.ofInstant(now, Preferences.VIETNAM).toString());
      result =
          email.sendDigest(
              address,
              subject,
              notices.subList(0, Math.min(notices.size(), NOTICES_PER_DIGEST)),
              p.languageOrDefault(),
              claim);
    }
    int attempts = claimed.stream().mapToInt(Delivery::attempts).max().orElse(0) + 1;
    Update update = new Update().unset("claimId").unset("leaseUntil").set("attempts", attempts);
    String outcome;
    if (result.outcome() == SendResult.Outcome.SENT) {
      update
          .set("status", Delivery.Status.SENT)
          .set("sentAt", now)
          .set("providerMessageId", result.providerMessageId());
      outcome = "sent";
    } else if (result.outcome() == SendResult.Outcome.PERMANENT
        || attempts >= config.maxAttempts()) {
      update
          .set("status", Delivery.Status.FAILED)
          .set("failedAt", now)
          .set("reason", result.reason());
      outcome = "failed";
    } else {
      update
          .set("status", Delivery.Status.QUEUED)
          .set("nextAttemptAt", now.plus(config.backoffAfter(attempts)))
          .set("reason", result.reason());
      outcome = "retried";
    }
    long n =
        mongo
            .updateMulti(Query.query(Criteria.where("claimId").is(claim)), update, Delivery.class)
            .getModifiedCount();
    metrics.count(Channel.EMAIL, outcome, (int) n);
  }
}
