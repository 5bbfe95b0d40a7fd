package vn.digicell.member.orgunit;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Repository;

/** Reads of the org tree, always bounded. */
@Repository
public class OrgUnits {

  private final MongoTemplate mongo;

  OrgUnits(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  public Optional<OrgUnit> findById(String id) {
    return Optional.ofNullable(mongo.findById(id, OrgUnit.class));
  }

  /** Whether any active unit has this one as its parent. */
  boolean hasActiveChildren(String id) {
    return mongo.exists(
        Query.query(Criteria.where("parentId").is(id).and("status").is(OrgUnitStatus.ACTIVE)),
        OrgUnit.class);
  }

  /** Whether any member still active in party life belongs to this unit. */
  boolean hasActiveMembers(String id) {
    return mongo.exists(
        Query.query(
            Criteria.where("orgUnitId")
                .is(id)
                .and("status")
                .in("PROBATIONARY", "OFFICIAL", "EXEMPTED")),
        "members");
  }

  /** The roots of the tree (provinces, in any status), at most a thousand. */
  List<OrgUnit> roots() {
    return mongo.find(
        Query.query(Criteria.where("parentId").is(null)).with(Sort.by("_id")).limit(1_000),
        OrgUnit.class);
  }

  /** Active units directly under {@code parentId}, by id, after {@code afterId}. */
  List<OrgUnit> activeChildren(String parentId, String afterId, int limit) {
    Criteria criteria =
        Criteria.where("parentId").is(parentId).and("status").is(OrgUnitStatus.ACTIVE);
    if (afterId != null) {
      criteria = criteria.and("_id").gt(afterId);
    }
    return mongo.find(Query.query(criteria).with(Sort.by("_id")).limit(limit), OrgUnit.class);
  }

  /**
   * Rewrites the paths of every unit strictly under {@code oldPath} to stand under {@code newPath},
   * a batch of bulk updates at a time (one round trip per batch), each unit's dated history noting
   * it. Idempotent: a unit already rewritten no longer matches the old prefix, so a retry after a
   * crash finishes the job. Returns how many were rewritten.
   */
  long rewriteDescendants(
      String oldPath, String newPath, java.time.LocalDate on, String decision, String by) {
    long rewritten = 0;
    java.util.regex.Pattern under =
        java.util.regex.Pattern.compile("^" + Pattern.quote(oldPath + "/"));
    while (true) {
      List<org.bson.Document> batch =
          mongo.find(
              Query.query(Criteria.where("path").regex(under)).with(Sort.by("path")).limit(BATCH),
              org.bson.Document.class,
              COLLECTION);
      if (batch.isEmpty()) {
        return rewritten;
      }
      org.springframework.data.mongodb.core.BulkOperations bulk =
          mongo.bulkOps(
              org.springframework.data.mongodb.core.BulkOperations.BulkMode.UNORDERED, COLLECTION);
      for (org.bson.Document unit : batch) {
        String was = unit.getString("path");
        String now = newPath + was.substring(oldPath.length());
        OrgUnit.Change change =
            new OrgUnit.Change(
                on,
                unit.getString("name"),
                OrgUnitStatus.valueOf(unit.getString("status")),
                "path changed: " + oldPath + " moved to " + newPath,
                decision,
                by,
                now,
                unit.getString("parentId"),
                was,
                null);
        org.bson.Document written = new org.bson.Document();
        mongo.getConverter().write(change, written);
        written.remove("_class");
        bulk.updateOne(
            Query.query(Criteria.where("_id").is(unit.get("_id")).and("path").is(was)),
            new Update().set("path", now).push("changes", written));
      }
      rewritten += bulk.execute().getModifiedCount();
    }
  }

  /**
   * Units that stand, or ever stood, at or under {@code root}: by today's path or by a path in
   * their dated history (the multikey {@code history_path} index), keyset on id.
   */
  List<OrgUnit> everUnder(String root, String afterId, int limit) {
    java.util.regex.Pattern prefix =
        java.util.regex.Pattern.compile("^" + Pattern.quote(root) + "(/|$)");
    Criteria criteria =
        new Criteria()
            .orOperator(
                Criteria.where("path").regex(prefix),
                Criteria.where("changes.path").regex(prefix),
                Criteria.where("changes.previousPath").regex(prefix));
    if (afterId != null) {
      criteria = new Criteria().andOperator(criteria, Criteria.where("_id").gt(afterId));
    }
    return mongo.find(Query.query(criteria).with(Sort.by("_id")).limit(limit), OrgUnit.class);
  }

  static final String COLLECTION = "org_units";
  static final int BATCH = 500;

  Optional<OrgUnit> findByPath(String path) {
    return Optional.ofNullable(
        mongo.findOne(Query.query(Criteria.where("path").is(path)), OrgUnit.class));
  }

  boolean existsByPath(String path) {
    return mongo.exists(Query.query(Criteria.where("path").is(path)), OrgUnit.class);
  }

  /**
   * Units at or under {@code root}, in path order, after {@code afterPath}: an anchored prefix
   * match, which the unique index on {@code path} serves in MongoDB.
   */
  List<OrgUnit> under(String root, String afterPath, int limit) {
    String prefix = "/".equals(root) ? "/" : root + "/";
    Criteria criteria =
        new Criteria()
            .orOperator(
                Criteria.where("path").is(root),
                Criteria.where("path").regex("^" + Pattern.quote(prefix)));
    if (afterPath != null) {
      criteria = new Criteria().andOperator(criteria, Criteria.where("path").gt(afterPath));
    }
    return mongo.find(Query.query(criteria).with(Sort.by("path")).limit(limit), OrgUnit.class);
  }
}
