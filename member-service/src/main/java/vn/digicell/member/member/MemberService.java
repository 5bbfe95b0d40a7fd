package vn.digicell.member.member;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import vn.digicell.member.orgunit.OrgUnit;
import vn.digicell.member.orgunit.OrgUnitService;
import vn.digicell.member.shared.Roles;
import vn.digicell.member.shared.VietnameseText;
import vn.digicell.platform.events.Outbox;
import vn.digicell.platform.security.AccessGuard;
import vn.digicell.platform.security.CurrentUser;
import vn.digicell.platform.web.Cursor;
import vn.digicell.platform.web.ProblemException;

/** Admits members and serves their records to those allowed to see them. */
@Service
public class MemberService {

  private final Members members;
  private final OrgUnitService orgUnits;
  private final SensitiveData sensitive;
  private final ProfileReads profileReads;
  private final Outbox outbox;
  private final AccessGuard guard;
  private final Clock clock;

  MemberService(
      Members members,
      OrgUnitService orgUnits,
      SensitiveData sensitive,
      ProfileReads profileReads,
      Outbox outbox,
      AccessGuard guard,
      Clock clock) {
    this.members = members;
    this.orgUnits = orgUnits;
    this.sensitive = sensitive;
    this.profileReads = profileReads;
    this.outbox = outbox;
    this.guard = guard;
    this.clock = clock;
  }

  /** Command: admit a person into a cell as a probationary member. */
  public record AdmitMember(
      String fullName,
      Gender gender,
      LocalDate dateOfBirth,
      String citizenId,
      String orgUnitId,
      LocalDate admittedOn,
      String ethnicity,
      String hometown,
      String phone,
      String email,
      String zaloId,
      Member.Background background) {}

  /** A member's full record, personal fields in clear, for those allowed to read it. */
  public record Profile(
      Member member,
      String citizenId,
      String phone,
      String email,
      String residence,
      String zaloId) {}

  public Member admit(AdmitMember command) {
    OrgUnit cell = orgUnits.read(command.orgUnitId());
    guard.requireActOn(cell.path(), Roles.ADMIT_MEMBERS);
    List<String> idProblems =
        CitizenId.problems(command.citizenId(), command.dateOfBirth(), command.gender());
    if (!idProblems.isEmpty()) {
      throw new InvalidCitizenIdException(String.join("; ", idProblems));
    }
    if (members.existsByCitizenIdHash(sensitive.lookupHash(command.citizenId()))) {
      throw duplicateCitizen();
    }
    Member member =
        Member.admit(
            UUID.randomUUID().toString(),
            new Member.Person(
                command.fullName(),
                command.gender(),
                command.dateOfBirth(),
                command.citizenId(),
                command.ethnicity(),
                command.hometown(),
                command.phone(),
                command.email(),
                command.zaloId(),
                command.background()),
            cell,
            command.admittedOn(),
            "%08d".formatted(members.nextPartyNumber()),
            Member.Source.ADMISSION,
            sensitive,
            clock);
    try {
      return outbox.saveAndPublish(member);
    } catch (DuplicateKeyException e) {
      throw duplicateCitizen();
    }
  }

  /** The full record: the member themself, or a reader role acting for the member's cell. */
  public Profile profile(String id) {
    Member member = find(id);
    CurrentUser user = guard.currentUser();
    if (!isSelf(user, member)) {
      guard.requireActOn(member.path(), Roles.READ_MEMBERS);
    }
    profileReads.record(user, member);
    return new Profile(
        member,
        sensitive.decrypt(member.citizenIdEncrypted()),
        sensitive.decrypt(member.phoneEncrypted()),
        sensitive.decrypt(member.emailEncrypted()),
        sensitive.decrypt(member.residenceEncrypted()),
        sensitive.decrypt(member.zaloIdEncrypted()));
  }

  /** A cell's roster, a page at a time, in Vietnamese name order. */
  public Cursor.Page<Member> inCell(String orgUnitId, String cursor, int size) {
    OrgUnit cell = orgUnits.read(orgUnitId);
    guard.requireActOn(cell.path(), Roles.READ_MEMBERS);
    String[] after = splitCursor(cursor);
    return Cursor.Page.of(
        members.inCell(
            orgUnitId, after == null ? null : after[0], after == null ? null : after[1], size + 1),
        size,
        m -> m,
        m -> m.sortKey() + '\u0002' + m.id());
  }

