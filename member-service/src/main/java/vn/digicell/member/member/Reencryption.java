package vn.digicell.member.member;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import vn.digicell.member.orgunit.OrgUnitService;
import vn.digicell.member.shared.Roles;
import vn.digicell.platform.jobs.Leases;

/**
 * Rewrites every encrypted value of the member records that another key than the write key sealed
 * (or that carries no key id), so an old key can be retired. One job at a time for the whole
 * database, its state in the store ({@code reencryption_jobs}): it runs a batch at a time in key
 * order, saving where it stands after each batch, under a lease ({@link Leases}) renewed with each
 * batch's save; a job whose holder died is taken over by the resume tick on any instance and goes
 * on from the last saved batch. A record changed by someone else while it was being rewritten is
 * left as it is (it stays readable with its key) and counted as skipped: running the job again
 * picks it up.
 */
@Service
public class Reencryption implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Reencryption.class);

  static final String COLLECTION = "reencryption_jobs";
  static final String JOB = "members";
  static final List<String> FIELDS =
      List.of(
          "citizenIdEncrypted",
          "phoneEncrypted",
          "emailEncrypted",
          "residenceEncrypted",
          "zaloIdEncrypted");
  static final int BATCH = 200;
  static final Duration LEASE = Duration.ofMinutes(2);

  private final MongoTemplate mongo;
  private final SensitiveData sensitive;
  private final OrgUnitService orgUnits;
  private final Clock clock;
  private final Leases<Document> leases;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "reencryption");
            t.setDaemon(true);
            return t;
          });

  Reencryption(MongoTemplate mongo, SensitiveData sensitive, OrgUnitService orgUnits, Clock clock) {
    this.mongo = mongo;
    this.sensitive = sensitive;
    this.orgUnits = orgUnits;
    this.clock = clock;
    this.leases = new Leases<>(mongo, Document.class, COLLECTION, LEASE, clock);
  }

  /**
   * The job as an it-admin reads it. {@code state} is NONE before any job ran; {@code heartbeat} is
   * the last sign of life of the instance running it (none before it first ran, or when given up).
   */
  public record Progress(
      String state,
      String writeKeyId,
      long total,
      long scanned,
      long rewritten,
      long skipped,
      int percent,
      Instant startedAt,
      Instant finishedAt,
      Instant heartbeat) {}

  /** Where the job stands (it-admin acting for the whole tree). */
  public Progress progress() {
    orgUnits.requireOverWholeTree(Roles.IT_ADMIN);
    return read();
  }

  /**
   * Starts rewriting every value not sealed with the current write key (it-admin acting for the
   * whole tree); a job already running towards the same key goes on and is answered.
   */
  public Progress start() {
    orgUnits.requireOverWholeTree(Roles.IT_ADMIN);
    Document job = mongo.findById(JOB, Document.class, COLLECTION);
    boolean running =
        job != null
            && "RUNNING".equals(job.getString("state"))
            && sensitive.writeKeyId().equals(job.getString("writeKeyId"));
    if (!running) {
      Document fresh =
          new Document("_id", JOB)
              .append("state", "RUNNING")
              .append("writeKeyId", sensitive.writeKeyId())
              .append("total", mongo.count(new Query(), "members"))
              .append("scanned", 0L)
              .append("rewritten", 0L)
              .append("skipped", 0L)
              .append("lastId", null)
              .append("startedAt", Date.from(clock.instant()));
      mongo.save(fresh, COLLECTION);
    }
    worker.submit(this::runWhileHeld);
    return read();
  }

  /** Takes over a running job whose holder stopped renewing its lease (a crash, a redeploy). */
  @Scheduled(
      fixedDelayString = "${digicell.member.crypto.reencryption-resume-ms:60000}",
      initialDelayString = "${digicell.member.crypto.reencryption-resume-ms:60000}")
  @SchedulerLock(name = "member.reencryption-takeover")
  public void scheduled() {
    resume();
  }

  /** The takeover check itself, for a caller that already runs alone (the job, a test). */
  void resume() {
    if (claimStale()) {
      worker.submit(this::runWhileHeld);
    }
  }

  /** Runs batches as long as this instance holds the lease; each batch renews it. */
  void runWhileHeld() {
    try {
      if (!leases.renew(JOB, running(), new Update()) && !claimStale()) {
        return; // finished, or another instance beats for it
      }
      while (true) {
        Document job = mongo.findById(JOB, Document.class, COLLECTION);
        if (!sensitive.writeKeyId().equals(job.getString("writeKeyId"))) {
          log.warn(
              "re-encryption towards key {} left to an instance writing with it (this one writes"
                  + " with {})",
              job.getString("writeKeyId"),
              sensitive.writeKeyId());
          leases.release(JOB);
          return;
        }
        String lastId = job.getString("lastId");
        Query query = new Query().with(Sort.by("_id")).limit(BATCH);
        if (lastId != null) {
          query.addCriteria(Criteria.where("_id").gt(lastId));
        }
        List<Document> batch = mongo.find(query, Document.class, "members");
        if (batch.isEmpty()) {
          finish();
          return;
        }
        long rewritten = 0;
        long skipped = 0;
        for (Document member : batch) {
          switch (rewrite(member)) {
            case REWRITTEN -> rewritten++;
            case SKIPPED -> skipped++;
            case CURRENT -> {}
          }
        }
        Update progress =
            new Update()
                .set("lastId", batch.get(batch.size() - 1).getString("_id"))
                .inc("scanned", (long) batch.size())
                .inc("rewritten", rewritten)
                .inc("skipped", skipped);
        if (!leases.renew(JOB, progress)) {
          return; // taken over (this instance was too slow), or started afresh
        }
      }
    } catch (RuntimeException e) {
      log.error("re-encryption stopped; the resume tick retries it", e);
    }
  }

  private enum Outcome {
    CURRENT,
    REWRITTEN,
    SKIPPED
  }

  /** Seals one record's old-key values again, unless the record changed meanwhile. */
  private Outcome rewrite(Document member) {
    Update update = new Update();
    boolean any = false;
    for (String field : FIELDS) {
      String value = member.getString(field);
      if (sensitive.needsRewrite(value)) {
        update.set(field, sensitive.reencrypt(value));
        any = true;
      }
    }
    List<Document> amendments = member.getList("amendments", Document.class, List.of());
    List<Document> rewrittenAmendments = new ArrayList<>();
    boolean amendmentsChanged = false;
    for (Document amendment : amendments) {
      Document copy = new Document(amendment);
      Document personal = amendment.get("personalEncrypted", Document.class);
      if (personal != null) {
        Document sealed = new Document();
        for (String key : personal.keySet()) {
          Object value = personal.get(key);
          if (value instanceof String s && sensitive.needsRewrite(s)) {
            sealed.append(key, sensitive.reencrypt(s));
            amendmentsChanged = true;
          } else {
            sealed.append(key, value);
          }
        }
        copy.put("personalEncrypted", sealed);
      }
      rewrittenAmendments.add(copy);
    }
    if (amendmentsChanged) {
      update.set("amendments", rewrittenAmendments);
      any = true;
    }
    if (!any) {
      return Outcome.CURRENT;
    }
    // only the record as read: a concurrent change (its version moved) wins, and is left for a
    // later run; the version is not bumped, the values mean the same
    Query unchanged =
        Query.query(
            Criteria.where("_id").is(member.get("_id")).and("version").is(member.get("version")));
    return mongo.updateFirst(unchanged, update, "members").getMatchedCount() == 1
        ? Outcome.REWRITTEN
        : Outcome.SKIPPED;
  }

  /** Takes the job over when it runs and its holder stopped beating (or nobody ran it yet). */
  private boolean claimStale() {
    return leases
        .claimStaleOrUnbeaten(running().and("_id").is(JOB), Sort.unsorted(), new Update())
        .isPresent();
  }

  private static Criteria running() {
    return Criteria.where("state").is("RUNNING");
  }

  private void finish() {
    leases.renew(
        JOB, new Update().set("state", "COMPLETED").set("finishedAt", Date.from(clock.instant())));
  }

  private Progress read() {
    Document job = mongo.findById(JOB, Document.class, COLLECTION);
    if (job == null) {
      return new Progress("NONE", sensitive.writeKeyId(), 0, 0, 0, 0, 0, null, null, null);
    }
    long total = number(job, "total");
    long scanned = number(job, "scanned");
    boolean completed = "COMPLETED".equals(job.getString("state"));
    int percent =
        completed || total == 0 ? 100 : (int) Math.min(99, Math.floor(scanned * 100.0 / total));
    return new Progress(
        job.getString("state"),
        job.getString("writeKeyId"),
        total,
        scanned,
        number(job, "rewritten"),
        number(job, "skipped"),
        percent,
        instant(job, "startedAt"),
        instant(job, "finishedAt"),
        heartbeat(job));
  }

  private static long number(Document job, String field) {
    Object value = job.get(field);
    return value instanceof Number n ? n.longValue() : 0;
  }

  private static Instant heartbeat(Document job) {
    Instant beat = instant(job, Leases.HEARTBEAT);
    return Leases.RELEASED.equals(beat) ? null : beat;
  }

  private static Instant instant(Document job, String field) {
    Date date = job.getDate(field);
    return date == null ? null : date.toInstant();
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
