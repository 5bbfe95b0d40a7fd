package vn.digicell.member.member;

import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.FindAndModifyOptions;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/** Reads of member records, always bounded and served by an index. */
@Repository
class Members {

  private static final String COUNTERS = "counters";

  private final MongoTemplate mongo;

  Members(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  Optional<Member> findById(String id) {
    return Optional.ofNullable(mongo.findById(id, Member.class));
  }

  boolean existsByCitizenIdHash(String hash) {
    return mongo.exists(Query.query(Criteria.where("citizenIdHash").is(hash)), Member.class);
  }

  /**
   * A cell's members in Vietnamese name order, after the (sortKey, id) of the last one seen: a
   * keyset page served by the {@code cell_order} index.
   */
  List<Member> inCell(String orgUnitId, String afterSortKey, String afterId, int limit) {
    Criteria criteria = Criteria.where("orgUnitId").is(orgUnitId);
    if (afterSortKey != null) {
      criteria =
          criteria.orOperator(
              Criteria.where("sortKey").gt(afterSortKey),
              new Criteria()
                  .andOperator(
                      Criteria.where("sortKey").is(afterSortKey),
                      Criteria.where("_id").gt(afterId)));
    }
    return mongo.find(
        Query.query(criteria).with(Sort.by("sortKey", "_id")).limit(limit), Member.class);
  }

  /** The next party member number of the sequence, atomically. */
  long nextPartyNumber() {
    Document counter =
        mongo.findAndModify(
            Query.query(Criteria.where("_id").is("partyNumber")),
            new Update().inc("value", 1L),
            FindAndModifyOptions.options().upsert(true).returnNew(true),
            Document.class,
            COUNTERS);
    return ((Number) counter.get("value")).longValue();
  }
}
