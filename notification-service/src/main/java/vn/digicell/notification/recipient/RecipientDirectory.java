package vn.digicell.notification.recipient;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;

/**
 * Who is who, from the local roster projection only: never a call to another service at send time.
 * Bulk reads go by keyset over {@code (orgPath, _id)} in bounded batches.
 */
@Service
public class RecipientDirectory {

  static final int MAX_BATCH = 1000;
  static final int MAX_COMMITTEE = 200;

  private final MongoTemplate mongo;

  RecipientDirectory(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  /** The member, active or not, if the roster knows them. */
  public Optional<Recipient> find(String memberId) {
    if (memberId == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(mongo.findById(memberId, RosterEntry.class))
        .map(RosterEntry::toRecipient);
  }

  /** Those of these members the roster knows, by id (unknown ids are left out). */
  public Map<String, Recipient> findAll(Collection<String> memberIds) {
    if (memberIds.isEmpty()) {
      return Map.of();
    }
    return mongo.find(Query.query(Criteria.where("_id").in(memberIds)), RosterEntry.class).stream()
        .map(RosterEntry::toRecipient)
        .collect(Collectors.toMap(Recipient::memberId, r -> r));
  }

  /**
   * Walks the active members under any of these org paths (whole segments: {@code /AG/VB} covers
   * {@code /AG/VB/C07}, not {@code /AG/VBX}), in batches of at most {@code batchSize} (capped at
   * 1000), ordered by path then id. Each batch is read with a keyset query, so memory stays bounded
   * whatever the size of the subtree.
   */
  public void forEachUnder(
      Collection<String> orgPaths, int batchSize, Consumer<List<Recipient>> batch) {
    int size = Math.max(1, Math.min(batchSize, MAX_BATCH));
    for (String root : minimalRoots(orgPaths)) {
      Criteria under = Criteria.where("orgPath").regex("^" + Pattern.quote(root) + "(/|$)");
      String lastPath = null;
      String lastId = null;
      while (true) {
        Criteria criteria =
            new Criteria().andOperator(under, Criteria.where("status").in(RosterEntry.ACTIVE));
        if (lastPath != null) {
          criteria =
              new Criteria()
                  .andOperator(
                      criteria,
                      new Criteria()
                          .orOperator(
                              Criteria.where("orgPath").gt(lastPath),
                              new Criteria()
                                  .andOperator(
                                      Criteria.where("orgPath").is(lastPath),
                                      Criteria.where("_id").gt(lastId))));
        }
        List<RosterEntry> page =
            mongo.find(
                Query.query(criteria)
                    .with(Sort.by(Sort.Direction.ASC, "orgPath", "_id"))
                    .limit(size),
                RosterEntry.class);
        if (page.isEmpty()) {
          break;
        }
        batch.accept(page.stream().map(RosterEntry::toRecipient).toList());
        if (page.size() < size) {
          break;
        }
        RosterEntry last = page.get(page.size() - 1);
        lastPath = last.orgPath;
        lastId = last.id;
      }
    }
  }

  /**
   * The active members holding a secretary position of this cell, or a committee position for this
   * unit (members of its cells elected to its committee). May be empty.
   */
  public List<Recipient> committeeOf(String orgPath) {
    if (orgPath == null) {
      return List.of();
    }
    return mongo
        .find(
            Query.query(Criteria.where("actsFor").is(orgPath).and("status").in(RosterEntry.ACTIVE))
                .with(Sort.by("_id"))
                .limit(MAX_COMMITTEE),
            RosterEntry.class)
        .stream()
        .map(RosterEntry::toRecipient)
        .toList();
  }

  /** Active members temporarily attached to this cell on {@code today} (at most 1000). */
  public List<Recipient> attachedTo(String cellPath, java.time.LocalDate today) {
    return mongo
        .find(
            Query.query(
                    Criteria.where("attachedOrgPath")
                        .is(cellPath)
                        .and("attachedUntil")
                        .gte(today)
                        .and("status")
                        .in(RosterEntry.ACTIVE))
                .with(Sort.by("_id"))
                .limit(MAX_BATCH),
            RosterEntry.class)
        .stream()
        .map(RosterEntry::toRecipient)
        .toList();
  }

  /** Drops paths already covered by another path of the list, so nobody is walked twice. */
  static List<String> minimalRoots(Collection<String> orgPaths) {
    List<String> sorted =
        orgPaths.stream().filter(p -> p != null && !p.isBlank()).distinct().sorted().toList();
    return sorted.stream()
        .filter(p -> sorted.stream().noneMatch(q -> !q.equals(p) && p.startsWith(q + "/")))
        .toList();
  }
}
