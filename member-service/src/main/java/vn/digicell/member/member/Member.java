package vn.digicell.member.member;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.data.annotation.Id;
import org.springframework.data.annotation.PersistenceCreator;
import org.springframework.data.annotation.Version;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;
import vn.digicell.member.orgunit.OrgUnit;
import vn.digicell.member.shared.VietnameseText;
import vn.digicell.platform.events.AggregateRoot;
import vn.digicell.platform.web.ProblemException;

/**
 * A party member's record. Personal fields are held encrypted ({@link SensitiveData}); events on
 * the general stream never carry them, only the restricted contacts stream does.
 */
@Document("members")
@CompoundIndex(name = "cell_order", def = "{'orgUnitId': 1, 'sortKey': 1, '_id': 1}")
@CompoundIndex(name = "subtree_order", def = "{'orgPath': 1, 'sortKey': 1, '_id': 1}")
@CompoundIndex(
    name = "due_official",
    def = "{'status': 1, 'orgPath': 1, 'admittedOn': 1, '_id': 1}")
@CompoundIndex(name = "attachment_until", def = "{'attachedTo.until': 1, '_id': 1}")
public class Member extends AggregateRoot {

  static final String ADMITTED = "vn.digicell.member.admitted.v1";
  static final String CONTACT_CHANGED = "vn.digicell.member.contact-changed.v1";
  static final String RECOGNISED_OFFICIAL = "vn.digicell.member.recognised-official.v1";
  static final String EXEMPTED = "vn.digicell.member.exempted-from-activities.v1";
  static final String RETURNED = "vn.digicell.member.returned-to-activities.v1";
  static final String REMOVED = "vn.digicell.member.removed.v1";
  static final String EXPELLED = "vn.digicell.member.expelled.v1";
  static final String DECEASED = "vn.digicell.member.deceased.v1";
  static final int MINIMUM_AGE = 18;

  /**
   * General education as Vietnamese records write it: grades completed out of a 10-year (before
   * 1981 in the North) or 12-year system, e.g. "12/12", "9/12", "7/10".
   */
  public static final String EDUCATION_PATTERN = "([1-9]|10)/10|([1-9]|1[0-2])/12";

  public static final int RELIGION_MAX = 60;
  public static final int RESIDENCE_MAX = 300;
  public static final int QUALIFICATION_MAX = 100;
  public static final int OCCUPATION_MAX = 100;

  @Id private final String id;

  @Indexed(unique = true)
  private String partyNumber;

  private String fullName;
  @Indexed private String searchName;
  private String sortKey;
  private Gender gender;
  private LocalDate dateOfBirth;
  private String ethnicity;
  private String hometown;
  private String orgUnitId;
  private String orgPath;

  /** A temporary attachment to another cell (the member keeps their home cell). */
  private Attachment attachedTo;

  private MemberStatus status;
  private LocalDate officialOn;

  /** Year of birth and of admission, kept beside the dates so statistics can group on them. */
  private int birthYear;

  private int admittedYear;

  /** Folded name words (diacritics off, đ→d), for word-prefix search served by an index. */
  @Indexed private final List<String> searchTokens;

  /** Every status change, dated and attributed; never rewritten. */
  private final List<StatusChange> statusHistory;

  /** Work, training, rewards, discipline, evaluations, positions: append-only. */
  private final List<HistoryEntry> history;

  private LocalDate admittedOn;
  private String citizenIdEncrypted;

  @Indexed(unique = true)
  private String citizenIdHash;

  private String phoneEncrypted;
  private String emailEncrypted;

  /** Where the member lives now: an address, so personal and held encrypted like the phone. */
  private String residenceEncrypted;

  private String religion;

  /** General education, e.g. "12/12". */
  private String education;

  /** Professional qualification, e.g. "Đại học", "Cao đẳng", "Trung cấp", "Không". */
  private String professionalQualification;

  private PoliticalTheoryLevel politicalTheoryLevel;
  private String occupation;

  /** The member's user id with the organisation's Zalo Official Account: personal, encrypted. */
  private String zaloIdEncrypted;

  /** The profile photo (stored in GridFS), if any. */
  private Photo photo;

  /** Contact updates and identity corrections, dated and attributed; never rewritten. */
  private List<Amendment> amendments = new ArrayList<>();

  private final Instant createdAt;
  @Version private Long version;

  @PersistenceCreator
  Member(
      String id,
      String partyNumber,
      String fullName,
      String searchName,
      String sortKey,
      Gender gender,
      LocalDate dateOfBirth,
      String ethnicity,
      String hometown,
      String orgUnitId,
      String orgPath,
      MemberStatus status,
      LocalDate officialOn,
      List<String> searchTokens,
      List<StatusChange> statusHistory,
      List<HistoryEntry> history,
      LocalDate admittedOn,
      String citizenIdEncrypted,
      String citizenIdHash,
      String phoneEncrypted,
      String emailEncrypted,
      String residenceEncrypted,
      String religion,
      String education,
      String professionalQualification,
      PoliticalTheoryLevel politicalTheoryLevel,
      String occupation,
      Instant createdAt) {
    this.id = id;
    this.partyNumber = partyNumber;
    this.fullName = fullName;
    this.searchName = searchName;
    this.sortKey = sortKey;
    this.gender = gender;
    this.dateOfBirth = dateOfBirth;
    this.ethnicity = ethnicity;
    this.hometown = hometown;
    this.orgUnitId = orgUnitId;
    this.orgPath = orgPath;
    this.status = status;
    this.officialOn = officialOn;
    this.searchTokens = searchTokens == null ? new ArrayList<>() : new ArrayList<>(searchTokens);
    this.statusHistory = statusHistory == null ? new ArrayList<>() : new ArrayList<>(statusHistory);
    this.history = history == null ? new ArrayList<>() : new ArrayList<>(history);
    this.admittedOn = admittedOn;
    this.birthYear = dateOfBirth == null ? 0 : dateOfBirth.getYear();
    this.admittedYear = admittedOn == null ? 0 : admittedOn.getYear();
    this.citizenIdEncrypted = citizenIdEncrypted;
    this.citizenIdHash = citizenIdHash;
    this.phoneEncrypted = phoneEncrypted;
    this.emailEncrypted = emailEncrypted;
    this.residenceEncrypted = residenceEncrypted;
    this.religion = religion;
    this.education = education;
    this.professionalQualification = professionalQualification;
    this.politicalTheoryLevel = politicalTheoryLevel;
    this.occupation = occupation;
    this.createdAt = createdAt;
  }

