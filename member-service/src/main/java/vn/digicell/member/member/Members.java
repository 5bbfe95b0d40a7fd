package vn.digicell.member.member;

import java.time.LocalDate;
import java.util.ArrayList;
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

  boolean existsByPartyNumber(String partyNumber) {
    return mongo.exists(Query.query(Criteria.where("partyNumber").is(partyNumber)), Member.class);
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

  /**
   * Probationary members under {@code root} whose probation ends on or before {@code endsBy}, in
   * order of admission: the {@code due_official} index serves it.
   */
  List<Member> probationEndingBy(
      String root, LocalDate admittedBy, LocalDate afterAdmitted, String afterId, int limit) {
    Criteria criteria =
        new Criteria()
            .andOperator(
                Criteria.where("status").is(MemberStatus.PROBATIONARY),
                under(root),
                Criteria.where("admittedOn").lte(admittedBy));
    if (afterAdmitted != null) {
      criteria =
          new Criteria()
              .andOperator(
                  criteria,
                  new Criteria()
                      .orOperator(
                          Criteria.where("admittedOn").gt(afterAdmitted),
                          new Criteria()
                              .andOperator(
                                  Criteria.where("admittedOn").is(afterAdmitted),
                                  Criteria.where("_id").gt(afterId))));
    }
    return mongo.find(
        Query.query(criteria).with(Sort.by("admittedOn", "_id")).limit(limit), Member.class);
  }

  /**
   * Active members under {@code root} admitted in a date range, oldest first, at most {@code
   * limit}.
   */
  List<Member> admittedBetween(String root, LocalDate from, LocalDate to, int limit) {
    return mongo.find(
        Query.query(
                new Criteria()
                    .andOperator(
                        Criteria.where("status")
                            .in(
                                MemberStatus.OFFICIAL,
                                MemberStatus.EXEMPTED,
                                MemberStatus.PROBATIONARY),
                        under(root),
                        Criteria.where("admittedOn").gte(from).lte(to)))
            .with(Sort.by("admittedOn", "_id"))
            .limit(limit),
        Member.class);
  }

  /** Search: exact keys, or every word a prefix of some word of the folded name. */
  List<Member> search(MemberSearch search, String afterSortKey, String afterId, int limit) {
    List<Criteria> all = new ArrayList<>();
    all.add(under(search.root()));
    if (search.citizenIdHash() != null) {
      all.add(Criteria.where("citizenIdHash").is(search.citizenIdHash()));
    } else if (search.partyNumber() != null) {
      all.add(Criteria.where("partyNumber").is(search.partyNumber()));
    } else if (!search.nameWords().isEmpty()) {
      all.add(
          Criteria.where("searchTokens")
              .all(
                  search.nameWords().stream()
                      .map(
                          w ->
                              java.util.regex.Pattern.compile(
                                  "^" + java.util.regex.Pattern.quote(w)))
                      .toArray()));
    }
    if (search.status() != null) {
      all.add(Criteria.where("status").is(search.status()));
    }
    if (search.gender() != null) {
      all.add(Criteria.where("gender").is(search.gender()));
    }
    if (search.bornFrom() != null) {
      all.add(Criteria.where("dateOfBirth").gte(search.bornFrom()));
    }
    if (search.bornTo() != null) {
      all.add(Criteria.where("dateOfBirth").lte(search.bornTo()));
    }
    if (afterSortKey != null) {
      all.add(
          new Criteria()
              .orOperator(
                  Criteria.where("sortKey").gt(afterSortKey),
                  new Criteria()
                      .andOperator(
                          Criteria.where("sortKey").is(afterSortKey),
                          Criteria.where("_id").gt(afterId))));
    }
    return mongo.find(
        Query.query(new Criteria().andOperator(all.toArray(Criteria[]::new)))
            .with(Sort.by("sortKey", "_id"))
            .limit(limit),
        Member.class);
  }

  /** What a search asks for; at most one of the exact keys or name words is used. */
  record MemberSearch(
      String root,
      String citizenIdHash,
      String partyNumber,
      List<String> nameWords,
      MemberStatus status,
      Gender gender,
      LocalDate bornFrom,
      LocalDate bornTo) {}

  private static Criteria under(String root) {
    if ("/".equals(root)) {
      return Criteria.where("orgPath").regex("^/");
    }
    return new Criteria()
        .orOperator(
            Criteria.where("orgPath").is(root),
            Criteria.where("orgPath").regex("^" + java.util.regex.Pattern.quote(root + "/")));
  }

  /** Reserves {@code count} numbers of the sequence at once; returns the last of them. */
  long reservePartyNumbers(int count) {
    Document counter =
        mongo.findAndModify(
            Query.query(Criteria.where("_id").is("partyNumber")),
            new Update().inc("value", (long) count),
            FindAndModifyOptions.options().upsert(true).returnNew(true),
            Document.class,
            COUNTERS);
    return ((Number) counter.get("value")).longValue();
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
