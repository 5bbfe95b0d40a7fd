package vn.digicell.notification.broadcast;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One remind round of a broadcast in progress: its id is the broadcast id and the round, {@code
 * after} the last recipient row whose reminder was issued. An instance holds it while its heartbeat
 * is fresh; a round whose heartbeat went stale (the instance died mid-round) is taken over and
 * continued from {@code after}. Reminder notices are idempotent per round and recipient, so a batch
 * issued again after a crash reminds nobody twice.
 */
@Document("broadcast_remind_rounds")
@CompoundIndex(name = "unfinished", def = "{'state': 1, 'heartbeatAt': 1}")
public record RemindRound(
    @Id String id,
    String broadcastId,
    int round,
    State state,
    String owner,
    int attempts,
    String after,
    long batches,
    long reminded,
    Instant startedAt,
    Instant heartbeatAt,
    Instant completedAt) {

  /**
   * RUNNING until every recipient outstanding in the round got its reminder; ABANDONED when the
   * round was never opened (the broadcast was not saved with it, e.g. a concurrent remind won).
   */
  public enum State {
    RUNNING,
    COMPLETED,
    ABANDONED
  }

  static String idOf(String broadcastId, int round) {
    return broadcastId + ":" + round;
  }
}