  /** The status decisions a committee records. */
  public enum StatusDecision {
    RECOGNISE_OFFICIAL,
    EXEMPT,
    RETURN_TO_ACTIVITIES,
    REMOVE,
    EXPEL,
    RECORD_DEATH
  }

  /** Records a status decision on a member of a cell the caller's committee acts for. */
  public Member decide(
      String id, StatusDecision kind, LocalDate effectiveOn, String decisionNumber, String reason) {
    Member member = find(id);
    guard.requireActOn(member.path(), Roles.DECIDE_STATUS);
    Member.Decision decision =
        new Member.Decision(effectiveOn, decisionNumber, reason, guard.currentUser().username());
    switch (kind) {
      case RECOGNISE_OFFICIAL -> member.recogniseOfficial(decision, clock);
      case EXEMPT -> member.exempt(decision, clock);
      case RETURN_TO_ACTIVITIES -> member.returnToActivities(decision, clock);
      case REMOVE -> member.remove(decision, clock);
      case EXPEL -> member.expel(decision, clock);
      case RECORD_DEATH -> member.recordDeath(decision, clock);
    }
    return outbox.saveAndPublish(member);
  }

  /** A probationary member whose probation has ended or ends soon. */
  public record Due(Member member, LocalDate probationEnds, boolean overdue) {}

  /** How long after the probation ends a recognition is overdue. */
  static final int OVERDUE_AFTER_DAYS = 30;

  /** How far ahead the due list looks. */
  static final int DUE_WITHIN_DAYS = 30;

  /**
   * Who is due (probation ends within 30 days or has ended) or overdue (ended more than 30 days
   * ago) for official recognition, under {@code root}, oldest admission first.
   */
  public Cursor.Page<Due> dueForOfficialRecognition(String root, String cursor, int size) {
    String from = rootOrFirstScope(root, Roles.READ_MEMBERS);
    guard.requireActOn(from, Roles.READ_MEMBERS);
    LocalDate today = LocalDate.now(clock);
    LocalDate admittedBy = today.plusDays(DUE_WITHIN_DAYS).minusMonths(Member.PROBATION_MONTHS);
    String[] after = splitCursor(cursor);
    List<Member> fetched =
        members.probationEndingBy(
            from,
            admittedBy,
            after == null ? null : LocalDate.parse(after[0]),
            after == null ? null : after[1],
            size + 1);
    return Cursor.Page.of(
        fetched,
        size,
        m ->
            new Due(
                m,
                m.probationEnds(),
                m.probationEnds().plusDays(OVERDUE_AFTER_DAYS).isBefore(today)),
        m -> m.admittedOn() + "\u0002" + m.id());
  }

  /** Search within a subtree the caller may read. */
  public record SearchQuery(
      String text,
      String root,
      MemberStatus status,
      Gender gender,
      Integer minAge,
      Integer maxAge) {}

  public Cursor.Page<Member> search(SearchQuery query, String cursor, int size) {
    String from = rootOrFirstScope(query.root(), Roles.READ_MEMBERS);
    guard.requireActOn(from, Roles.READ_MEMBERS);
    String text = query.text() == null ? "" : query.text().strip();
    String citizenHash = text.matches("\\d{12}") ? sensitive.lookupHash(text) : null;
    String partyNumber = citizenHash == null && text.matches("\\d{6,10}") ? text : null;
    List<String> words =
        citizenHash == null && partyNumber == null && !text.isEmpty()
            ? List.of(VietnameseText.searchKey(text).split(" "))
            : List.of();
    LocalDate today = LocalDate.now(clock);
    Members.MemberSearch search =
        new Members.MemberSearch(
            from,
            citizenHash,
            partyNumber,
            words,
            query.status(),
            query.gender(),
            query.maxAge() == null ? null : today.minusYears(query.maxAge() + 1L).plusDays(1),
            query.minAge() == null ? null : today.minusYears(query.minAge()));
    String[] after = splitCursor(cursor);
    List<Member> found =
        members.search(
            search, after == null ? null : after[0], after == null ? null : after[1], size + 1);
    if (citizenHash != null) {
      // who looked whom up by citizen id is as personal as a profile read: logged alike
      profileReads.recordCitizenIdSearch(
          guard.currentUser(), from, citizenHash, found.isEmpty() ? null : found.get(0).id());
    }
    return Cursor.Page.of(found, size, m -> m, m -> m.sortKey() + '\u0002' + m.id());
  }