  /** What an admission needs to know about the person. */
  record Person(
      String fullName,
      Gender gender,
      LocalDate dateOfBirth,
      String citizenId,
      String ethnicity,
      String hometown,
      String phone,
      String email,
      String zaloId,
      Background background) {}

  /** How a member came onto the record: admitted now, or carried over from a legacy register. */
  enum Source {
    ADMISSION,
    LEGACY_IMPORT
  }

  /** A Zalo user id: digits only, as Zalo's Official Account API gives it. */
  public static final String ZALO_ID_PATTERN = "[0-9]{6,32}";

  /**
   * What the record says of a person beyond identity, all optional (legacy registers are
   * incomplete): religion, residence (personal), general education, professional qualification,
   * political theory level, occupation.
   */
  public record Background(
      String religion,
      String residence,
      String education,
      String professionalQualification,
      PoliticalTheoryLevel politicalTheoryLevel,
      String occupation) {

    public static final Background NONE = new Background(null, null, null, null, null, null);

    /**
     * What is wrong with the fields given, by field name; empty when all fit. The API checks the
     * same through Bean Validation; the import calls this directly.
     */
    public java.util.Map<String, String> problems() {
      java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
      tooLong(out, "religion", religion, RELIGION_MAX);
      tooLong(out, "residence", residence, RESIDENCE_MAX);
      tooLong(out, "professionalQualification", professionalQualification, QUALIFICATION_MAX);
      tooLong(out, "occupation", occupation, OCCUPATION_MAX);
      if (education != null && !education.strip().matches(EDUCATION_PATTERN)) {
        out.put(
            "education", "'" + education + "' is not grades completed such as 12/12, 9/12, 7/10");
      }
      return out;
    }

    private static void tooLong(
        java.util.Map<String, String> out, String field, String value, int max) {
      if (value != null && value.length() > max) {
        out.put(field, "is longer than " + max + " characters");
      }
    }

    Background normalised() {
      return new Background(
          blankToNull(religion),
          blankToNull(residence),
          blankToNull(education),
          blankToNull(professionalQualification),
          politicalTheoryLevel,
          blankToNull(occupation));
    }

    private static String blankToNull(String s) {
      return s == null || s.isBlank() ? null : s.strip().replaceAll("\\s+", " ");
    }
  }

  /**
   * Admits a person as a probationary member of an active cell, under {@code id} (a fresh UUID, or
   * one an import derives so that a row run again keeps it).
   */
  static Member admit(
      String id,
      Person person,
      OrgUnit cell,
      LocalDate admittedOn,
      String partyNumber,
      Source source,
      SensitiveData sensitive,
      Clock clock) {
    if (!cell.isActiveCell()) {
      throw ProblemException.ruleViolated(
          "not-an-active-cell",
          "Members are admitted into an active party cell, not " + cell.path() + ".");
    }
    if (admittedOn.isAfter(LocalDate.now(clock))) {
      throw ProblemException.ruleViolated(
          "admission-in-future", "The admission date cannot be in the future.");
    }
    if (admittedOn.isBefore(person.dateOfBirth().plusYears(MINIMUM_AGE))) {
      throw ProblemException.ruleViolated(
          "too-young", "A member must be at least " + MINIMUM_AGE + " years old when admitted.");
    }
    String name = person.fullName().strip().replaceAll("\\s+", " ");
    Background background =
        person.background() == null ? Background.NONE : person.background().normalised();
    java.util.Map<String, String> problems = background.problems();
    if (!problems.isEmpty()) {
      throw ProblemException.badRequest(
          "invalid-member-details",
          problems.entrySet().stream()
              .map(e -> e.getKey() + " " + e.getValue())
              .collect(java.util.stream.Collectors.joining("; ")));
    }
    String zaloId = blankToNull(person.zaloId());
    if (zaloId != null && !zaloId.matches(ZALO_ID_PATTERN)) {
      throw ProblemException.badRequest(
          "invalid-member-details", "zaloId '" + zaloId + "' is not a Zalo user id (6-32 digits)");
    }
    Member member =
        new Member(
            id,
            partyNumber,
            name,
            VietnameseText.searchKey(name),
            VietnameseText.nameSortKey(name),
            person.gender(),
            person.dateOfBirth(),
            person.ethnicity(),
            person.hometown(),
            cell.id(),
            cell.path(),
            MemberStatus.PROBATIONARY,
            null,
            List.of(VietnameseText.searchKey(name).split(" ")),
            List.of(
                new StatusChange(
                    null, MemberStatus.PROBATIONARY, admittedOn, null, "admitted", null, null)),
            List.of(),
            admittedOn,
            sensitive.encrypt(person.citizenId()),
            sensitive.lookupHash(person.citizenId()),
            sensitive.encrypt(person.phone()),
            sensitive.encrypt(person.email()),
            sensitive.encrypt(background.residence()),
            background.religion(),
            background.education(),
            background.professionalQualification(),
            background.politicalTheoryLevel(),
            background.occupation(),
            Instant.now(clock));
    member.zaloIdEncrypted = sensitive.encrypt(zaloId);
    member.record(
        ADMITTED,
        new MemberAdmitted(
            member.id,
            partyNumber,
            name,
            person.gender().name(),
            person.dateOfBirth().getYear(),
            cell.id(),
            cell.path(),
            admittedOn,
            MemberStatus.PROBATIONARY.name(),
            source.name()),
        clock);
    if (person.phone() != null || person.email() != null || zaloId != null) {
      member.recordContactChanged(sensitive, clock);
    }
    return member;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s.strip();
  }

  /**
   * Puts the member's complete current contact details on the restricted contacts topic: it is
   * compacted, so each record must stand alone (the latest one wins).
   */
  private void recordContactChanged(SensitiveData sensitive, Clock clock) {
    record(
        CONTACT_CHANGED,
        new MemberContactChanged(
            id,
            fullName,
            sensitive.decrypt(emailEncrypted),
            sensitive.decrypt(phoneEncrypted),
            "vi",
            sensitive.decrypt(zaloIdEncrypted)),
        clock);
  }

  /** One dated, attributed status change (the member's party-life history). */
  public record StatusChange(
      MemberStatus from,
      MemberStatus to,
      LocalDate effectiveOn,
      String decisionNumber,
      String reason,
      String recordedBy,
      Instant recordedAt) {}

  /** What a lifecycle decision says: when it takes effect, its number, why, who recorded it. */
  public record Decision(
      LocalDate effectiveOn, String decisionNumber, String reason, String recordedBy) {}

  static final int PROBATION_MONTHS = 12;

