package vn.digicell.member.member;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;
import java.util.Set;

/**
 * One dated, attributed entry of a member's record: work, training, a reward, a discipline, an
 * annual evaluation or a position held. Entries are never edited: a correction is a new entry that
 * names the one it {@code supersedes}.
 */
public record HistoryEntry(
    String entryId,
    Kind kind,
    LocalDate from,
    LocalDate to,
    Integer year,
    String title,
    String organisation,
    String classification,
    String decisionNumber,
    String supersedes,
    String recordedBy,
    Instant recordedAt) {

  /** What an entry is about, and which classifications it allows. */
  public enum Kind {
    WORK(Set.of()),
    TRAINING(Set.of("SO_CAP", "TRUNG_CAP", "CAO_CAP", "CU_NHAN", "BOI_DUONG")),
    REWARD(
        Set.of(
            "CERTIFICATE",
            "MEDAL",
            "BADGE_30",
            "BADGE_40",
            "BADGE_45",
            "BADGE_50",
            "BADGE_55",
            "BADGE_60",
            "BADGE_65",
            "BADGE_70",
            "BADGE_75")),
    DISCIPLINE(Set.of("REPRIMAND", "WARNING", "DISMISSAL", "EXPULSION")),
    EVALUATION(Set.of("EXCELLENT", "GOOD", "COMPLETED", "NOT_COMPLETED")),
    POSITION(
        Set.of(
            "CELL_SECRETARY",
            "DEPUTY_SECRETARY",
            "COMMITTEE_MEMBER",
            "STANDING_COMMITTEE",
            "DIGITAL_CORE"));

    final Set<String> classifications;

    Kind(Set<String> classifications) {
      this.classifications = classifications;
    }

    /** Whether an entry of this kind must carry a classification from its set. */
    boolean needsClassification() {
      return this == DISCIPLINE || this == EVALUATION || this == POSITION;
    }
  }

  /** Years of membership that earn a party badge (Huy hiệu Đảng). */
  public static final Map<Integer, String> BADGE_MILESTONES =
      Map.of(
          30,
          "BADGE_30",
          40,
          "BADGE_40",
          45,
          "BADGE_45",
          50,
          "BADGE_50",
          55,
          "BADGE_55",
          60,
          "BADGE_60",
          65,
          "BADGE_65",
          70,
          "BADGE_70",
          75,
          "BADGE_75");
}
