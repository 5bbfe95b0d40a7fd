package vn.digicell.member.statistics;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.bson.Document;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Component;
import tools.jackson.databind.JsonNode;

/**
 * Pre-aggregated counters, one document per org path ({@code stat_counters}, {@code _id} = the
 * path; {@code /} is the nation): members by status; active members by gender, birth year,
 * ethnicity, year admitted, general education and political theory level; and changes per month
 * (admitted, recognised official, transferred in/out, reassigned in/out, removed, expelled,
 * deceased). A member counts at every ancestor of their cell, so the figures of a province or of
 * the nation are one document read, never a scan of member records. The same changes are counted
 * per day in {@code stat_days}: one document per org path and month ({@code _id} = {@code
 * path|YYYY-MM}, fields {@code path}, {@code month}, {@code days.<DD>.<change>}), so a day-precise
 * report over up to a year reads at most 13 small documents per path.
 *
 * <p>Maintained from member-service's own {@code member.events} (each event applied once, see
 * {@code CounterListener}); {@link #rebuild} recomputes the status and active-member counters from
 * the member records when an operator needs to repair drift.
 */
@Component
public class StatisticsCounters {

  static final String COLLECTION = "stat_counters";

  /** Changes per day: one document per org path and month. */
  static final String DAYS = "stat_days";

  static final List<String> ACTIVE = List.of("PROBATIONARY", "OFFICIAL", "EXEMPTED");
  static final String NATION = "/";

  /** The member fields the active-member counters group on. */
  static final List<String> DIMENSIONS =
      List.of(
          "gender", "birthYear", "ethnicity", "admittedYear", "education", "politicalTheoryLevel");

  /** The month counters a status change feeds. */
  private static final Map<String, String> MONTHLY =
      Map.of(
          "vn.digicell.member.recognised-official.v1", "recognisedOfficial",
          "vn.digicell.member.exempted-from-activities.v1", "exempted",
          "vn.digicell.member.returned-to-activities.v1", "returnedToActivities",
          "vn.digicell.member.removed.v1", "removed",
          "vn.digicell.member.expelled.v1", "expelled",
          "vn.digicell.member.deceased.v1", "deceased");

  /** The change kinds a period report shows, in order. */
  public static final List<String> CHANGE_KINDS =
      List.of(
          "admitted",
          "recognisedOfficial",
          "transferredIn",
          "transferredOut",
          "reassignedIn",
          "reassignedOut",
          "removed",
          "expelled",
          "deceased",
          "exempted",
          "returnedToActivities");

  private final MongoTemplate mongo;

  StatisticsCounters(MongoTemplate mongo) {
    this.mongo = mongo;
    // a subtree's children for some months: path prefix, then month
    mongo
        .indexOps(DAYS)
        .createIndex(
            new org.springframework.data.mongodb.core.index.Index()
                .on("path", Sort.Direction.ASC)
                .on("month", Sort.Direction.ASC)
                .named("path_month"));
  }

  static final String IDENTITY_CORRECTED = "vn.digicell.member.identity-corrected.v1";
  static final String BACKGROUND_UPDATED = "vn.digicell.member.background-updated.v1";

  /**
   * The identity fields a correction may change that an active-member counter groups on, with the
   * counter and how the recorded value becomes its key.
   */
  private static final Map<String, java.util.function.UnaryOperator<String>> CORRECTED_DIMENSIONS =
      Map.of(
          "GENDER", v -> v,
          "DATE_OF_BIRTH", v -> v == null ? null : v.substring(0, 4),
          "ETHNICITY", v -> v,
          "ADMITTED_ON", v -> v == null ? null : v.substring(0, 4),
          "EDUCATION", v -> v,
          "POLITICAL_THEORY_LEVEL", v -> v);

