package vn.digicell.member.orgunit;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
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
