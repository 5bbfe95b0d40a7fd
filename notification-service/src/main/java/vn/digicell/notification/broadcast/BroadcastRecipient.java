package vn.digicell.notification.broadcast;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One member's copy of a broadcast: when it reached them, when they read and acknowledged it (and,
 * for a task, when they reported it done). Its id is the broadcast id and the member id, so a
 * resumed fan-out never adds a second row.
 */
@Document("broadcast_recipients")
@CompoundIndexes({
  @CompoundIndex(name = "per_cell", def = "{'broadcastId': 1, 'cellPath': 1, '_id': 1}"),
  @CompoundIndex(name = "mine", def = "{'memberId': 1, 'receivedAt': -1, '_id': -1}"),
  @CompoundIndex(name = "outstanding", def = "{'broadcastId': 1, 'readAt': 1, '_id': 1}")
})
public record BroadcastRecipient(
    @Id String id,
    String broadcastId,
    String memberId,
    String fullName,
    String cellPath,
    Instant receivedAt,
    Instant readAt,
    Instant acknowledgedAt,
    String note,
    Instant completedAt) {

  static String idOf(String broadcastId, String memberId) {
    return broadcastId + ":" + memberId;
  }
}