  /** Command: add an entry to a member's record. */
  public record RecordHistory(
      HistoryEntry.Kind kind,
      LocalDate from,
      LocalDate to,
      Integer year,
      String title,
      String organisation,
      String classification,
      String decisionNumber,
      String supersedes) {}

  public HistoryEntry recordHistory(String memberId, RecordHistory command) {
    Member member = find(memberId);
    boolean cellMatter =
        command.kind() == HistoryEntry.Kind.WORK
            || command.kind() == HistoryEntry.Kind.TRAINING
            || command.kind() == HistoryEntry.Kind.EVALUATION;
    guard.requireActOn(member.path(), cellMatter ? Roles.KEEP_RECORDS : Roles.DECIDE_STATUS);
    HistoryEntry entry =
        member.addHistory(
            new HistoryEntry(
                java.util.UUID.randomUUID().toString(),
                command.kind(),
                command.from(),
                command.to(),
                command.year(),
                command.title(),
                command.organisation(),
                command.classification(),
                command.decisionNumber(),
                command.supersedes(),
                guard.currentUser().username(),
                clock.instant()),
            clock);
    outbox.saveAndPublish(member);
    return entry;
  }

  /** A member reaching a party-badge milestone who has not received that badge. */
  public record BadgeDue(Member member, int years, String badge, LocalDate reachedOn) {}

  /**
   * Who reaches 30, 40, 45… years of membership between today and {@code withinDays} from now (or
   * reached it in the past year) and has no such badge on record. One bounded query per milestone.
   */
  public List<BadgeDue> badgesDue(String root, int withinDays) {
    String from = rootOrFirstScope(root, Roles.READ_MEMBERS);
    guard.requireActOn(from, Roles.READ_MEMBERS);
    LocalDate today = LocalDate.now(clock);
    List<BadgeDue> due = new java.util.ArrayList<>();
    new java.util.TreeMap<>(HistoryEntry.BADGE_MILESTONES)
        .forEach(
            (years, badge) -> {
              LocalDate admittedFrom = today.minusYears(1).minusYears(years);
              LocalDate admittedTo = today.plusDays(withinDays).minusYears(years);
              for (Member m : members.admittedBetween(from, admittedFrom, admittedTo, 2_000)) {
                if (!m.hasReward(badge)) {
                  due.add(new BadgeDue(m, years, badge, m.admittedOn().plusYears(years)));
                }
              }
            });
    due.sort(java.util.Comparator.comparing(BadgeDue::reachedOn));
    return due;
  }

  /** Auditors (and IT administrators) read who read which profile, within their scope. */
  public Cursor.Page<ProfileReads.ProfileRead> profileReads(
      String root, String memberId, String reader, String cursor, int size) {
    String from = rootOrFirstScope(root, Roles.AUDITOR, Roles.IT_ADMIN);
    guard.requireActOn(from, Roles.AUDITOR, Roles.IT_ADMIN);
    String[] after = splitCursor(cursor);
    java.time.Instant before = null;
    if (after != null) {
      try {
        before = java.time.Instant.parse(after[0]);
      } catch (java.time.format.DateTimeParseException e) {
        throw ProblemException.badRequest("invalid-cursor", "The paging cursor is not valid.");
      }
      if (!org.bson.types.ObjectId.isValid(after[1])) {
        throw ProblemException.badRequest("invalid-cursor", "The paging cursor is not valid.");
      }
    }
    return Cursor.Page.of(
        profileReads.find(
            from, memberId, reader, before, after == null ? null : after[1], size + 1),
        size,
        r -> r,
        r -> r.at() + "\u0002" + r.id());
  }

  /**
   * The subtree asked for, or by default the first path where the caller holds one of {@code roles}
   * (a path held only with another role, e.g. {@code member} of a cell attended, is no default for
   * a staff list).
   */
  private String rootOrFirstScope(String root, String... roles) {
    if (root != null) {
      return root;
    }
    CurrentUser user = guard.currentUser();
    return user.pathsWith(roles).stream()
        .findFirst()
        .orElseThrow(
            () ->
                user.grants().isEmpty()
                    ? ProblemException.ruleViolated(
                        "no-org-scope", "Your account acts for no org unit.")
                    : new org.springframework.security.access.AccessDeniedException(
                        "holds none of " + java.util.Arrays.toString(roles)));
  }

