package vn.digicell.member.statistics;

import java.time.Clock;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.springframework.stereotype.Service;
import vn.digicell.member.shared.Roles;
import vn.digicell.platform.security.AccessGuard;

/**
 * Counts for an org subtree: by status, gender, age band, ethnicity, year admitted, general
 * education and political theory level (code, {@code UNKNOWN} when not on record), and changes over
 * a period. Read from the pre-aggregated counters ({@link StatisticsCounters}), never by scanning
 * member records. Members who left (removed, expelled, deceased) are counted only by status;
 * members transferred out count where they are now.
 */
@Service
public class MemberStatistics {

  /** Age bands as party reports use them. */
  static final int[][] AGE_BANDS = {{18, 30}, {31, 40}, {41, 50}, {51, 60}, {61, 70}, {71, 200}};

  private final StatisticsCounters counters;
  private final AccessGuard guard;
  private final Clock clock;

  MemberStatistics(StatisticsCounters counters, AccessGuard guard, Clock clock) {
    this.counters = counters;
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
      Map<String, Long> byYearAdmitted,
      Map<String, Long> byEducation,
      Map<String, Long> byTheoryLevel) {}

  /**
   * The figures of a subtree, read from its pre-aggregated counter document: one read whatever the
   * size of the subtree (a commune, a province or the nation, {@code /}).
   */
  public Figures of(String under) {
    guard.requireActOn(under, Roles.READ_MEMBERS);
    Document counters = this.counters.of(under);
    Map<String, Long> byStatus = positive(counters.get("status", Document.class));
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
        positive(counters.get("gender", Document.class)),
        ageBands(positive(counters.get("birthYear", Document.class))),
        positive(counters.get("ethnicity", Document.class)),
        new TreeMap<>(positive(counters.get("admittedYear", Document.class))),
        positive(counters.get("education", Document.class)),
        positive(counters.get("theoryLevel", Document.class)));
  }

  /** The changes of one subtree in a period: each change kind, summed over months. */
  public record Changes(String path, Map<String, Long> changes) {}

  /**
   * Changes per direct child unit and in total, over the months from {@code from} to {@code to}.
   */
  public record PeriodFigures(
      String under,
      java.time.YearMonth from,
      java.time.YearMonth to,
      Changes total,
      java.util.List<Changes> children) {}

  public PeriodFigures changes(String under, java.time.YearMonth from, java.time.YearMonth to) {
    guard.requireActOn(under, Roles.READ_MEMBERS);
    if (to.isBefore(from)) {
      throw vn.digicell.platform.web.ProblemException.badRequest(
          "period-reversed", "The period ends (" + to + ") before it starts (" + from + ").");
    }
    if (from.plusYears(10).isBefore(to)) {
      throw vn.digicell.platform.web.ProblemException.badRequest(
          "period-too-long", "A period covers at most ten years.");
    }
    java.util.List<String> months = StatisticsCounters.months(from.atDay(1), to.atDay(1));
    return new PeriodFigures(
        under,
        from,
        to,
        sum(counters.of(under), months),
        counters.childrenOf(under).stream().map(d -> sum(d, months)).toList());
  }

  private static Changes sum(Document counters, java.util.List<String> months) {
    Map<String, Long> totals = new LinkedHashMap<>();
    StatisticsCounters.CHANGE_KINDS.forEach(k -> totals.put(k, 0L));
    Document all = counters.get("months", Document.class);
    if (all != null) {
      for (String month : months) {
        Document m = all.get(month, Document.class);
        if (m != null) {
          m.forEach((k, v) -> totals.merge(k, ((Number) v).longValue(), Long::sum));
        }
      }
    }
    return new Changes(counters.getString("_id"), totals);
  }

  private static Map<String, Long> positive(Document counts) {
    Map<String, Long> out = new LinkedHashMap<>();
    if (counts != null) {
      new TreeMap<>(counts)
          .forEach(
              (k, v) -> {
                long n = ((Number) v).longValue();
                if (n > 0) {
                  out.put(k, n);
                }
              });
    }
    return out;
  }

  /** Rebuilds the counters from the member records (it-admin). */
  public long rebuild() {
    guard.requireRole(Roles.IT_ADMIN);
    return counters.rebuild();
  }

  static final java.util.List<String> ACTIVE_STATUSES =
      java.util.List.of("PROBATIONARY", "OFFICIAL", "EXEMPTED");

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
