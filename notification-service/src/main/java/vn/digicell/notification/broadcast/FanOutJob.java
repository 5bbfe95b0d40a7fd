package vn.digicell.notification.broadcast;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * The delivery of one broadcast in progress. An instance holds it while its heartbeat is fresh; a
 * job whose heartbeat went stale (the instance died) is taken over and run again from the start,
 * which is safe because rows and notices are idempotent per recipient.
 */
@Document("broadcast_fanouts")
@CompoundIndex(name = "unfinished", def = "{'state': 1, 'heartbeatAt': 1}")
public record FanOutJob(
    @Id String id,
    State state,
    String owner,
    int attempts,
    long batches,
    long visited,
    Instant startedAt,
    Instant heartbeatAt,
    Instant completedAt) {

  /** RUNNING until everyone under the targets got their row and notice. */
  public enum State {
    RUNNING,
    COMPLETED
  }
}
