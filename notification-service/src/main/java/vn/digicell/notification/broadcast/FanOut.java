package vn.digicell.notification.broadcast;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.BulkOperationException;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import vn.digicell.notification.notice.NoticeIssuer;
import vn.digicell.notification.notice.NoticeRequest;
import vn.digicell.notification.notice.PortalLinks;
import vn.digicell.notification.recipient.Recipient;
import vn.digicell.notification.recipient.RecipientDirectory;
import vn.digicell.platform.events.Outbox;
import vn.digicell.platform.jobs.Leases;

/**
 * Delivers a broadcast to everyone under its targets, a batch at a time: one unordered bulk insert
 * of recipient rows, one {@code $inc} of the totals, one bulk issue of notices per batch. A job
 * document tracks progress; if the instance dies the job is taken over and run again, skipping rows
 * and notices that already exist.
 */
@Component
public class FanOut {

  private static final Logger log = LoggerFactory.getLogger(FanOut.class);
  static final String NOTICE_KIND = "BROADCAST";

  private final MongoTemplate mongo;
  private final RecipientDirectory directory;
  private final NoticeIssuer notices;
  private final Outbox outbox;
  private final BroadcastProperties properties;
  private final ExecutorService workers;
  private final Clock clock;
  private final Leases<FanOutJob> leases;

  FanOut(
      MongoTemplate mongo,
      RecipientDirectory directory,
      NoticeIssuer notices,
      Outbox outbox,
      BroadcastProperties properties,
      @Qualifier("broadcastWorkers") ExecutorService workers,
      Clock clock) {
    this.mongo = mongo;
    this.directory = directory;
    this.notices = notices;
    this.outbox = outbox;
    this.properties = properties;
    this.workers = workers;
    this.clock = clock;
    this.leases = new Leases<>(mongo, FanOutJob.class, properties.staleAfter(), clock);
  }

  /** Records the job and starts it in the background. */
  void start(String broadcastId) {
    Instant now = Instant.now(clock);
    mongo.insert(
        new FanOutJob(
            broadcastId, FanOutJob.State.RUNNING, leases.owner(), 1, 0, 0, now, now, null));
    workers.execute(() -> runLogged(broadcastId));
  }

  /** Takes over fan-outs whose instance stopped beating (crashed or was stopped mid-way). */
  @Scheduled(
      fixedDelayString = "${digicell.notification.broadcast.resume-every:PT1M}",
      initialDelayString = "${digicell.notification.broadcast.resume-initial-delay:PT10S}")
  @SchedulerLock(name = "notification.fan-out-takeover")
  public void scheduled() {
    resumeStale();
  }

  /** The takeover itself, for a caller that already runs alone (the job, a test). */
  public void resumeStale() {
    for (int i = 0; i < 10; i++) {
      FanOutJob job =
          leases
              .claimStale(
                  Criteria.where("state").is(FanOutJob.State.RUNNING),
                  Sort.unsorted(),
                  new Update().inc("attempts", 1))
              .orElse(null);
      if (job == null) {
        return;
      }
      log.info("resuming the fan-out of broadcast {} (attempt {})", job.id(), job.attempts());
      workers.execute(() -> runLogged(job.id()));
    }
  }

  private void runLogged(String broadcastId) {
    try {
      run(broadcastId);
    } catch (RuntimeException e) {
      // the job keeps RUNNING; once its heartbeat is stale resumeStale takes it over
      log.warn("fan-out of broadcast {} stopped; it will be resumed", broadcastId, e);
    }
  }

