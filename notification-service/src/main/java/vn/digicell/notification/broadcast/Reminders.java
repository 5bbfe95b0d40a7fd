package vn.digicell.notification.broadcast;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import vn.digicell.notification.notice.NoticeIssuer;
import vn.digicell.platform.jobs.Leases;

/**
 * Runs remind rounds: re-notifies, a batch at a time, the recipients who have not read (an
 * announcement) or acknowledged (a task) the broadcast. The round's progress is a document ({@link
 * RemindRound}); after each batch its cursor and heartbeat move on. A round whose instance stopped
 * beating is taken over and continued from its cursor; a batch issued but not yet recorded is
 * issued again, which adds nothing (each round's notice is idempotent per recipient).
 */
@Component
public class Reminders {

  private static final Logger log = LoggerFactory.getLogger(Reminders.class);

  private final MongoTemplate mongo;
  private final NoticeIssuer notices;
  private final BroadcastProperties properties;
  private final ExecutorService workers;
  private final Clock clock;
  private final Leases<RemindRound> leases;

  Reminders(
      MongoTemplate mongo,
      NoticeIssuer notices,
      BroadcastProperties properties,
      @Qualifier("broadcastWorkers") ExecutorService workers,
      Clock clock) {
    this.mongo = mongo;
    this.notices = notices;
    this.properties = properties;
    this.workers = workers;
    this.clock = clock;
    this.leases = new Leases<>(mongo, RemindRound.class, properties.staleAfter(), clock);
  }

  /**
   * Records the round before the broadcast is saved with it, so a crash in between leaves a round
   * that the resumer either finishes (the broadcast was saved) or abandons (it was not). Fails with
   * a duplicate key when the round is already recorded.
   */
  void open(String broadcastId, int round) {
    Instant now = Instant.now(clock);
    mongo.insert(
        new RemindRound(
            RemindRound.idOf(broadcastId, round),
            broadcastId,
            round,
            RemindRound.State.RUNNING,
            leases.owner(),
            1,
            null,
            0,
            0,
            now,
            now,
            null));
  }

  /** The broadcast was not saved with the round: it never happened. */
  void abandon(String broadcastId, int round) {
    mongo.updateFirst(
        Query.query(Criteria.where("_id").is(RemindRound.idOf(broadcastId, round))),
        new Update().set("state", RemindRound.State.ABANDONED),
        RemindRound.class);
  }

  /** Runs the round in the background. */
  void start(String broadcastId, int round) {
    String id = RemindRound.idOf(broadcastId, round);
    workers.execute(() -> runLogged(id));
  }

  /** Takes over remind rounds whose instance stopped beating (crashed or stopped mid-round). */
  @Scheduled(
      fixedDelayString = "${digicell.notification.broadcast.resume-every:PT1M}",
      initialDelayString = "${digicell.notification.broadcast.resume-initial-delay:PT10S}")
  @SchedulerLock(name = "notification.remind-round-takeover")
  public void scheduled() {
    resumeStale();
  }

  /** The takeover itself, for a caller that already runs alone (the job, a test). */
  public void resumeStale() {
    for (int i = 0; i < 10; i++) {
      RemindRound round =
          leases
              .claimStale(running(), Sort.unsorted(), new Update().inc("attempts", 1))
              .orElse(null);
      if (round == null) {
        return;
      }
      log.info(
          "resuming remind round {} of broadcast {} after {} (attempt {})",
          round.round(),
          round.broadcastId(),
          round.after(),
          round.attempts());
      workers.execute(() -> runLogged(round.id()));
    }
  }

  private void runLogged(String roundId) {
    try {
      run(roundId);
    } catch (RuntimeException e) {
      // the round stays RUNNING; once its heartbeat is stale resumeStale continues it
      log.warn("remind round {} stopped; it will be resumed", roundId, e);
    }
  }

  /**
   * Runs (or continues) the round to its end in the calling thread while this instance holds it;
   * returns how many reminders it issued.
   */
  long run(String roundId) {
    RemindRound round = mongo.findById(roundId, RemindRound.class);
    if (round == null || round.state() != RemindRound.State.RUNNING) {
      return 0;
    }
    Broadcast broadcast = mongo.findById(round.broadcastId(), Broadcast.class);
    if (broadcast == null || broadcast.remindRound() < round.round()) {
      abandon(round.broadcastId(), round.round());
      return 0;
    }
    String field = broadcast.kind() == Broadcast.Kind.TASK ? "acknowledgedAt" : "readAt";
    String after = round.after() != null ? round.after() : broadcast.id() + ":";
    long issued = 0;
    while (true) {
      List<BroadcastRecipient> batch =
          mongo.find(
              Query.query(
                      Criteria.where("_id")
                          .gt(after)
                          .lt(broadcast.id() + ";")
                          .and("broadcastId")
                          .is(broadcast.id())
                          .and(field)
                          .is(null))
                  .with(Sort.by("_id"))
                  .limit(properties.batchSize()),
              BroadcastRecipient.class);
      if (batch.isEmpty()) {
        leases.renew(
            roundId,
            running(),
            new Update()
                .set("state", RemindRound.State.COMPLETED)
                .set("completedAt", Instant.now(clock)));
        return issued;
      }
      int created =
          notices.issue(
              batch.stream()
                  .map(r -> FanOut.note(broadcast, r.memberId(), r.cellPath(), round.round()))
                  .toList());
      issued += created;
      after = batch.get(batch.size() - 1).id();
      boolean held =
          leases.renew(
              roundId,
              running(),
              new Update().set("after", after).inc("batches", 1).inc("reminded", created));
      if (!held) {
        // another instance took the round over (this one was too slow): it carries on
        return issued;
      }
    }
  }

  private static Criteria running() {
    return Criteria.where("state").is(RemindRound.State.RUNNING);
  }
}
