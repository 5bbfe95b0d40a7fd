package vn.digicell.member.transfer;

import java.time.Clock;
import java.time.LocalDate;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import vn.digicell.platform.events.Outbox;

/** Daily: transfers whose member did not report by the deadline expire, in bounded batches. */
@Component
public class TransferExpiry {

  private static final int BATCH = 500;

  private final MongoTemplate mongo;
  private final Outbox outbox;
  private final Clock clock;

  public TransferExpiry(MongoTemplate mongo, Outbox outbox, Clock clock) {
    this.mongo = mongo;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** Nightly, on one replica at a time (the job's cluster lock). */
  @Scheduled(cron = "${digicell.member.transfer.expiry-cron:0 15 1 * * *}")
  @SchedulerLock(name = "member.transfer-expiry")
  public void scheduled() {
    expireOverdue();
  }

  /** Expires what is overdue today; returns how many. */
  public int expireOverdue() {
    LocalDate today = LocalDate.now(clock);
    int expired = 0;
    boolean more = true;
    while (more) {
      var overdue =
          mongo.find(
              Query.query(
                      Criteria.where("state")
                          .in(Transfer.State.APPROVED, Transfer.State.RECEIVED)
                          .and("deadline")
                          .lt(today))
                  .limit(BATCH),
              Transfer.class);
      for (Transfer t : overdue) {
        t.expire(clock);
        outbox.saveAndPublish(t);
        expired++;
      }
      more = overdue.size() == BATCH;
    }
    return expired;
  }
}
