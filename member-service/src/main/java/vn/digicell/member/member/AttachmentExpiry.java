package vn.digicell.member.member;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import vn.digicell.platform.events.Outbox;

/**
 * Daily: temporary attachments whose date has passed end ({@code attachment-ended.v1} with {@code
 * early=false}), in bounded batches served by the {@code attachment_until} index.
 */
@Component
public class AttachmentExpiry {

  private static final int BATCH = 500;

  private final MongoTemplate mongo;
  private final Outbox outbox;
  private final Clock clock;

  public AttachmentExpiry(MongoTemplate mongo, Outbox outbox, Clock clock) {
    this.mongo = mongo;
    this.outbox = outbox;
    this.clock = clock;
  }

  /** Nightly, on one replica at a time (the job's cluster lock). */
  @Scheduled(cron = "${digicell.member.attachment.expiry-cron:0 20 1 * * *}")
  @SchedulerLock(name = "member.attachment-expiry")
  public void scheduled() {
    endExpired();
  }

  /** Ends what ran out before today; returns how many. */
  public int endExpired() {
    LocalDate today = LocalDate.now(clock);
    int ended = 0;
    while (true) {
      List<Member> expired =
          mongo.find(
              Query.query(Criteria.where("attachedTo.until").lt(today))
                  .with(Sort.by("attachedTo.until", "_id"))
                  .limit(BATCH),
              Member.class);
      for (Member m : expired) {
        m.endAttachment(m.attachedTo().until(), false, "system", clock);
        outbox.saveAndPublish(m);
        ended++;
      }
      if (expired.size() < BATCH) {
        return ended;
      }
    }
  }
}