  private static final Map<String, String> CORRECTED_COUNTER =
      Map.of(
          "GENDER", "gender",
          "DATE_OF_BIRTH", "birthYear",
          "ETHNICITY", "ethnicity",
          "ADMITTED_ON", "admittedYear",
          "EDUCATION", "education",
          "POLITICAL_THEORY_LEVEL", "theoryLevel");

  /** Whether this event type changes a counter. */
  public static boolean counts(String type) {
    return type.equals(IDENTITY_CORRECTED)
        || type.equals(BACKGROUND_UPDATED)
        || type.equals("vn.digicell.member.admitted.v1")
        || type.equals("vn.digicell.member.transferred.v1")
        || type.equals("vn.digicell.member.reassigned.v1")
        || MONTHLY.containsKey(type);
  }

  /** One member event to count: its type and payload. */
  public record Change(String type, JsonNode payload) {}

  /** Applies one member event to the counters of every ancestor it concerns; one bulk write. */
  public void apply(String type, JsonNode p) {
    applyAll(List.of(new Change(type, p)));
  }

  /**
   * Applies member events to the counters of every ancestor they concern: one read of the members'
   * dimensions and one bulk write for the whole batch, however many events it holds. Events of
   * members not on record here (another deployment sharing the broker) are left out.
   */
  public void applyAll(List<Change> changes) {
    if (changes.isEmpty()) {
      return;
    }
    Map<String, Document> members = dimensions(changes);
    Map<String, Map<String, Long>> increments = new HashMap<>();
    Map<String, Map<String, Long>> days = new HashMap<>();
    for (Change change : changes) {
      JsonNode p = change.payload();
      Document member = members.get(p.path("memberId").asString());
      if (member != null) {
        count(increments, days, change.type(), p, member);
      }
    }
    write(increments);
    writeDays(days);
  }

  private void count(
      Map<String, Map<String, Long>> increments,
      Map<String, Map<String, Long>> days,
      String type,
      JsonNode p,
      Document member) {
    switch (type) {
      case "vn.digicell.member.admitted.v1" -> {
        String status = p.path("status").asString();
        for (String path : ancestors(p.path("orgPath").asString())) {
          inc(increments, path, "status." + status, 1);
          active(increments, path, member, 1);
          changed(increments, days, path, p.path("admittedOn").asString(), "admitted");
        }
      }
      case "vn.digicell.member.transferred.v1" ->
          moved(
              increments,
              days,
              member,
              p.path("fromOrgPath").asString(),
              p.path("orgPath").asString(),
              p.path("status").asString(),
              p.path("effectiveOn").asString(),
              "transferred");
      case IDENTITY_CORRECTED, BACKGROUND_UPDATED -> corrected(increments, p, member);
      case "vn.digicell.member.reassigned.v1" ->
          moved(
              increments,
              days,
              member,
              p.path("fromOrgPath").asString(),
              p.path("toOrgPath").asString(),
              p.path("status").asString(),
              p.path("effectiveOn").asString(),
              "reassigned");
      default -> {
        String from = p.path("previousStatus").asString();
        String to = p.path("status").asString();
        for (String path : ancestors(p.path("orgPath").asString())) {
          inc(increments, path, "status." + from, -1);
          inc(increments, path, "status." + to, 1);
          if (ACTIVE.contains(from) && !ACTIVE.contains(to)) {
            active(increments, path, member, -1);
          }
          changed(increments, days, path, p.path("effectiveOn").asString(), MONTHLY.get(type));
        }
      }
    }
  }

  private void moved(
      Map<String, Map<String, Long>> increments,
      Map<String, Map<String, Long>> days,
      Document member,
      String fromPath,
      String toPath,
      String status,
      String on,
      String kind) {
    Set<String> before = ancestors(fromPath);
    Set<String> after = ancestors(toPath);
    boolean active = ACTIVE.contains(status);
    for (String path : before) {
      if (!after.contains(path)) {
        inc(increments, path, "status." + status, -1);
        changed(increments, days, path, on, kind + "Out");
        if (active) {
          active(increments, path, member, -1);
        }
      }
    }
    for (String path : after) {
      if (!before.contains(path)) {
        inc(increments, path, "status." + status, 1);
        changed(increments, days, path, on, kind + "In");
        if (active) {
          active(increments, path, member, 1);
        }
      }
    }
  }