  private static String[] splitCursor(String cursor) {
    String decoded = Cursor.decode(cursor);
    if (decoded == null) {
      return null;
    }
    int split = decoded.lastIndexOf('\u0002');
    if (split < 0) {
      throw ProblemException.badRequest("invalid-cursor", "The paging cursor is not valid.");
    }
    return new String[] {decoded.substring(0, split), decoded.substring(split + 1)};
  }

  /** What an import row says about one member, already parsed. */
  public record LegacyMember(
      String partyNumber,
      String fullName,
      Gender gender,
      LocalDate dateOfBirth,
      String citizenId,
      LocalDate admittedOn,
      LocalDate officialOn,
      String ethnicity,
      String hometown,
      String phone,
      String email,
      String zaloId,
      Member.Background background) {}

  /** The keyed hash an import uses to spot the same person twice in one file. */
  public String citizenKey(LegacyMember row) {
    return sensitive.lookupHash(row.citizenId());
  }

  /**
   * Builds one member from a legacy register row under the same rules as an admission (and, with an
   * official date, a recognition); nothing is saved. The import job has checked the caller's access
   * for the whole subtree. {@code id} is the member's id, the same whenever the row is run again.
   */
  public Member prepareLegacy(
      String id, LegacyMember row, OrgUnit cell, String partyNumber, String by) {
    List<String> idProblems = CitizenId.problems(row.citizenId(), row.dateOfBirth(), row.gender());
    if (!idProblems.isEmpty()) {
      throw ProblemException.badRequest("invalid-citizen-id", String.join("; ", idProblems));
    }
    Member member =
        Member.admit(
            id,
            new Member.Person(
                row.fullName(),
                row.gender(),
                row.dateOfBirth(),
                row.citizenId(),
                row.ethnicity(),
                row.hometown(),
                row.phone(),
                row.email(),
                row.zaloId(),
                row.background()),
            cell,
            row.admittedOn(),
            row.partyNumber() != null ? row.partyNumber() : partyNumber,
            Member.Source.LEGACY_IMPORT,
            sensitive,
            clock);
    if (row.officialOn() != null) {
      member.recogniseOfficial(
          new Member.Decision(row.officialOn(), null, "legacy register", by), clock);
    }
    return member;
  }

  /** Reserves {@code count} consecutive party numbers; returns them formatted. */
  public List<String> reservePartyNumbers(int count) {
    if (count == 0) {
      return List.of();
    }
    long last = members.reservePartyNumbers(count);
    return java.util.stream.LongStream.rangeClosed(last - count + 1, last)
        .mapToObj("%08d"::formatted)
        .toList();
  }

  /**
   * Saves prepared members in one bulk write and publishes their events in one batch. Returns those
   * saved; members that turn out to be on record already (a race with another import, or a batch
   * run again) are skipped one by one.
   */
  public List<Member> insertAll(List<Member> prepared) {
    return outbox.insertAllAndPublish(prepared, Member.class);
  }

  /**
   * Ends a member's temporary attachment before its date: a secretary or committee of either the
   * home cell or the cell attended decides it. {@code endedOn} defaults to today.
   */
  public Member endAttachmentEarly(String id, LocalDate endedOn) {
    Member member = find(id);
    Member.Attachment attachment = member.attachedTo();
    boolean home = guard.mayActOn(member.path(), Roles.END_ATTACHMENT);
    boolean host = attachment != null && guard.mayActOn(attachment.orgPath(), Roles.END_ATTACHMENT);
    if (!home && !host) {
      throw new org.springframework.security.access.AccessDeniedException(
          "not a secretary or committee of either cell");
    }
    member.endAttachment(
        endedOn == null ? LocalDate.now(clock) : endedOn,
        true,
        guard.currentUser().username(),
        clock);
    return outbox.saveAndPublish(member);
  }