  /** Recognised as an official member once the 12-month probation is complete. */
  void recogniseOfficial(Decision decision, Clock clock) {
    requireStatus("recognise as official", MemberStatus.PROBATIONARY);
    LocalDate completes = probationEnds();
    if (decision.effectiveOn().isBefore(completes)) {
      throw ProblemException.ruleViolated(
          "probation-not-complete",
          "The 12-month probation ends on "
              + completes
              + "; recognition cannot take effect earlier.");
    }
    officialOn = decision.effectiveOn();
    change(MemberStatus.OFFICIAL, decision, RECOGNISED_OFFICIAL, clock);
  }

  /** Exempted from cell activities (age, illness): still a member, not counted for quorum. */
  void exempt(Decision decision, Clock clock) {
    requireStatus("exempt from activities", MemberStatus.OFFICIAL);
    change(MemberStatus.EXEMPTED, decision, EXEMPTED, clock);
  }

  void returnToActivities(Decision decision, Clock clock) {
    requireStatus("return to activities", MemberStatus.EXEMPTED);
    change(MemberStatus.OFFICIAL, decision, RETURNED, clock);
  }

  /** Name removed from the party's rolls (xóa tên). */
  void remove(Decision decision, Clock clock) {
    requireStatus(
        "remove", MemberStatus.PROBATIONARY, MemberStatus.OFFICIAL, MemberStatus.EXEMPTED);
    change(MemberStatus.REMOVED, decision, REMOVED, clock);
  }

  void expel(Decision decision, Clock clock) {
    requireStatus("expel", MemberStatus.PROBATIONARY, MemberStatus.OFFICIAL, MemberStatus.EXEMPTED);
    change(MemberStatus.EXPELLED, decision, EXPELLED, clock);
  }

  void recordDeath(Decision decision, Clock clock) {
    requireStatus(
        "record the death of",
        MemberStatus.PROBATIONARY,
        MemberStatus.OFFICIAL,
        MemberStatus.EXEMPTED);
    change(MemberStatus.DECEASED, decision, DECEASED, clock);
  }

  static final String HISTORY_RECORDED = "vn.digicell.member.history-recorded.v1";
  static final String TRANSFERRED = "vn.digicell.member.transferred.v1";
  static final String ATTACHED = "vn.digicell.member.temporarily-attached.v1";

  /** Where a member temporarily attends, until when, and by which transfer. */
  public record Attachment(String orgUnitId, String orgPath, LocalDate until, String transferId) {}

  /**
   * Completes an official transfer: membership moves to {@code cell}; the whole record travels with
   * the member, and the status history keeps where they came from. Idempotent per transfer.
   */
  public void transferTo(OrgUnit cell, String transferId, LocalDate on, String by, Clock clock) {
    if (cell.id().equals(orgUnitId)) {
      return; // already moved by this transfer (a retried acceptance)
    }
    requireStatus(
        "transfer", MemberStatus.PROBATIONARY, MemberStatus.OFFICIAL, MemberStatus.EXEMPTED);
    if (!cell.isActiveCell()) {
      throw ProblemException.ruleViolated(
          "not-an-active-cell", "Members are transferred into an active party cell.");
    }
    String fromId = orgUnitId;
    String fromPath = orgPath;
    orgUnitId = cell.id();
    orgPath = cell.path();
    attachedTo = null;
    statusHistory.add(
        new StatusChange(
            status,
            status,
            on,
            transferId,
            "transferred from " + fromPath + " to " + orgPath,
            by,
            Instant.now(clock)));
    record(
        TRANSFERRED,
        new Transferred(id, transferId, fromId, fromPath, orgUnitId, orgPath, status.name(), on),
        clock);
  }

  /** Completes a temporary transfer: the member attends {@code cell} until {@code until}. */
  public void attachTemporarily(
      OrgUnit cell, String transferId, LocalDate until, String by, Clock clock) {
    if (attachedTo != null && transferId.equals(attachedTo.transferId())) {
      return;
    }
    requireStatus("attach", MemberStatus.PROBATIONARY, MemberStatus.OFFICIAL);
    attachedTo = new Attachment(cell.id(), cell.path(), until, transferId);
    record(
        ATTACHED,
        new TemporarilyAttached(
            id, transferId, orgUnitId, orgPath, cell.id(), cell.path(), until, status.name()),
        clock);
  }

  public Attachment attachedTo() {
    return attachedTo;
  }

  static final String ATTACHMENT_ENDED = "vn.digicell.member.attachment-ended.v1";
  static final String REASSIGNED = "vn.digicell.member.reassigned.v1";

  /**
   * Ends the temporary attachment: early (a secretary or committee of either side decided it,
   * before its date) or on its date (the daily job). The member attends their home cell again.
   */
  void endAttachment(LocalDate endedOn, boolean early, String by, Clock clock) {
    if (attachedTo == null) {
      throw ProblemException.ruleViolated(
          "not-attached", "This member is not temporarily attached to another cell.");
    }
    if (endedOn.isAfter(LocalDate.now(clock))) {
      throw ProblemException.ruleViolated(
          "decision-in-future", "An attachment cannot be ended at a future date.");
    }
    Attachment ended = attachedTo;
    if (early && endedOn.isAfter(ended.until())) {
      throw ProblemException.ruleViolated(
          "attachment-already-over",
          "The attachment ran until " + ended.until() + "; it is not ended early after that.");
    }
    attachedTo = null;
    statusHistory.add(
        new StatusChange(
            status,
            status,
            endedOn,
            ended.transferId(),
            (early ? "temporary attachment ended early at " : "temporary attachment ended at ")
                + ended.orgPath(),
            by,
            Instant.now(clock)));
    record(
        ATTACHMENT_ENDED,
        new AttachmentEnded(
            id,
            orgUnitId,
            orgPath,
            ended.orgUnitId(),
            ended.orgPath(),
            ended.transferId(),
            ended.until(),
            endedOn,
            early),
        clock);
  }

  /** Payload of {@code vn.digicell.member.attachment-ended.v1}. */
  record AttachmentEnded(
      String memberId,
      String orgUnitId,
      String orgPath,
      String attachedOrgUnitId,
      String attachedOrgPath,
      String transferId,
      LocalDate until,
      LocalDate endedOn,
      boolean early) {}

  /** Payload of {@code vn.digicell.member.reassigned.v1}. */
  record Reassigned(
      String memberId,
      String fromOrgUnitId,
      String fromOrgPath,
      String toOrgUnitId,
      String toOrgPath,
      String reason,
      LocalDate effectiveOn,
      String status) {}

