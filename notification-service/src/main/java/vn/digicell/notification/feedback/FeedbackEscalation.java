package vn.digicell.notification.feedback;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Moves feedback nobody took up by the deadline it shows ({@code
 * digicell.notification.feedback.resolve-within} after it reached its committee) to the committee
 * one level up, in bounded batches.
 */
@Component
@EnableScheduling
public class FeedbackEscalation {

  private static final Logger log = LoggerFactory.getLogger(FeedbackEscalation.class);
  static final int BATCH = 200;

  private final MongoTemplate mongo;
  private final FeedbackService feedback;
  private final Clock clock;

  FeedbackEscalation(MongoTemplate mongo, FeedbackService feedback, Clock clock) {
    this.mongo = mongo;
    this.feedback = feedback;
    this.clock = clock;
  }

  @Scheduled(
      fixedDelayString = "${digicell.notification.feedback.escalate-every:PT15M}",
      initialDelayString = "${digicell.notification.feedback.escalate-every:PT15M}")
  @SchedulerLock(name = "notification.feedback-escalation")
  public void scheduled() {
    int moved = escalateDue();
    if (moved > 0) {
      log.info("escalated {} feedback item(s)", moved);
    }
  }

  /** Escalates everything due by the clock's now; returns how many moved. */
  public int escalateDue() {
    Instant now = Instant.now(clock);
    int moved = 0;
    while (true) {
      List<Feedback> due =
          mongo.find(
              Query.query(
                      Criteria.where("status")
                          .in(Feedback.Status.RECEIVED, Feedback.Status.ASSIGNED)
                          .and("escalateAt")
                          .lte(now))
                  .with(Sort.by("escalateAt"))
                  .limit(BATCH),
              Feedback.class);
      int before = moved;
      for (Feedback item : due) {
        try {
          if (feedback.escalate(item)) {
            moved++;
          }
        } catch (OptimisticLockingFailureException e) {
          // someone acted on it meanwhile: the next run looks again
        }
      }
      if (due.size() < BATCH || moved == before) {
        return moved;
      }
    }
  }
}
