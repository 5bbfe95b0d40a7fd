package vn.digicell.platform.jobs;

import com.mongodb.client.MongoCollection;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import net.javacrumbs.shedlock.provider.mongo.MongoLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import net.javacrumbs.shedlock.support.KeepAliveLockProvider;
import org.bson.Document;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.data.mongodb.MongoDatabaseFactory;

/**
 * One way to run background work in a cluster: every scheduled job of every replica takes its job's
 * lock in the service's own store before it runs ({@code @SchedulerLock(name = …)}), so a job runs
 * on one replica at a time, and the others skip that round. The lock is kept alive while the job
 * runs (renewed every half of {@code lockAtMostFor}), so a long run is never taken over while its
 * owner still beats; a replica that dies mid-run frees it after {@code lockAtMostFor} (default
 * {@value #DEFAULT_LOCK_AT_MOST_FOR}).
 *
 * <p>Locks live in the collection {@value #COLLECTION}: one document per job name with {@code
 * lockUntil}, {@code lockedAt} and {@code lockedBy} (the host), readable by whoever is on call.
 */
@AutoConfiguration(
    afterName = "org.springframework.boot.data.mongodb.autoconfigure.DataMongoAutoConfiguration")
@ConditionalOnBean(MongoDatabaseFactory.class)
@EnableSchedulerLock(
    defaultLockAtMostFor =
        "${digicell.jobs.lock-at-most-for:"
            + ScheduledJobsAutoConfiguration.DEFAULT_LOCK_AT_MOST_FOR
            + "}")
public class ScheduledJobsAutoConfiguration {

  /** The store's collection of job locks. */
  public static final String COLLECTION = "scheduled_job_locks";

  /** How long a lock outlives a replica that died holding it. */
  public static final String DEFAULT_LOCK_AT_MOST_FOR = "PT2M";

  @Bean
  @ConditionalOnMissingBean
  LockProvider scheduledJobLocks(MongoDatabaseFactory store) {
    return new ScheduledJobLocks(store.getMongoDatabase().getCollection(COLLECTION));
  }

  /**
   * Mongo locks kept alive by one heartbeat thread of their own. Not a bean of its own: Boot takes
   * a {@code ScheduledExecutorService} bean for the application's scheduler.
   */
  static final class ScheduledJobLocks implements LockProvider, DisposableBean {

    private final ScheduledExecutorService heartbeat =
        Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("job-lock-heartbeat").daemon(true).factory());
    private final LockProvider locks;

    ScheduledJobLocks(MongoCollection<Document> collection) {
      this.locks = new KeepAliveLockProvider(new MongoLockProvider(collection), heartbeat);
    }

    @Override
    public Optional<SimpleLock> lock(LockConfiguration configuration) {
      return locks.lock(configuration);
    }

    @Override
    public void destroy() {
      heartbeat.shutdownNow();
    }
  }
}