  /** Payload of {@code vn.digicell.member.transferred.v1}: the member's new cell. */
  record Transferred(
      String memberId,
      String transferId,
      String fromOrgUnitId,
      String fromOrgPath,
      String orgUnitId,
      String orgPath,
      String status,
      LocalDate effectiveOn) {}

  /** Payload of {@code vn.digicell.member.temporarily-attached.v1}. */
  record TemporarilyAttached(
      String memberId,
      String transferId,
      String orgUnitId,
      String orgPath,
      String attachedOrgUnitId,
      String attachedOrgPath,
      LocalDate until,
      String status) {}

  /**
   * Adds an entry to the record. Checks what each kind needs; a correction must supersede an
   * existing entry of the same kind that nothing superseded yet; one evaluation per year unless it
   * corrects the earlier one.
   */
  HistoryEntry addHistory(HistoryEntry entry, Clock clock) {
    HistoryEntry.Kind kind = entry.kind();
    if (kind.needsClassification() && entry.classification() == null) {
      throw ProblemException.ruleViolated(
          "classification-required", "A " + kind + " entry needs a classification.");
    }
    if (entry.classification() != null && !kind.classifications.contains(entry.classification())) {
      throw ProblemException.ruleViolated(
          "classification-not-allowed",
          entry.classification()
              + " is not a classification of "
              + kind
              + "; one of "
              + new java.util.TreeSet<>(kind.classifications));
    }
    if (kind == HistoryEntry.Kind.DISCIPLINE && entry.decisionNumber() == null) {
      throw ProblemException.ruleViolated(
          "decision-number-required", "A discipline entry needs the decision's number.");
    }
    if (kind == HistoryEntry.Kind.EVALUATION) {
      if (entry.year() == null || entry.year() > LocalDate.now(clock).getYear()) {
        throw ProblemException.ruleViolated(
            "evaluation-year", "An evaluation is for a past or the current year.");
      }
    } else if (entry.from() == null) {
      throw ProblemException.ruleViolated("from-required", "A " + kind + " entry needs a date.");
    }
    if (entry.from() != null && entry.from().isAfter(LocalDate.now(clock))) {
      throw ProblemException.ruleViolated(
          "entry-in-future", "A history entry cannot start in the future.");
    }
    if (entry.to() != null && entry.from() != null && entry.to().isBefore(entry.from())) {
      throw ProblemException.ruleViolated(
          "ends-before-start", "An entry cannot end before it starts.");
    }
    if (entry.supersedes() != null) {
      HistoryEntry original =
          history.stream()
              .filter(h -> h.entryId().equals(entry.supersedes()))
              .findFirst()
              .orElseThrow(
                  () ->
                      ProblemException.ruleViolated(
                          "nothing-to-supersede",
                          "No entry " + entry.supersedes() + " in this member's record."));
      if (original.kind() != kind || isSuperseded(original.entryId())) {
        throw ProblemException.ruleViolated(
            "cannot-supersede", "A correction replaces a current entry of the same kind.");
      }
    } else if (kind == HistoryEntry.Kind.EVALUATION
        && history.stream()
            .anyMatch(
                h ->
                    h.kind() == HistoryEntry.Kind.EVALUATION
                        && entry.year().equals(h.year())
                        && !isSuperseded(h.entryId()))) {
      throw ProblemException.conflict(
          "evaluation-exists",
          "There is already an evaluation for " + entry.year() + "; record a correction instead.");
    }
    history.add(entry);
    record(
        HISTORY_RECORDED,
        new HistoryRecorded(
            id,
            orgUnitId,
            orgPath,
            entry.entryId(),
            kind.name(),
            entry.from(),
            entry.to(),
            entry.year(),
            entry.classification(),
            entry.supersedes()),
        clock);
    return entry;
  }

  /** Whether a later entry corrects this one. */
  public boolean isSuperseded(String entryId) {
    return history.stream().anyMatch(h -> entryId.equals(h.supersedes()));
  }

  public List<HistoryEntry> history() {
    return List.copyOf(history);
  }

  /** Whether a reward with this classification is on the record (and not superseded). */
  public boolean hasReward(String classification) {
    return history.stream()
        .anyMatch(
            h ->
                h.kind() == HistoryEntry.Kind.REWARD
                    && classification.equals(h.classification())
                    && !isSuperseded(h.entryId()));
  }

  /** Payload of {@code vn.digicell.member.history-recorded.v1}: classifications, no free text. */
  record HistoryRecorded(
      String memberId,
      String orgUnitId,
      String orgPath,
      String entryId,
      String kind,
      LocalDate from,
      LocalDate to,
      Integer year,
      String classification,
      String supersedes) {}

  /** The day the probation completes. */
  public LocalDate probationEnds() {
    return admittedOn.plusMonths(PROBATION_MONTHS);
  }

  private void requireStatus(String action, MemberStatus... allowed) {
    for (MemberStatus a : allowed) {
      if (status == a) {
        return;
      }
    }
    throw ProblemException.ruleViolated(
        "status-does-not-allow", "Cannot " + action + " a member whose status is " + status + ".");
  }

  private void change(MemberStatus to, Decision decision, String eventType, Clock clock) {
    if (decision.effectiveOn().isAfter(LocalDate.now(clock))) {
      throw ProblemException.ruleViolated(
          "decision-in-future", "A decision cannot take effect in the future.");
    }
    if (decision.effectiveOn().isBefore(admittedOn)) {
      throw ProblemException.ruleViolated(
          "decision-before-admission", "A decision cannot take effect before the admission.");
    }
    MemberStatus from = status;
    status = to;
    statusHistory.add(
        new StatusChange(
            from,
            to,
            decision.effectiveOn(),
            decision.decisionNumber(),
            decision.reason(),
            decision.recordedBy(),
            Instant.now(clock)));
    record(
        eventType,
        new StatusChanged(
            id,
            orgUnitId,
            orgPath,
            from.name(),
            to.name(),
            decision.effectiveOn(),
            decision.decisionNumber()),
        clock);
  }

  static final String CONTACT_UPDATED = "vn.digicell.member.contact-updated.v1";
  static final String IDENTITY_CORRECTED = "vn.digicell.member.identity-corrected.v1";
  static final String PHOTO_CHANGED = "vn.digicell.member.photo-changed.v1";
  static final String BACKGROUND_UPDATED = "vn.digicell.member.background-updated.v1";

