package vn.digicell.platform.jobs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import java.util.UUID;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Leases on work that outlives one scheduled round (an import, a fan-out, a re-encryption): the
 * work's own document says who runs it ({@value #OWNER}) and when that process last showed it was
 * alive ({@value #HEARTBEAT}). A job's cluster lock ({@link ScheduledJobsAutoConfiguration}) only
 * keeps two replicas from looking for abandoned work at once; whether a piece of work is abandoned
 * is this lease's call, per document, because the work runs on in a worker long after the round
 * that found it ended, and many pieces run at once on different replicas.
 *
 * <p>The contract, for every kind of work:
 *
 * <ul>
 *   <li>A document is abandoned when its heartbeat is older than {@code staleAfter}: its owner died
 *       or stopped without saying so. {@link #claimStale} hands one such document to this process
 *       in one atomic write, so of the replicas racing for it exactly one wins, and the winner is
 *       its owner and beats from that moment. A document nobody ever beat for (written before its
 *       first run, or by an older version) counts as abandoned only where the caller says so
 *       ({@link #claimStaleOrUnbeaten}).
 *   <li>The owner renews its lease with the progress it saves ({@link #renew}): one write, only
 *       while the document is still its own, so a process that was too slow and lost its work
 *       learns it from the save it makes anyway, and its late progress never overwrites the new
 *       owner's.
 *   <li>An owner that stops knowingly (a rolling update, work meant for another replica) gives the
 *       lease up ({@link #release}): the document is abandoned at once, for any claim, instead of
 *       after {@code staleAfter}.
 * </ul>
 *
 * <p>{@code staleAfter} must be longer than the longest gap between two renewals (a batch, a
 * heartbeat tick), or live work is taken over and runs twice: the work must therefore be safe to
 * run again from its last saved progress, which every user's steps are. Replicas' clocks must agree
 * (Kubernetes nodes run NTP). One instance per kind of work and process: its {@link #owner} names
 * this process.
 *
 * @param <T> the type the work's documents are read as
 */
public final class Leases<T> {

  /** The field naming the process that runs the work. */
  public static final String OWNER = "owner";

  /** The field with the owner's last sign of life. */
  public static final String HEARTBEAT = "heartbeatAt";

  /** The heartbeat of work given up: older than any {@code staleAfter}. */
  public static final Instant RELEASED = Instant.EPOCH;

  private final MongoTemplate mongo;
  private final Class<T> type;
  private final String collection;
  private final Duration staleAfter;
  private final Clock clock;
  private final String owner = UUID.randomUUID().toString();

  /** Leases on the documents of {@code type}, in its mapped collection. */
  public Leases(MongoTemplate mongo, Class<T> type, Duration staleAfter, Clock clock) {
    this(mongo, type, mongo.getCollectionName(type), staleAfter, clock);
  }

  /** Leases on the documents of {@code collection}, read as {@code type}. */
  public Leases(
      MongoTemplate mongo, Class<T> type, String collection, Duration staleAfter, Clock clock) {
    this.mongo = mongo;
    this.type = type;
    this.collection = collection;
    this.staleAfter = staleAfter;
    this.clock = clock;
  }

  /** This process, as the owner it writes in the work it runs (and in work it starts itself). */
  public String owner() {
    return owner;
  }

  /**
   * Takes over one document matching {@code running} whose owner stopped beating, the first in
   * {@code order} ({@link Sort#unsorted()} for any); {@code also} is written in the same update (an
   * attempt counted, a time of takeover). Empty when there is none, or another replica won it.
   */
  public Optional<T> claimStale(Criteria running, Sort order, Update also) {
    return claim(running, order, also, Criteria.where(HEARTBEAT).lt(staleSince()));
  }

  /**
   * {@link #claimStale}, counting a document without a heartbeat as abandoned too: for work whose
   * documents are written before anyone runs them, or were written before they had a lease.
   */
  public Optional<T> claimStaleOrUnbeaten(Criteria running, Sort order, Update also) {
    return claim(
        running,
        order,
        also,
        new Criteria()
            .orOperator(
                Criteria.where(HEARTBEAT).is(null), Criteria.where(HEARTBEAT).lt(staleSince())));
  }

  private Optional<T> claim(Criteria running, Sort order, Update also, Criteria abandoned) {
    return Optional.ofNullable(
        mongo.findAndModify(
            Query.query(new Criteria().andOperator(running, abandoned)).with(order),
            also.set(OWNER, owner).set(HEARTBEAT, now()),
            FindAndModifyOptions.options().returnNew(true),
            type,
            collection));
  }

  /**
   * Saves {@code progress} (which gets the heartbeat added) if document {@code id} is still this
   * process's and matches {@code still}; returns whether it was, so whether the work is still ours.
   */
  public boolean renew(Object id, Criteria still, Update progress) {
    return write(new Criteria().andOperator(held(id), still), progress.set(HEARTBEAT, now()));
  }

  /** {@link #renew(Object, Criteria, Update)} with no condition beyond holding the lease. */
  public boolean renew(Object id, Update progress) {
    return write(held(id), progress.set(HEARTBEAT, now()));
  }

  /**
   * Gives document {@code id} up, with {@code also} written in the same update (why it stopped), if
   * it is still this process's: any claim takes it at once. Returns whether it was.
   */
  public boolean release(Object id, Update also) {
    return write(held(id), also.unset(OWNER).set(HEARTBEAT, Date.from(RELEASED)));
  }

  /** {@link #release(Object, Update)} with nothing else to write. */
  public boolean release(Object id) {
    return release(id, new Update());
  }

  private boolean write(Criteria which, Update update) {
    return mongo.updateFirst(Query.query(which), update, type, collection).getMatchedCount() == 1;
  }

  private Criteria held(Object id) {
    return Criteria.where("_id").is(id).and(OWNER).is(owner);
  }

  private Date staleSince() {
    return Date.from(clock.instant().minus(staleAfter));
  }

  private Date now() {
    return Date.from(clock.instant());
  }
}
