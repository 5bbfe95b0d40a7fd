package vn.digicell.notification.broadcast;

import java.time.Duration;
import java.time.Instant;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Background work (fan-outs, remind rounds) kept as documents with a {@code state}, an {@code
 * owner} instance and a {@code heartbeatAt} it renews while working: a running one whose heartbeat
 * is older than {@code staleAfter} lost its instance, and another takes it over.
 */
final class Leases {

  private Leases() {}

  /**
   * Atomically claims one running document of this type whose instance stopped beating: it becomes
   * {@code owner}'s, beating now, one attempt more. Null when there is none.
   */
  static <T> T claimStale(
      MongoTemplate mongo,
      Class<T> type,
      Object runningState,
      String owner,
      Instant now,
      Duration staleAfter) {
    return mongo.findAndModify(
        Query.query(
            Criteria.where("state").is(runningState).and("heartbeatAt").lt(now.minus(staleAfter))),
        new Update().set("owner", owner).set("heartbeatAt", now).inc("attempts", 1),
        FindAndModifyOptions.options().returnNew(true),
        type);
  }
}