  /**
   * A dated, attributed change to the record outside the party-life history: a contact update, or
   * an identity correction (two entries: the previous values, superseded, and the correction that
   * names it). Personal values (contact details, citizen id) are kept only encrypted, in {@code
   * personalEncrypted}; {@code values} holds the non-personal ones in clear.
   */
  public record Amendment(
      String entryId,
      Kind kind,
      List<String> fields,
      java.util.Map<String, String> values,
      java.util.Map<String, String> personalEncrypted,
      String supersedes,
      String reason,
      String decisionRef,
      String updatedBy,
      String recordedBy,
      Instant recordedAt) {

    /** What an amendment records. */
    public enum Kind {
      /** New contact details or residence; the previous ones kept encrypted. */
      CONTACT_UPDATE,
      /** The identity values a correction replaced (superseded by the correction). */
      IDENTITY_PREVIOUS,
      /** An identity correction: its new values, reason and supporting decision. */
      IDENTITY_CORRECTION,
      /** The background values an update replaced (superseded by the update). */
      BACKGROUND_PREVIOUS,
      /** New education, qualification, theory level or occupation, and what they rest on. */
      BACKGROUND_UPDATE
    }
  }

  /** The contact fields a member or their organisation keeps up to date. */
  public enum ContactField {
    EMAIL,
    PHONE,
    ZALO_ID,
    RESIDENCE
  }

  /** Contact details and residence as given; blank means none. */
  public record Contact(String email, String phone, String zaloId, String residence) {

    Contact normalised() {
      return new Contact(
          blankToNull(email),
          blankToNull(phone),
          blankToNull(zaloId),
          residence == null || residence.isBlank()
              ? null
              : residence.strip().replaceAll("\\s+", " "));
    }
  }

  /**
   * Replaces the member's contact details and residence by {@code next}, the complete new set
   * (blank or absent clears a field). Returns the fields that changed; when none did, nothing is
   * recorded. The general stream learns which fields changed, never their values; the restricted
   * contacts topic gets the complete new contact details when e-mail, phone or Zalo id changed.
   */
  List<ContactField> updateContact(
      Contact next, boolean bySelf, String by, SensitiveData sensitive, Clock clock) {
    Contact n = next.normalised();
    java.util.Map<String, String> problems = new java.util.LinkedHashMap<>();
    if (n.phone() != null && !n.phone().matches("\\+?[0-9]{9,15}")) {
      problems.put("phone", "is not a phone number");
    }
    if (n.email() != null
        && (n.email().length() > 200 || !n.email().matches("[^@\\s]+@[^@\\s]+"))) {
      problems.put("email", "is not an e-mail address");
    }
    if (n.zaloId() != null && !n.zaloId().matches(ZALO_ID_PATTERN)) {
      problems.put("zaloId", "is not a Zalo user id (6-32 digits)");
    }
    if (n.residence() != null && n.residence().length() > RESIDENCE_MAX) {
      problems.put("residence", "is longer than " + RESIDENCE_MAX + " characters");
    }
    if (!problems.isEmpty()) {
      throw ProblemException.badRequest(
          "invalid-member-details",
          problems.entrySet().stream()
              .map(e -> e.getKey() + " " + e.getValue())
              .collect(java.util.stream.Collectors.joining("; ")));
    }
    List<ContactField> changed = new ArrayList<>();
    java.util.Map<String, String> previous = new java.util.LinkedHashMap<>();
    if (!java.util.Objects.equals(sensitive.decrypt(emailEncrypted), n.email())) {
      changed.add(ContactField.EMAIL);
      previous.put(ContactField.EMAIL.name(), emailEncrypted);
      emailEncrypted = sensitive.encrypt(n.email());
    }
    if (!java.util.Objects.equals(sensitive.decrypt(phoneEncrypted), n.phone())) {
      changed.add(ContactField.PHONE);
      previous.put(ContactField.PHONE.name(), phoneEncrypted);
      phoneEncrypted = sensitive.encrypt(n.phone());
    }
    if (!java.util.Objects.equals(sensitive.decrypt(zaloIdEncrypted), n.zaloId())) {
      changed.add(ContactField.ZALO_ID);
      previous.put(ContactField.ZALO_ID.name(), zaloIdEncrypted);
      zaloIdEncrypted = sensitive.encrypt(n.zaloId());
    }
    if (!java.util.Objects.equals(sensitive.decrypt(residenceEncrypted), n.residence())) {
      changed.add(ContactField.RESIDENCE);
      previous.put(ContactField.RESIDENCE.name(), residenceEncrypted);
      residenceEncrypted = sensitive.encrypt(n.residence());
    }
    if (changed.isEmpty()) {
      return changed;
    }
    List<String> names = changed.stream().map(Enum::name).toList();
    String updatedBy = bySelf ? "MEMBER" : "ORGANISATION";
    amendments()
        .add(
            new Amendment(
                UUID.randomUUID().toString(),
                Amendment.Kind.CONTACT_UPDATE,
                names,
                java.util.Map.of(),
                previous,
                null,
                null,
                null,
                updatedBy,
                by,
                Instant.now(clock)));
    record(CONTACT_UPDATED, new ContactUpdated(id, orgUnitId, orgPath, names, updatedBy), clock);
    if (changed.stream().anyMatch(f -> f != ContactField.RESIDENCE)) {
      recordContactChanged(sensitive, clock);
    }
    return changed;
  }

  /** The background fields that change during party life. */
  public enum BackgroundField {
    EDUCATION,
    PROFESSIONAL_QUALIFICATION,
    POLITICAL_THEORY_LEVEL,
    OCCUPATION
  }