  /**
   * Runs (or re-runs) the fan-out to the end in the calling thread: safe to repeat, since rows and
   * notices already there are skipped. Public for the benchmark.
   */
  public long run(String broadcastId) {
    Broadcast broadcast = mongo.findById(broadcastId, Broadcast.class);
    if (broadcast == null) {
      throw new IllegalStateException("no broadcast " + broadcastId);
    }
    directory.forEachUnder(
        broadcast.targets(), properties.batchSize(), batch -> deliver(broadcast, batch));
    BroadcastTally tally = mongo.findById(broadcastId, BroadcastTally.class);
    long recipients = tally == null ? 0 : tally.recipients();
    broadcast.sent(recipients, clock);
    outbox.saveAndPublish(broadcast);
    leases.renew(
        broadcastId,
        new Update()
            .set("state", FanOutJob.State.COMPLETED)
            .set("completedAt", Instant.now(clock)));
    return recipients;
  }

  private void deliver(Broadcast broadcast, List<Recipient> batch) {
    if (batch.isEmpty()) {
      return;
    }
    Instant now = Instant.now(clock);
    List<BroadcastRecipient> rows = new ArrayList<>(batch.size());
    for (Recipient a : batch) {
      rows.add(
          new BroadcastRecipient(
              BroadcastRecipient.idOf(broadcast.id(), a.memberId()),
              broadcast.id(),
              a.memberId(),
              a.fullName(),
              a.orgPath(),
              now,
              null,
              null,
              null,
              null));
    }
    List<BroadcastRecipient> inserted = insertNew(rows);
    if (!inserted.isEmpty()) {
      Map<String, Long> perCell = new LinkedHashMap<>();
      inserted.forEach(r -> perCell.merge(r.cellPath(), 1L, Long::sum));
      Tallies.add(mongo, broadcast.id(), inserted.size(), perCell);
    }
    // every notice of the batch, not only the new rows': a crash between the insert and the issue
    // left some rows without their notice, and issuing is idempotent per cause and recipient
    notices.issue(batch.stream().map(a -> note(broadcast, a.memberId(), a.orgPath(), 0)).toList());
    // a run that lost its job goes on: the new owner runs it again from the start, rows and
    // notices are idempotent, and only the owner's counts are kept
    leases.renew(broadcast.id(), new Update().inc("batches", 1).inc("visited", batch.size()));
  }

  /**
   * The notice of a broadcast: its cause is the broadcast id (the inbox can link back to it), a
   * remind round's is {@code <id>:remind:<round>}, so each round reaches each member once.
   */
  /** Dates in notices as people write them: 12/12/2026. */
  static final java.time.format.DateTimeFormatter DUE =
      java.time.format.DateTimeFormatter.ofPattern("dd/MM/yyyy");

  static NoticeRequest note(Broadcast broadcast, String memberId, String orgPath, int round) {
    String template =
        broadcast.kind() == Broadcast.Kind.TASK ? "broadcast.task" : "broadcast.announcement";
    return new NoticeRequest(
        memberId,
        NOTICE_KIND,
        round == 0 ? template : template + ".reminder",
        java.util.Map.of(
            "title",
            broadcast.title(),
            "dueOn",
            broadcast.dueOn() == null ? "" : DUE.format(broadcast.dueOn())),
        round == 0 ? broadcast.id() : broadcast.id() + ":remind:" + round,
        PortalLinks.broadcast(broadcast.id()),
        orgPath);
  }

  /** One unordered bulk insert; rows a previous run already inserted are refused and left out. */
  private List<BroadcastRecipient> insertNew(List<BroadcastRecipient> rows) {
    BulkOperations insert =
        mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, BroadcastRecipient.class);
    insert.insert(rows);
    try {
      insert.execute();
      return rows;
    } catch (BulkOperationException e) {
      Set<Integer> refused = new HashSet<>();
      for (var error : e.getErrors()) {
        if (error.getCode() != 11000) {
          throw e;
        }
        refused.add(error.getIndex());
      }
      List<BroadcastRecipient> inserted = new ArrayList<>();
      for (int i = 0; i < rows.size(); i++) {
        if (!refused.contains(i)) {
          inserted.add(rows.get(i));
        }
      }
      return inserted;
    }
  }
}