  /**
   * An identity correction or background update moves an active member from the old to the new
   * value of each changed dimension (gender, birth year, ethnicity, year admitted, education,
   * theory level), at every ancestor. Both values come from the member's own record: the entry the
   * event names and the entry it supersedes, so the adjustment is the same whenever the event is
   * applied. Changes already counted in a month stay where they were recorded.
   */
  private static void corrected(
      Map<String, Map<String, Long>> increments, JsonNode p, Document member) {
    if (!ACTIVE.contains(member.getString("status"))) {
      return; // members no longer active are in no active-member counter
    }
    List<Document> amendments = member.getList("amendments", Document.class, List.of());
    Document correction = entry(amendments, p.path("entryId").asString());
    Document previous =
        correction == null ? null : entry(amendments, correction.getString("supersedes"));
    if (previous == null) {
      return;
    }
    Document after = correction.get("values", Document.class);
    Document before = previous.get("values", Document.class);
    for (Map.Entry<String, java.util.function.UnaryOperator<String>> d :
        CORRECTED_DIMENSIONS.entrySet()) {
      if (after == null || before == null || !after.containsKey(d.getKey())) {
        continue;
      }
      String from = d.getValue().apply(before.getString(d.getKey()));
      String to = d.getValue().apply(after.getString(d.getKey()));
      if (java.util.Objects.equals(from, to)) {
        continue;
      }
      String counter = CORRECTED_COUNTER.get(d.getKey());
      for (String path : ancestors(p.path("orgPath").asString())) {
        inc(increments, path, counter + "." + key(from), -1);
        inc(increments, path, counter + "." + key(to), 1);
      }
    }
  }

  private static Document entry(List<Document> amendments, String entryId) {
    if (entryId == null) {
      return null;
    }
    for (Document amendment : amendments) {
      if (entryId.equals(amendment.getString("entryId"))) {
        return amendment;
      }
    }
    return null;
  }

  private static void active(
      Map<String, Map<String, Long>> increments, String path, Document member, int by) {
    inc(increments, path, "gender." + key(member.get("gender")), by);
    inc(increments, path, "birthYear." + key(member.get("birthYear")), by);
    inc(increments, path, "ethnicity." + key(member.get("ethnicity")), by);
    inc(increments, path, "admittedYear." + key(member.get("admittedYear")), by);
    inc(increments, path, "education." + key(member.get("education")), by);
    inc(increments, path, "theoryLevel." + key(member.get("politicalTheoryLevel")), by);
  }

  private static void inc(
      Map<String, Map<String, Long>> increments, String path, String field, long by) {
    increments.computeIfAbsent(path, k -> new HashMap<>()).merge(field, by, Long::sum);
  }

  /** One change of {@code kind} at {@code path} on an ISO date: in its month and on its day. */
  private static void changed(
      Map<String, Map<String, Long>> increments,
      Map<String, Map<String, Long>> days,
      String path,
      String isoDate,
      String kind) {
    inc(increments, path, month(isoDate) + "." + kind, 1);
    inc(days, dayDocument(path, isoDate.substring(0, 7)), day(isoDate) + "." + kind, 1);
  }

  /** The id of the daily counters of {@code path} in a month ({@code YYYY-MM}). */
  static String dayDocument(String path, String month) {
    return path + "|" + month;
  }

  static String day(String isoDate) {
    return "days." + isoDate.substring(8, 10);
  }

