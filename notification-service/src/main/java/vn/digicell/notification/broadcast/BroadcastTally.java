package vn.digicell.notification.broadcast;

import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * Running totals of one broadcast, kept with {@code $inc} as rows are added, read and acknowledged,
 * so a view never counts 100,000 rows. {@code dirty} means the totals changed since the last
 * summary event.
 */
@Document("broadcast_tallies")
public record BroadcastTally(
    @Id String id, Long recipients, Long read, Long acknowledged, @Indexed Boolean dirty) {

  /** Counters not yet incremented read as zero. */
  public BroadcastTally {
    recipients = recipients == null ? 0L : recipients;
    read = read == null ? 0L : read;
    acknowledged = acknowledged == null ? 0L : acknowledged;
    dirty = Boolean.TRUE.equals(dirty);
  }

  static BroadcastTally empty(String broadcastId) {
    return new BroadcastTally(broadcastId, 0L, 0L, 0L, false);
  }
}