  /**
   * Replaces a member's contact details and residence with the complete new set: the member
   * themself, or a secretary, committee or org-admin acting for the member's cell. Answers the
   * profile; when nothing changed, nothing is recorded or published.
   */
  public Profile updateContact(String id, Member.Contact contact) {
    Member member = find(id);
    CurrentUser user = guard.currentUser();
    boolean self = isSelf(user, member);
    if (!self) {
      guard.requireActOn(member.path(), Roles.KEEP_RECORDS);
    }
    List<Member.ContactField> changed =
        member.updateContact(contact, self, user.username(), sensitive, clock);
    if (!changed.isEmpty()) {
      member = outbox.saveAndPublish(member);
    }
    // the answer carries the record's personal fields in clear: logged like a profile read
    profileReads.record(user, member, "CONTACT_UPDATE");
    return new Profile(
        member,
        sensitive.decrypt(member.citizenIdEncrypted()),
        sensitive.decrypt(member.phoneEncrypted()),
        sensitive.decrypt(member.emailEncrypted()),
        sensitive.decrypt(member.residenceEncrypted()),
        sensitive.decrypt(member.zaloIdEncrypted()));
  }

  /**
   * Records a member's new education, qualification, theory level or occupation (their cell
   * secretary, committee or org-admin acting for the cell). Empty when nothing differs.
   */
  public java.util.Optional<Member.Amendment> updateBackground(
      String id,
      String education,
      String professionalQualification,
      PoliticalTheoryLevel politicalTheoryLevel,
      String occupation,
      String basis) {
    Member member = find(id);
    guard.requireActOn(member.path(), Roles.KEEP_RECORDS);
    java.util.Optional<Member.Amendment> entry =
        member.updateBackground(
            education,
            professionalQualification,
            politicalTheoryLevel,
            occupation,
            basis,
            guard.currentUser().username(),
            clock);
    if (entry.isPresent()) {
      outbox.saveAndPublish(member);
    }
    return entry;
  }

  /** Who may correct a member's identity record: the organisation department. */
  static final String[] CORRECT_IDENTITY = {Roles.ORG_ADMIN};

  /**
   * Corrects a member's identity record (org-admin acting for the member's cell), with a reason and
   * the decision that supports it. Returns the correction entry.
   */
  public Member.Amendment correctIdentity(String id, Member.IdentityCorrection correction) {
    Member member = find(id);
    guard.requireActOn(member.path(), CORRECT_IDENTITY);
    Member.Amendment entry =
        member.correctIdentity(
            correction,
            guard.currentUser().username(),
            sensitive,
            new Member.Taken() {
              @Override
              public boolean citizenIdHash(String hash) {
                return members.existsByCitizenIdHash(hash);
              }

              @Override
              public boolean partyNumber(String number) {
                return members.existsByPartyNumber(number);
              }
            },
            clock);
    try {
      outbox.saveAndPublish(member);
    } catch (DuplicateKeyException e) {
      throw ProblemException.conflict(
          "identity-taken",
          "The corrected citizen id or party number was just recorded for another member.");
    }
    return entry;
  }

  /** A member record if on record here (no access check; for the service's own listeners). */
  public java.util.Optional<Member> lookup(String id) {
    return members.findById(id);
  }

  /** A member record for another feature's command (it checks access itself). */
  public Member get(String id) {
    return find(id);
  }

  /** Saves a member changed by another feature's command, publishing its events. */
  public Member save(Member member) {
    return outbox.saveAndPublish(member);
  }

  /**
   * Whether the caller is this member, acting as a member of the member's own cell: their {@code
   * member_id} names the record AND one grant carries {@code member} on the record's path (a token
   * with a member id but no such grant, e.g. an analyst's, reads nothing as "self").
   */
  public static boolean isSelf(CurrentUser user, Member member) {
    return user.isMember(member.id()) && user.holds(member.path(), Roles.MEMBER);
  }

  private Member find(String id) {
    return members
        .findById(id)
        .orElseThrow(
            () -> ProblemException.notFound("member-not-found", "No member with id " + id + "."));
  }

  private static ProblemException duplicateCitizen() {
    return ProblemException.conflict(
        "citizen-already-member", "A member with this citizen id is already on record.");
  }

  /** The citizen id does not fit its structure or the person's birth date and gender. */
  public static class InvalidCitizenIdException extends RuntimeException {
    InvalidCitizenIdException(String message) {
      super(message);
    }
  }
}
