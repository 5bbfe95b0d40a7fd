package vn.digicell.meeting.analytics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Participation counters of one meeting, or summed over a cell, commune or province for a month.
 * Counts only, so they add up the tree; rates are derived from them when read.
 */
public record Figures(Map<String, Long> counts) {

  /** Every counter, in the order the API shows them. */
  public static final List<String> NAMES =
      List.of(
          "meetings",
          "regularMeetings",
          "invited",
          "present",
          "late",
          "absentWithReason",
          "absentWithoutReason",
          "opinions",
          "speakers",
          "motions",
          "eligibleVoters",
          "votesCast",
          "inviteesWithDocuments",
          "readDocumentsBefore",
          "cellsHeldRegular",
          "cellsMissedRegular");

  public Figures {
    Map<String, Long> all = new LinkedHashMap<>();
    for (String name : NAMES) {
      Long value = counts == null ? null : counts.get(name);
      all.put(name, value == null ? 0L : value);
    }
    counts = java.util.Collections.unmodifiableMap(all);
  }

  public static Figures zero() {
    return new Figures(Map.of());
  }

  public long get(String name) {
    return counts.get(name);
  }

  Figures with(String name, long value) {
    Map<String, Long> copy = new LinkedHashMap<>(counts);
    copy.put(name, value);
    return new Figures(copy);
  }

  public Figures plus(Figures other) {
    Map<String, Long> sum = new LinkedHashMap<>();
    for (String name : NAMES) {
      sum.put(name, get(name) + other.get(name));
    }
    return new Figures(sum);
  }

  /** Rates the committee reads: shares between 0 and 1, null when there is nothing to divide. */
  public Map<String, Double> rates() {
    Map<String, Double> rates = new LinkedHashMap<>();
    rates.put("attendance", share(get("present") + get("late"), get("invited")));
    rates.put("absenceWithoutReason", share(get("absentWithoutReason"), get("invited")));
    rates.put("votingParticipation", share(get("votesCast"), get("eligibleVoters")));
    rates.put(
        "readDocumentsBefore", share(get("readDocumentsBefore"), get("inviteesWithDocuments")));
    rates.put(
        "regularMeetingsHeld",
        share(get("cellsHeldRegular"), get("cellsHeldRegular") + get("cellsMissedRegular")));
    return rates;
  }

  private static Double share(long part, long whole) {
    return whole == 0 ? null : Math.round(part * 10_000.0 / whole) / 10_000.0;
  }

  org.bson.Document toBson() {
    org.bson.Document doc = new org.bson.Document();
    counts.forEach(doc::append);
    return doc;
  }

  static Figures fromBson(Object value) {
    if (!(value instanceof org.bson.Document doc)) {
      return zero();
    }
    Map<String, Long> counts = new LinkedHashMap<>();
    for (String name : NAMES) {
      Object v = doc.get(name);
      counts.put(name, v instanceof Number n ? n.longValue() : 0L);
    }
    return new Figures(counts);
  }
}