  /**
   * Records a new education, professional qualification, political theory level or occupation (a
   * course completed, a new job): the complete new set, a blank value clearing one. The values
   * replaced are kept as a superseded entry, the update names what it rests on (a diploma, a
   * decision). Returns the update entry, or empty when nothing differs.
   */
  java.util.Optional<Amendment> updateBackground(
      String nextEducation,
      String nextQualification,
      PoliticalTheoryLevel nextLevel,
      String nextOccupation,
      String basis,
      String by,
      Clock clock) {
    Background wanted =
        new Background(null, null, nextEducation, nextQualification, nextLevel, nextOccupation)
            .normalised();
    java.util.Map<String, String> problems = wanted.problems();
    if (basis != null && basis.length() > 200) {
      problems.put("basis", "is longer than 200 characters");
    }
    if (!problems.isEmpty()) {
      throw ProblemException.badRequest(
          "invalid-member-details",
          problems.entrySet().stream()
              .map(e -> e.getKey() + " " + e.getValue())
              .collect(java.util.stream.Collectors.joining("; ")));
    }
    java.util.Map<String, String> before = new java.util.LinkedHashMap<>();
    java.util.Map<String, String> after = new java.util.LinkedHashMap<>();
    List<BackgroundField> changed = new ArrayList<>();
    if (!java.util.Objects.equals(education, wanted.education())) {
      changed.add(BackgroundField.EDUCATION);
      before.put(BackgroundField.EDUCATION.name(), education);
      education = wanted.education();
      after.put(BackgroundField.EDUCATION.name(), education);
    }
    if (!java.util.Objects.equals(professionalQualification, wanted.professionalQualification())) {
      changed.add(BackgroundField.PROFESSIONAL_QUALIFICATION);
      before.put(BackgroundField.PROFESSIONAL_QUALIFICATION.name(), professionalQualification);
      professionalQualification = wanted.professionalQualification();
      after.put(BackgroundField.PROFESSIONAL_QUALIFICATION.name(), professionalQualification);
    }
    if (politicalTheoryLevel != wanted.politicalTheoryLevel()) {
      changed.add(BackgroundField.POLITICAL_THEORY_LEVEL);
      before.put(
          BackgroundField.POLITICAL_THEORY_LEVEL.name(),
          politicalTheoryLevel == null ? null : politicalTheoryLevel.name());
      politicalTheoryLevel = wanted.politicalTheoryLevel();
      after.put(
          BackgroundField.POLITICAL_THEORY_LEVEL.name(),
          politicalTheoryLevel == null ? null : politicalTheoryLevel.name());
    }
    if (!java.util.Objects.equals(occupation, wanted.occupation())) {
      changed.add(BackgroundField.OCCUPATION);
      before.put(BackgroundField.OCCUPATION.name(), occupation);
      occupation = wanted.occupation();
      after.put(BackgroundField.OCCUPATION.name(), occupation);
    }
    if (changed.isEmpty()) {
      return java.util.Optional.empty();
    }
    List<String> names = changed.stream().map(Enum::name).toList();
    Amendment update =
        supersede(
            Amendment.Kind.BACKGROUND_PREVIOUS,
            Amendment.Kind.BACKGROUND_UPDATE,
            names,
            before,
            java.util.Map.of(),
            after,
            null,
            basis == null || basis.isBlank() ? null : basis.strip(),
            by,
            clock);
    record(
        BACKGROUND_UPDATED,
        new BackgroundUpdated(
            id,
            orgUnitId,
            orgPath,
            update.entryId(),
            names,
            changed.contains(BackgroundField.EDUCATION) ? education : null,
            changed.contains(BackgroundField.POLITICAL_THEORY_LEVEL)
                ? (politicalTheoryLevel == null ? null : politicalTheoryLevel.name())
                : null),
        clock);
    return java.util.Optional.of(update);
  }

  /**
   * Adds the two entries of a change made by the organisation: the values replaced (kind {@code
   * previousKind}, superseded, personal ones only encrypted) and the change naming it, with its
   * reason and the decision it rests on. Returns the change.
   */
  private Amendment supersede(
      Amendment.Kind previousKind,
      Amendment.Kind kind,
      List<String> fields,
      java.util.Map<String, String> before,
      java.util.Map<String, String> beforePersonal,
      java.util.Map<String, String> after,
      String reason,
      String decisionRef,
      String by,
      Clock clock) {
    Instant now = Instant.now(clock);
    Amendment previous =
        new Amendment(
            UUID.randomUUID().toString(),
            previousKind,
            fields,
            before,
            beforePersonal,
            null,
            null,
            null,
            "ORGANISATION",
            by,
            now);
    Amendment change =
        new Amendment(
            UUID.randomUUID().toString(),
            kind,
            fields,
            after,
            java.util.Map.of(),
            previous.entryId(),
            reason,
            decisionRef,
            "ORGANISATION",
            by,
            now);
    amendments().add(previous);
    amendments().add(change);
    return change;
  }

  /**
   * Payload of {@code vn.digicell.member.background-updated.v1}: the fields changed and the new
   * classification values; free text (qualification, occupation) only named.
   */
  record BackgroundUpdated(
      String memberId,
      String orgUnitId,
      String orgPath,
      String entryId,
      List<String> fields,
      String education,
      String politicalTheoryLevel) {}

  /** Payload of {@code vn.digicell.member.contact-updated.v1}: field names, never values. */
  record ContactUpdated(
      String memberId, String orgUnitId, String orgPath, List<String> fields, String updatedBy) {}

  /** The identity fields a correction may change. */
  public enum IdentityField {
    FULL_NAME,
    GENDER,
    DATE_OF_BIRTH,
    CITIZEN_ID,
    ETHNICITY,
    RELIGION,
    HOMETOWN,
    PARTY_NUMBER,
    ADMITTED_ON,
    OFFICIAL_ON
  }

  /**
   * A correction of the identity record: each field given replaces the recorded one (absent or null
   * leaves it; for ethnicity, religion and hometown a blank value clears it), with the reason and
   * the decision or document that supports it.
   */
  public record IdentityCorrection(
      String fullName,
      Gender gender,
      LocalDate dateOfBirth,
      String citizenId,
      String ethnicity,
      String religion,
      String hometown,
      String partyNumber,
      LocalDate admittedOn,
      LocalDate officialOn,
      String reason,
      String decisionRef) {}

  /** Whether a citizen id (by keyed hash) or a party number is on another member's record. */
  interface Taken {
    boolean citizenIdHash(String hash);

    boolean partyNumber(String number);
  }