  private void writeDays(Map<String, Map<String, Long>> days) {
    if (days.isEmpty()) {
      return;
    }
    BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, DAYS);
    days.forEach(
        (id, fields) -> {
          int bar = id.lastIndexOf('|');
          Update u =
              new Update().set("path", id.substring(0, bar)).set("month", id.substring(bar + 1));
          fields.forEach(u::inc);
          bulk.upsert(Query.query(Criteria.where("_id").is(id)), u);
        });
    bulk.execute();
  }

  /** The daily counters of {@code path} in these months ({@code YYYY-MM}), by month. */
  Map<String, Document> daysOf(String path, List<String> months) {
    List<String> ids = months.stream().map(m -> dayDocument(path, m)).toList();
    Map<String, Document> out = new HashMap<>();
    mongo
        .find(Query.query(Criteria.where("_id").in(ids)), Document.class, DAYS)
        .forEach(d -> out.put(d.getString("month"), d));
    return out;
  }

  /**
   * The daily counters of the paths directly under {@code path} in these months: by child path,
   * then month. Bounded: at most 2000 children times the months asked (callers ask for at most the
   * two partial months at the ends of a period).
   */
  Map<String, Map<String, Document>> childrenDaysOf(String path, List<String> months) {
    Map<String, Map<String, Document>> out = new HashMap<>();
    if (months.isEmpty()) {
      return out;
    }
    String prefix = NATION.equals(path) ? "/" : path + "/";
    mongo
        .find(
            Query.query(
                    Criteria.where("path")
                        .regex("^" + java.util.regex.Pattern.quote(prefix) + "[^/]+$")
                        .and("month")
                        .in(months))
                .limit(2000 * months.size()),
            Document.class,
            DAYS)
        .forEach(
            d ->
                out.computeIfAbsent(d.getString("path"), k -> new HashMap<>())
                    .put(d.getString("month"), d));
    return out;
  }

  private void write(Map<String, Map<String, Long>> increments) {
    if (increments.isEmpty()) {
      return;
    }
    BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.UNORDERED, COLLECTION);
    increments.forEach(
        (path, fields) -> {
          Update u = new Update();
          fields.forEach(u::inc);
          bulk.upsert(Query.query(Criteria.where("_id").is(path)), u);
        });
    bulk.execute();
  }

  private Map<String, Document> dimensions(List<Change> changes) {
    Set<String> ids = new LinkedHashSet<>();
    changes.forEach(c -> ids.add(c.payload().path("memberId").asString()));
    Query query = Query.query(Criteria.where("_id").in(ids));
    query.fields().include(DIMENSIONS.toArray(String[]::new));
    if (changes.stream()
        .anyMatch(
            c -> c.type().equals(IDENTITY_CORRECTED) || c.type().equals(BACKGROUND_UPDATED))) {
      // a correction's old and new values are in the record's amendments
      query.fields().include("status", "amendments");
    }
    Map<String, Document> found = new HashMap<>();
    mongo
        .find(query, Document.class, "members")
        .forEach(d -> found.put(d.get("_id").toString(), d));
    return found;
  }

  /** The counters of one path, or an empty document when nothing was ever counted there. */
  Document of(String path) {
    Document d = mongo.findById(path, Document.class, COLLECTION);
    return d == null ? new Document("_id", path) : d;
  }

  /**
   * The counter documents of the paths directly under {@code path}, in path order, at most 2000.
   */
  List<Document> childrenOf(String path) {
    String prefix = NATION.equals(path) ? "/" : path + "/";
    return mongo.find(
        Query.query(
                Criteria.where("_id").regex("^" + java.util.regex.Pattern.quote(prefix) + "[^/]+$"))
            .with(Sort.by("_id"))
            .limit(2000),
        Document.class,
        COLLECTION);
  }

  /** {@code /}, then every prefix of {@code path} down to itself. */
  static Set<String> ancestors(String path) {
    Set<String> out = new LinkedHashSet<>();
    out.add(NATION);
    int at = 0;
    while ((at = path.indexOf('/', at + 1)) > 0) {
      out.add(path.substring(0, at));
    }
    out.add(path);
    return out;
  }

  static String month(String isoDate) {
    return "months." + isoDate.substring(0, 7);
  }

  /** A value usable as a field name (no dots, no leading dollar). */
  static String key(Object value) {
    if (value == null || value.toString().isBlank()) {
      return "UNKNOWN";
    }
    return value.toString().replace('.', '·').replace('$', '＄');
  }

  /**
   * Recomputes the status and active-member counters of every path from the member records, a batch
   * of 1000 members at a time (keyset on id), then replaces them in bulk; the monthly and daily
   * change counters are kept: they come from the event stream (replay {@code member.events} into a
   * fresh group to rebuild them — the member records do not say, in a form to count from, where a
   * member stood on each date). Returns how many members were read.
   */
  public long rebuild() {
    Map<String, Map<String, Long>> totals = new HashMap<>();
    long read = 0;
    Object after = null;
    while (true) {
      Query query =
          (after == null ? new Query() : Query.query(Criteria.where("_id").gt(after)))
              .with(Sort.by("_id"))
              .limit(1000);
      query.fields().include("orgPath", "status").include(DIMENSIONS.toArray(String[]::new));
      List<Document> batch = mongo.find(query, Document.class, "members");
      if (batch.isEmpty()) {
        break;
      }
      for (Document m : batch) {
        String status = m.getString("status");
        for (String path : ancestors(m.getString("orgPath"))) {
          Map<String, Long> t = totals.computeIfAbsent(path, k -> new HashMap<>());
          t.merge("status." + status, 1L, Long::sum);
          if (ACTIVE.contains(status)) {
            t.merge("gender." + key(m.get("gender")), 1L, Long::sum);
            t.merge("birthYear." + key(m.get("birthYear")), 1L, Long::sum);
            t.merge("ethnicity." + key(m.get("ethnicity")), 1L, Long::sum);
            t.merge("admittedYear." + key(m.get("admittedYear")), 1L, Long::sum);
            t.merge("education." + key(m.get("education")), 1L, Long::sum);
            t.merge("theoryLevel." + key(m.get("politicalTheoryLevel")), 1L, Long::sum);
          }
        }
      }
      read += batch.size();
      after = batch.get(batch.size() - 1).get("_id");
    }
    // paths that had counters but no longer have members are reset too
    List<String> known = new ArrayList<>();
    Query all = new Query().with(Sort.by("_id"));
    all.fields().include("_id");
    mongo.stream(all, Document.class, COLLECTION).forEach(d -> known.add(d.getString("_id")));
    known.forEach(path -> totals.computeIfAbsent(path, k -> new HashMap<>()));
    List<Map.Entry<String, Map<String, Long>>> entries = new ArrayList<>(totals.entrySet());
    for (int i = 0; i < entries.size(); i += 1000) {
      // ordered: each path's reset must come before its new values
      BulkOperations bulk = mongo.bulkOps(BulkOperations.BulkMode.ORDERED, COLLECTION);
      for (Map.Entry<String, Map<String, Long>> e :
          entries.subList(i, Math.min(entries.size(), i + 1000))) {
        Update u =
            new Update()
                .unset("status")
                .unset("gender")
                .unset("birthYear")
                .unset("ethnicity")
                .unset("admittedYear")
                .unset("education")
                .unset("theoryLevel");
        bulk.upsert(Query.query(Criteria.where("_id").is(e.getKey())), u);
        if (!e.getValue().isEmpty()) {
          Update set = new Update();
          e.getValue().forEach(set::set);
          bulk.upsert(Query.query(Criteria.where("_id").is(e.getKey())), set);
        }
      }
      bulk.execute();
    }
    return read;
  }

  /** The month keys between two dates' months, inclusive. */
  static List<String> months(LocalDate from, LocalDate to) {
    List<String> out = new ArrayList<>();
    for (java.time.YearMonth m = java.time.YearMonth.from(from);
        !m.isAfter(java.time.YearMonth.from(to));
        m = m.plusMonths(1)) {
      out.add(m.toString());
    }
    return out;
  }
}
