package vn.digicell.member.reorganisation;

import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;

/**
 * Keeps two reorganisations that touch the same part of the tree from running at once, across
 * instances. A plan claims the unit it changes together with everything under it ({@code
 * exclusive}), and marks the units above it and the unit it moves or merges into — with theirs
 * above — as having work inside ({@code within}). One lock document per unit ({@code _id} = unit
 * id, stable when paths change), each claim one conditional update on it, so the check and the
 * claim are one atomic step in the database:
 *
 * <ul>
 *   <li>{@code exclusive} is taken only when no other plan holds the unit exclusively or has work
 *       inside it;
 *   <li>{@code within} is joined only when no other plan holds the unit exclusively.
 * </ul>
 *
 * <p>So a move of a commune and a merge of one of its cells, or two merges of the same cell, never
 * both run; two merges into the same survivor may. The lock belongs to the plan, not to the
 * process: a plan a crash left {@code RUNNING} keeps its claims until it is resumed and completes
 * (the 5-minute resume job), then they are released; a claim held by a plan that is {@code DONE} or
 * gone (a crash between its end and the release) is stale and taken over.
 */
@Component
class ReorganisationLocks {

  static final String COLLECTION = "reorganisation_locks";

  private final MongoTemplate mongo;
  private final Clock clock;

  ReorganisationLocks(MongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
    // releasing a plan finds its claims by plan id
    mongo.indexOps(COLLECTION).createIndex(new Index().on("exclusive", Sort.Direction.ASC));
    mongo.indexOps(COLLECTION).createIndex(new Index().on("within", Sort.Direction.ASC));
  }

  /** What a plan claims: units changed with their subtree, units that only gain or hold work. */
  record Claim(Set<String> exclusive, Set<String> within) {}

  /** The plan holding a unit a claim needed. */
  record Conflict(String unitId, String planId) {}

  /**
   * Takes every claim for {@code planId} (again, when it holds them already), or none: on the first
   * conflict with another live plan what was taken is released and the conflict returned.
   */
  Optional<Conflict> acquire(String planId, Claim claim) {
    Set<String> all = new LinkedHashSet<>(claim.within());
    all.addAll(claim.exclusive());
    for (String unitId : all) {
      try {
        mongo.upsert(
            Query.query(Criteria.where("_id").is(unitId)),
            new Update().setOnInsert("since", clock.instant()),
            COLLECTION);
      } catch (org.springframework.dao.DuplicateKeyException raced) {
        // another claim created it in the same instant: it exists, which is all this needs
      }
    }
    for (String unitId : claim.within()) {
      Optional<Conflict> conflict = take(planId, unitId, false);
      if (conflict.isPresent()) {
        release(planId);
        return conflict;
      }
    }
    for (String unitId : claim.exclusive()) {
      Optional<Conflict> conflict = take(planId, unitId, true);
      if (conflict.isPresent()) {
        release(planId);
        return conflict;
      }
    }
    return Optional.empty();
  }

  private Optional<Conflict> take(String planId, String unitId, boolean exclusive) {
    for (int attempt = 0; attempt < 3; attempt++) {
      Criteria free =
          Criteria.where("_id")
              .is(unitId)
              .orOperator(
                  Criteria.where("exclusive").exists(false),
                  Criteria.where("exclusive").is(null),
                  Criteria.where("exclusive").is(planId));
      Update update;
      if (exclusive) {
        free =
            new Criteria()
                .andOperator(
                    free,
                    new Criteria()
                        .orOperator(
                            Criteria.where("within").exists(false),
                            Criteria.where("within").size(0),
                            Criteria.where("within").is(List.of(planId))));
        update = new Update().set("exclusive", planId).set("at", clock.instant());
      } else {
        update = new Update().addToSet("within", planId).set("at", clock.instant());
      }
      if (mongo.updateFirst(Query.query(free), update, COLLECTION).getMatchedCount() == 1) {
        return Optional.empty();
      }
      Document lock = mongo.findById(unitId, Document.class, COLLECTION);
      String holder = holder(lock, planId, exclusive);
      if (holder == null) {
        continue; // released meanwhile
      }
      if (!live(holder)) {
        release(holder); // stale: its plan completed or never was
        continue;
      }
      return Optional.of(new Conflict(unitId, holder));
    }
    return Optional.of(new Conflict(unitId, holderOrUnknown(unitId, planId, exclusive)));
  }

  private String holderOrUnknown(String unitId, String planId, boolean exclusive) {
    String holder = holder(mongo.findById(unitId, Document.class, COLLECTION), planId, exclusive);
    return holder == null ? "unknown" : holder;
  }

  private static String holder(Document lock, String planId, boolean exclusive) {
    if (lock == null) {
      return null;
    }
    String owner = lock.getString("exclusive");
    if (owner != null && !owner.equals(planId)) {
      return owner;
    }
    if (exclusive) {
      List<String> inside = lock.getList("within", String.class, List.of());
      return inside.stream().filter(p -> !p.equals(planId)).findFirst().orElse(null);
    }
    return null;
  }

  /** Whether a plan still runs (a plan a crash left running still holds its claims). */
  private boolean live(String planId) {
    return mongo.exists(
        Query.query(Criteria.where("_id").is(planId).and("state").is(Reorganisation.State.RUNNING)),
        Reorganisation.class);
  }

  /** Releases every claim of a plan; idempotent. */
  void release(String planId) {
    mongo.updateMulti(
        Query.query(Criteria.where("within").is(planId)),
        new Update().pull("within", planId),
        COLLECTION);
    mongo.updateMulti(
        Query.query(Criteria.where("exclusive").is(planId)),
        new Update().unset("exclusive"),
        COLLECTION);
  }
}
