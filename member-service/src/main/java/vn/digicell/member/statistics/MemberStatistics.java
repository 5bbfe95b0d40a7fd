package vn.digicell.member.statistics;

import java.time.Clock;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.bson.Document;
import org.springframework.stereotype.Service;
import vn.digicell.member.orgunit.OrgUnitService;
import vn.digicell.member.shared.Roles;
import vn.digicell.platform.security.AccessGuard;
import vn.digicell.platform.web.ProblemException;

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
  private final OrgUnitService orgUnits;
  private final Clock clock;

  MemberStatistics(
      StatisticsCounters counters, AccessGuard guard, OrgUnitService orgUnits, Clock clock) {
    this.orgUnits = orgUnits;
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

  /** The changes of one subtree in a period: each change kind, summed over the period. */
  public record Changes(String path, Map<String, Long> changes) {}

  /**
   * The changes of the subtree itself in one month ({@code 2025-07}) or day ({@code 2025-07-14}).
   */
  public record Bucket(String period, Map<String, Long> changes) {}

  /**
   * Changes per direct child unit and in total over a period, and the subtree's own changes per
   * month or per day ({@code granularity}) of it.
   */
  public record PeriodFigures(
      String under,
      String granularity,
      String from,
      String to,
      Changes total,
      List<Changes> children,
      List<Bucket> buckets) {}

  /** The longest period a day-by-day report covers. */
  static final int MAX_DAYS = 366;

  /**
   * Changes over a period: {@code granularity} {@code month} (the default; {@code from}, {@code to}
   * as {@code 2025-07}, at most ten years) or {@code day} ({@code 2025-07-14}, or a month for its
   * first/last day; at most {@value #MAX_DAYS} days). Read from the pre-aggregated monthly and
   * daily counters, never from member records.
   */
  public PeriodFigures changes(String under, String granularity, String from, String to) {
    guard.requireActOn(under, Roles.READ_MEMBERS);
    return switch (granularity == null ? "month" : granularity) {
      case "month" -> monthly(under, yearMonth("from", from), yearMonth("to", to));
      case "day" -> daily(under, day("from", from, true), day("to", to, false));
      default ->
          throw ProblemException.badRequest(
              "bad-granularity", "granularity is day or month, not '" + granularity + "'.");
    };
  }

  private PeriodFigures monthly(String under, YearMonth from, YearMonth to) {
    if (to.isBefore(from)) {
      throw reversed(from.toString(), to.toString());
    }
    if (from.plusYears(10).isBefore(to)) {
      throw ProblemException.badRequest("period-too-long", "A period covers at most ten years.");
    }
    List<String> months = StatisticsCounters.months(from.atDay(1), to.atDay(1));
    Document own = counters.of(under);
    List<Bucket> buckets =
        months.stream().map(m -> new Bucket(m, sum(own, List.of(m)).changes())).toList();
    return new PeriodFigures(
        under,
        "month",
        from.toString(),
        to.toString(),
        sum(own, months),
        counters.childrenOf(under).stream().map(d -> sum(d, months)).toList(),
        buckets);
  }

  private PeriodFigures daily(String under, LocalDate from, LocalDate to) {
    if (to.isBefore(from)) {
      throw reversed(from.toString(), to.toString());
    }
    if (java.time.temporal.ChronoUnit.DAYS.between(from, to) + 1 > MAX_DAYS) {
      throw ProblemException.badRequest(
          "period-too-long",
          "A day-by-day period covers at most " + MAX_DAYS + " days; ask per month for longer.");
    }
    List<String> months = StatisticsCounters.months(from, to);
    Map<String, Document> own = counters.daysOf(under, months);
    List<Bucket> buckets = new ArrayList<>();
    Map<String, Long> total = zero();
    for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
      Map<String, Long> changes = zero();
      addDay(changes, own.get(YearMonth.from(d).toString()), d);
      changes.forEach((k, v) -> total.merge(k, v, Long::sum));
      buckets.add(new Bucket(d.toString(), changes));
    }
    // children: whole months from the monthly counters, the partial months at the ends by day
    List<String> whole = new ArrayList<>();
    List<String> partial = new ArrayList<>();
    for (String m : months) {
      YearMonth month = YearMonth.parse(m);
      boolean covered = !month.atDay(1).isBefore(from) && !month.atEndOfMonth().isAfter(to);
      (covered ? whole : partial).add(m);
    }
    Map<String, Map<String, Document>> childDays = counters.childrenDaysOf(under, partial);
    List<Changes> children = new ArrayList<>();
    for (Document child : counters.childrenOf(under)) {
      Changes changes = sum(child, whole);
      Map<String, Document> byMonth = childDays.getOrDefault(child.getString("_id"), Map.of());
      for (String m : partial) {
        Document days = byMonth.get(m);
        YearMonth month = YearMonth.parse(m);
        LocalDate first = month.atDay(1).isBefore(from) ? from : month.atDay(1);
        LocalDate last = month.atEndOfMonth().isAfter(to) ? to : month.atEndOfMonth();
        for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
          addDay(changes.changes(), days, d);
        }
      }
      children.add(changes);
    }
    return new PeriodFigures(
        under, "day", from.toString(), to.toString(), new Changes(under, total), children, buckets);
  }

  private static void addDay(Map<String, Long> into, Document monthOfDays, LocalDate day) {
    if (monthOfDays == null) {
      return;
    }
    Document days = monthOfDays.get("days", Document.class);
    Document counts =
        days == null ? null : days.get("%02d".formatted(day.getDayOfMonth()), Document.class);
    if (counts != null) {
      counts.forEach((k, v) -> into.merge(k, ((Number) v).longValue(), Long::sum));
    }
  }

  private static Map<String, Long> zero() {
    Map<String, Long> totals = new LinkedHashMap<>();
    StatisticsCounters.CHANGE_KINDS.forEach(k -> totals.put(k, 0L));
    return totals;
  }

  private static YearMonth yearMonth(String field, String value) {
    try {
      return YearMonth.parse(value);
    } catch (RuntimeException e) {
      throw ProblemException.badRequest(
          "bad-period", field + " '" + value + "' is not a month (2025-07).");
    }
  }

  /** A day ({@code 2025-07-14}), or a month standing for its first or last day. */
  private static LocalDate day(String field, String value, boolean start) {
    try {
      if (value.length() == 7) {
        YearMonth month = YearMonth.parse(value);
        return start ? month.atDay(1) : month.atEndOfMonth();
      }
      return LocalDate.parse(value);
    } catch (RuntimeException e) {
      throw ProblemException.badRequest(
          "bad-period", field + " '" + value + "' is not a day (2025-07-14) or a month (2025-07).");
    }
  }

  private static ProblemException reversed(String from, String to) {
    return ProblemException.badRequest(
        "period-reversed", "The period ends (" + to + ") before it starts (" + from + ").");
  }

  private static Changes sum(Document counters, List<String> months) {
    Map<String, Long> totals = zero();
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
    // every subtree's counters are rewritten: it-admin acting for the whole tree
    orgUnits.requireOverWholeTree(Roles.IT_ADMIN);
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