  /**
   * Corrects the identity record. The citizen id (new or kept) must fit the (corrected) birth date
   * and gender; a new citizen id or party number must be nobody else's; the dates must stay
   * consistent (18 at admission, 12 months of probation, nothing in the future, no decision before
   * the admission). The previous values are kept as a superseded amendment (a previous citizen id
   * only encrypted), the correction names it. Returns the correction entry; changes nothing when a
   * rule is broken.
   */
  Amendment correctIdentity(
      IdentityCorrection c, String by, SensitiveData sensitive, Taken taken, Clock clock) {
    LocalDate today = LocalDate.now(clock);
    String newName = c.fullName() == null ? null : c.fullName().strip().replaceAll("\\s+", " ");
    String currentCitizenId = sensitive.decrypt(citizenIdEncrypted);
    String newCitizenId = c.citizenId() == null ? null : c.citizenId().strip();
    java.util.EnumSet<IdentityField> changed = java.util.EnumSet.noneOf(IdentityField.class);
    if (newName != null && !newName.equals(fullName)) {
      changed.add(IdentityField.FULL_NAME);
    }
    if (c.gender() != null && c.gender() != gender) {
      changed.add(IdentityField.GENDER);
    }
    if (c.dateOfBirth() != null && !c.dateOfBirth().equals(dateOfBirth)) {
      changed.add(IdentityField.DATE_OF_BIRTH);
    }
    if (newCitizenId != null && !newCitizenId.equals(currentCitizenId)) {
      changed.add(IdentityField.CITIZEN_ID);
    }
    if (c.ethnicity() != null && !java.util.Objects.equals(blankToNull(c.ethnicity()), ethnicity)) {
      changed.add(IdentityField.ETHNICITY);
    }
    if (c.religion() != null && !java.util.Objects.equals(blankToNull(c.religion()), religion)) {
      changed.add(IdentityField.RELIGION);
    }
    if (c.hometown() != null && !java.util.Objects.equals(blankToNull(c.hometown()), hometown)) {
      changed.add(IdentityField.HOMETOWN);
    }
    if (c.partyNumber() != null && !c.partyNumber().strip().equals(partyNumber)) {
      changed.add(IdentityField.PARTY_NUMBER);
    }
    if (c.admittedOn() != null && !c.admittedOn().equals(admittedOn)) {
      changed.add(IdentityField.ADMITTED_ON);
    }
    if (c.officialOn() != null && !c.officialOn().equals(officialOn)) {
      changed.add(IdentityField.OFFICIAL_ON);
    }
    if (changed.isEmpty()) {
      throw ProblemException.ruleViolated(
          "nothing-to-correct", "Every value given is already the one on record.");
    }
    Gender effectiveGender = changed.contains(IdentityField.GENDER) ? c.gender() : gender;
    LocalDate born = changed.contains(IdentityField.DATE_OF_BIRTH) ? c.dateOfBirth() : dateOfBirth;
    String citizenId = changed.contains(IdentityField.CITIZEN_ID) ? newCitizenId : currentCitizenId;
    LocalDate admitted = changed.contains(IdentityField.ADMITTED_ON) ? c.admittedOn() : admittedOn;
    LocalDate official = changed.contains(IdentityField.OFFICIAL_ON) ? c.officialOn() : officialOn;
    if (changed.contains(IdentityField.CITIZEN_ID)
        || changed.contains(IdentityField.GENDER)
        || changed.contains(IdentityField.DATE_OF_BIRTH)) {
      List<String> idProblems = CitizenId.problems(citizenId, born, effectiveGender);
      if (!idProblems.isEmpty()) {
        throw new MemberService.InvalidCitizenIdException(String.join("; ", idProblems));
      }
    }
    if (born.isAfter(today)) {
      throw ProblemException.ruleViolated(
          "born-in-future", "The date of birth cannot be in the future.");
    }
    if (admitted.isAfter(today)) {
      throw ProblemException.ruleViolated(
          "admission-in-future", "The admission date cannot be in the future.");
    }
    if (admitted.isBefore(born.plusYears(MINIMUM_AGE))) {
      throw ProblemException.ruleViolated(
          "too-young", "A member must be at least " + MINIMUM_AGE + " years old when admitted.");
    }
    if (changed.contains(IdentityField.OFFICIAL_ON) && officialOn == null) {
      throw ProblemException.ruleViolated(
          "not-official",
          "This member was never recognised as official; record the recognition instead.");
    }
    if (official != null) {
      if (official.isAfter(today)) {
        throw ProblemException.ruleViolated(
            "decision-in-future", "The official date cannot be in the future.");
      }
      LocalDate completes = admitted.plusMonths(PROBATION_MONTHS);
      if (official.isBefore(completes)) {
        throw ProblemException.ruleViolated(
            "probation-not-complete",
            "The 12-month probation of a member admitted on "
                + admitted
                + " ends on "
                + completes
                + "; the official date cannot be earlier.");
      }
    }
    boolean officialCorrected = changed.contains(IdentityField.OFFICIAL_ON);
    for (StatusChange line : statusHistory) {
      boolean recognition =
          line.from() == MemberStatus.PROBATIONARY && line.to() == MemberStatus.OFFICIAL;
      if (line.from() != null
          && !(recognition && officialCorrected)
          && line.effectiveOn() != null
          && line.effectiveOn().isBefore(admitted)) {
        throw ProblemException.ruleViolated(
            "decision-before-admission",
            "A decision on record takes effect on "
                + line.effectiveOn()
                + ", before the corrected admission date.");
      }
    }
    String newHash = null;
    if (changed.contains(IdentityField.CITIZEN_ID)) {
      newHash = sensitive.lookupHash(citizenId);
      if (taken.citizenIdHash(newHash)) {
        throw ProblemException.conflict(
            "citizen-already-member", "A member with this citizen id is already on record.");
      }
    }
    String newPartyNumber =
        changed.contains(IdentityField.PARTY_NUMBER) ? c.partyNumber().strip() : null;
    if (newPartyNumber != null && taken.partyNumber(newPartyNumber)) {
      throw ProblemException.conflict(
          "party-number-taken", "Party number " + newPartyNumber + " is another member's.");
    }

    java.util.Map<String, String> before = new java.util.LinkedHashMap<>();
    java.util.Map<String, String> after = new java.util.LinkedHashMap<>();
    java.util.Map<String, String> beforePersonal = new java.util.LinkedHashMap<>();
    for (IdentityField f : changed) {
      switch (f) {
        case FULL_NAME -> {
          before.put(f.name(), fullName);
          fullName = newName;
          searchName = VietnameseText.searchKey(newName);
          sortKey = VietnameseText.nameSortKey(newName);
          searchTokens.clear();
          searchTokens.addAll(List.of(searchName.split(" ")));
          after.put(f.name(), fullName);
        }
        case GENDER -> {
          before.put(f.name(), gender.name());
          gender = c.gender();
          after.put(f.name(), gender.name());
        }
        case DATE_OF_BIRTH -> {
          before.put(f.name(), dateOfBirth.toString());
          dateOfBirth = c.dateOfBirth();
          birthYear = dateOfBirth.getYear();
          after.put(f.name(), dateOfBirth.toString());
        }
        case CITIZEN_ID -> {
          beforePersonal.put(f.name(), citizenIdEncrypted);
          citizenIdEncrypted = sensitive.encrypt(citizenId);
          citizenIdHash = sensitive.lookupHash(citizenId);
        }
        case ETHNICITY -> {
          before.put(f.name(), ethnicity);
          ethnicity = blankToNull(c.ethnicity());
          after.put(f.name(), ethnicity);
        }
        case RELIGION -> {
          before.put(f.name(), religion);
          religion = blankToNull(c.religion());
          after.put(f.name(), religion);
        }
        case HOMETOWN -> {
          before.put(f.name(), hometown);
          hometown = blankToNull(c.hometown());
          after.put(f.name(), hometown);
        }
        case PARTY_NUMBER -> {
          before.put(f.name(), partyNumber);
          partyNumber = newPartyNumber;
          after.put(f.name(), partyNumber);
        }
        case ADMITTED_ON -> {
          before.put(f.name(), admittedOn.toString());
          admittedOn = c.admittedOn();
          admittedYear = admittedOn.getYear();
          after.put(f.name(), admittedOn.toString());
        }
        case OFFICIAL_ON -> {
          before.put(f.name(), officialOn.toString());
          officialOn = c.officialOn();
          after.put(f.name(), officialOn.toString());
        }
      }
    }
    List<String> names = changed.stream().map(Enum::name).toList();
    Amendment correction =
        supersede(
            Amendment.Kind.IDENTITY_PREVIOUS,
            Amendment.Kind.IDENTITY_CORRECTION,
            names,
            before,
            beforePersonal,
            after,
            c.reason().strip(),
            c.decisionRef().strip(),
            by,
            clock);
    record(
        IDENTITY_CORRECTED,
        new IdentityCorrected(
            id,
            orgUnitId,
            orgPath,
            correction.entryId(),
            names,
            changed.contains(IdentityField.FULL_NAME) ? fullName : null,
            changed.contains(IdentityField.GENDER) ? gender.name() : null,
            changed.contains(IdentityField.DATE_OF_BIRTH) ? birthYear : null,
            changed.contains(IdentityField.PARTY_NUMBER) ? partyNumber : null,
            changed.contains(IdentityField.ADMITTED_ON) ? admittedOn : null,
            changed.contains(IdentityField.OFFICIAL_ON) ? officialOn : null),
        clock);
    if (changed.contains(IdentityField.FULL_NAME)
        && (phoneEncrypted != null || emailEncrypted != null || zaloIdEncrypted != null)) {
      // the contacts topic carries the name notifications greet the member by
      recordContactChanged(sensitive, clock);
    }
    return correction;
  }

