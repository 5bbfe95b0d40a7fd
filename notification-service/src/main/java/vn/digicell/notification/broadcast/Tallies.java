package vn.digicell.notification.broadcast;

import java.util.Map;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;

/** The {@code $inc} updates of a broadcast's totals and its per-cell totals. */
final class Tallies {

  private Tallies() {}

  /** New rows: recipients go up, in all and per cell. */
  static void add(MongoTemplate mongo, String broadcastId, long count, Map<String, Long> perCell) {
    mongo.upsert(
        Query.query(Criteria.where("_id").is(broadcastId)),
        new Update().inc("recipients", count).set("dirty", true),
        BroadcastTally.class);
    BulkOperations cells = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, CellTally.class);
    perCell.forEach(
        (cell, n) ->
            cells.upsert(
                Query.query(Criteria.where("_id").is(CellTally.idOf(broadcastId, cell))),
                new Update()
                    .setOnInsert("broadcastId", broadcastId)
                    .setOnInsert("cellPath", cell)
                    .setOnInsert("read", 0L)
                    .setOnInsert("acknowledged", 0L)
                    .inc("recipients", n)));
    cells.execute();
  }

  /**
   * One member's first read or acknowledgement ({@code field} is {@code read} or {@code
   * acknowledged}).
   */
  static void count(MongoTemplate mongo, String broadcastId, String cellPath, String field) {
    mongo.updateFirst(
        Query.query(Criteria.where("_id").is(broadcastId)),
        new Update().inc(field, 1).set("dirty", true),
        BroadcastTally.class);
    mongo.updateFirst(
        Query.query(Criteria.where("_id").is(CellTally.idOf(broadcastId, cellPath))),
        new Update().inc(field, 1),
        CellTally.class);
  }
}
