package vn.digicell.notification.broadcast;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.mapping.Document;

/** Running totals of one broadcast in one cell (or other unit the recipients belong to). */
@Document("broadcast_cell_tallies")
@CompoundIndex(name = "per_broadcast", def = "{'broadcastId': 1, 'cellPath': 1}")
public record CellTally(
    @Id String id,
    String broadcastId,
    String cellPath,
    Long recipients,
    Long read,
    Long acknowledged) {

  /** Counters not yet incremented read as zero. */
  public CellTally {
    recipients = recipients == null ? 0L : recipients;
    read = read == null ? 0L : read;
    acknowledged = acknowledged == null ? 0L : acknowledged;
  }

  static String idOf(String broadcastId, String cellPath) {
    return broadcastId + "|" + cellPath;
  }
}