  /**
   * Payload of {@code vn.digicell.member.identity-corrected.v1}: the fields corrected, and the new
   * values of those that travel on the general stream; a citizen id is only named.
   */
  record IdentityCorrected(
      String memberId,
      String orgUnitId,
      String orgPath,
      String entryId,
      List<String> fields,
      String fullName,
      String gender,
      Integer birthYear,
      String partyNumber,
      LocalDate admittedOn,
      LocalDate officialOn) {}

  /** The profile photo: its GridFS file, detected type and size, who set it and when. */
  public record Photo(
      String fileId, String contentType, long size, String changedBy, Instant changedAt) {}

  /** Sets (or replaces) the photo; returns the one it replaces, if any. */
  Photo replacePhoto(Photo next, Clock clock) {
    Photo old = photo;
    photo = next;
    record(
        PHOTO_CHANGED, new PhotoChanged(id, orgUnitId, orgPath, true, next.contentType()), clock);
    return old;
  }

  /** Removes the photo; returns it (its file is deleted after the record is saved). */
  Photo removePhoto(Clock clock) {
    if (photo == null) {
      throw ProblemException.notFound("no-photo", "This member has no photo on record.");
    }
    Photo old = photo;
    photo = null;
    record(PHOTO_CHANGED, new PhotoChanged(id, orgUnitId, orgPath, false, null), clock);
    return old;
  }

  /** Payload of {@code vn.digicell.member.photo-changed.v1}. */
  record PhotoChanged(
      String memberId, String orgUnitId, String orgPath, boolean present, String contentType) {}

  public Photo photo() {
    return photo;
  }

  /** Contact updates and identity corrections, oldest first. */
  public List<Amendment> amendmentHistory() {
    return List.copyOf(amendments());
  }

  /** Whether a later correction names this amendment as the one it replaces. */
  public boolean isAmendmentSuperseded(String entryId) {
    return amendments().stream().anyMatch(a -> entryId.equals(a.supersedes()));
  }

  private List<Amendment> amendments() {
    if (amendments == null) {
      amendments = new ArrayList<>();
    }
    return amendments;
  }

  String zaloIdEncrypted() {
    return zaloIdEncrypted;
  }

  @Override
  public String id() {
    return id;
  }

  @Override
  protected String orgPath() {
    return orgPath;
  }

  public String path() {
    return orgPath;
  }

  public String partyNumber() {
    return partyNumber;
  }

  public String fullName() {
    return fullName;
  }

  public Gender gender() {
    return gender;
  }

  public LocalDate dateOfBirth() {
    return dateOfBirth;
  }

  public String ethnicity() {
    return ethnicity;
  }

  public String hometown() {
    return hometown;
  }

  public String orgUnitId() {
    return orgUnitId;
  }

  public MemberStatus status() {
    return status;
  }

  public LocalDate admittedOn() {
    return admittedOn;
  }

  public LocalDate officialOn() {
    return officialOn;
  }

  public List<StatusChange> statusHistory() {
    return List.copyOf(statusHistory);
  }

  String sortKey() {
    return sortKey;
  }

  String citizenIdEncrypted() {
    return citizenIdEncrypted;
  }

  String phoneEncrypted() {
    return phoneEncrypted;
  }

  String emailEncrypted() {
    return emailEncrypted;
  }

  String residenceEncrypted() {
    return residenceEncrypted;
  }

  public String religion() {
    return religion;
  }

  public String education() {
    return education;
  }

  public String professionalQualification() {
    return professionalQualification;
  }

  public PoliticalTheoryLevel politicalTheoryLevel() {
    return politicalTheoryLevel;
  }

  public String occupation() {
    return occupation;
  }

  /** Payload of {@code vn.digicell.member.admitted.v1}: nothing personal beyond the name. */
  record MemberAdmitted(
      String memberId,
      String partyNumber,
      String fullName,
      String gender,
      int birthYear,
      String orgUnitId,
      String orgPath,
      LocalDate admittedOn,
      String status,
      String source) {}

  /**
   * Payload of every status-change event ({@code recognised-official}, {@code
   * exempted-from-activities}, {@code returned-to-activities}, {@code removed}, {@code expelled},
   * {@code deceased}): the member's new {@code status} and where they belong.
   */
  record StatusChanged(
      String memberId,
      String orgUnitId,
      String orgPath,
      String previousStatus,
      String status,
      LocalDate effectiveOn,
      String decisionNumber) {}

  /** Payload of {@code vn.digicell.member.contact-changed.v1} (restricted topic). */
  record MemberContactChanged(
      String memberId,
      String fullName,
      String email,
      String phone,
      String preferredLanguage,
      String zaloId) {}
}
