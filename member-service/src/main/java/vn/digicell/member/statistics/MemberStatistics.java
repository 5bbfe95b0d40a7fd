package vn.digicell.member.statistics;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.bson.Document;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.aggregation.Aggregation;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.stereotype.Service;
import vn.digicell.member.shared.Roles;
import vn.digicell.platform.security.AccessGuard;

/**
 * Counts for an org subtree: by status, gender, age band, ethnicity and year admitted. Each is one
 * grouped aggregation over the subtree's members (the {@code orgPath} index bounds it). Members who
 * left (removed, expelled, deceased, transferred out) are counted only by status.
 */
@Service
public class MemberStatistics {

  /** Age bands as party reports use them. */
  static final int[][] AGE_BANDS = {{18, 30}, {31, 40}, {41, 50}, {51, 60}, {61, 70}, {71, 200}};

  private final MongoTemplate mongo;
  private final AccessGuard guard;
  private final Clock clock;

  MemberStatistics(MongoTemplate mongo, AccessGuard guard, Clock clock) {
    this.mongo = mongo;
    this.guard = guard;
    this.clock = clock;
  }

  /** The figures for one subtree. */
  public record Figures(
      String under,
      long total,
      long active,
      Map<String, Long> byStatus,
      Map<String, Long> byGender,
      Map<String, Long> byAgeBand,
      Map<String, Long> byEthnicity,
      Map<String, Long> byYearAdmitted) {}

  public Figures of(String under) {
    guard.requireActOn(under, Roles.READ_MEMBERS);
    Criteria subtree =
        new Criteria()
            .orOperator(
                Criteria.where("orgPath").is(under),
                Criteria.where("orgPath").regex("^" + Pattern.quote(under + "/")));
    Criteria active =
        new Criteria().andOperator(subtree, Criteria.where("status").in(ACTIVE_STATUSES));
    Map<String, Long> byStatus = count(subtree, "status");
    long total = byStatus.values().stream().mapToLong(Long::longValue).sum();
    long activeCount =
        byStatus.entrySet().stream()
            .filter(e -> ACTIVE_STATUSES.contains(e.getKey()))
            .mapToLong(Map.Entry::getValue)
            .sum();
    return new Figures(
        under,
        total,
        activeCount,
        byStatus,
        count(active, "gender"),
        ageBands(count(active, "birthYear")),
        count(active, "ethnicity"),
        new TreeMap<>(count(active, "admittedYear")));
  }

  static final java.util.List<String> ACTIVE_STATUSES =
      java.util.List.of("PROBATIONARY", "OFFICIAL", "EXEMPTED");

  private Map<String, Long> count(Criteria match, String field) {
    Aggregation aggregation =
        Aggregation.newAggregation(
            Aggregation.match(match), Aggregation.group(field).count().as("n"));
    Map<String, Long> counts = new LinkedHashMap<>();
    for (Document row : mongo.aggregate(aggregation, "members", Document.class)) {
      Object key = row.get("_id");
      counts.put(key == null ? "UNKNOWN" : key.toString(), ((Number) row.get("n")).longValue());
    }
    return counts;
  }

  private Map<String, Long> ageBands(Map<String, Long> byBirthYear) {
    int year = LocalDate.now(clock).getYear();
    Map<String, Long> bands = new LinkedHashMap<>();
    for (int[] band : AGE_BANDS) {
      bands.put(band[1] >= 200 ? band[0] + "+" : band[0] + "-" + band[1], 0L);
    }
    byBirthYear.forEach(
        (birthYear, n) -> {
          int age = year - Integer.parseInt(birthYear);
          for (int[] band : AGE_BANDS) {
            if (age >= band[0] && age <= band[1]) {
              String label = band[1] >= 200 ? band[0] + "+" : band[0] + "-" + band[1];
              bands.merge(label, n, Long::sum);
            }
          }
        });
    return bands;
  }
}
