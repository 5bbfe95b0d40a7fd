package vn.digicell.member.member;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
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
public class Member extends AggregateRoot {

  static final String ADMITTED = "vn.digicell.member.admitted.v1";
  static final String CONTACT_CHANGED = "vn.digicell.member.contact-changed.v1";
  static final int MINIMUM_AGE = 18;

  @Id private final String id;

  @Indexed(unique = true)
  private final String partyNumber;

  private final String fullName;
  @Indexed private final String searchName;
  private final String sortKey;
  private final Gender gender;
  private final LocalDate dateOfBirth;
  private final String ethnicity;
  private final String hometown;
  private final String orgUnitId;
  private final String orgPath;
  private final MemberStatus status;
  private final LocalDate admittedOn;
  private final String citizenIdEncrypted;

  @Indexed(unique = true)
  private final String citizenIdHash;

  private final String phoneEncrypted;
  private final String emailEncrypted;
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
      LocalDate admittedOn,
      String citizenIdEncrypted,
      String citizenIdHash,
      String phoneEncrypted,
      String emailEncrypted,
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
    this.admittedOn = admittedOn;
    this.citizenIdEncrypted = citizenIdEncrypted;
    this.citizenIdHash = citizenIdHash;
    this.phoneEncrypted = phoneEncrypted;
    this.emailEncrypted = emailEncrypted;
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
      String email) {}

  /** Admits a person as a probationary member of an active cell. */
  static Member admit(
      Person person,
      OrgUnit cell,
      LocalDate admittedOn,
      String partyNumber,
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
    Member member =
        new Member(
            UUID.randomUUID().toString(),
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
            admittedOn,
            sensitive.encrypt(person.citizenId()),
            sensitive.lookupHash(person.citizenId()),
            sensitive.encrypt(person.phone()),
            sensitive.encrypt(person.email()),
            Instant.now(clock));
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
            MemberStatus.PROBATIONARY.name()),
        clock);
    if (person.phone() != null || person.email() != null) {
      member.record(
          CONTACT_CHANGED,
          new MemberContactChanged(member.id, name, person.email(), person.phone(), "vi"),
          clock);
    }
    return member;
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
      String status) {}

  /** Payload of {@code vn.digicell.member.contact-changed.v1} (restricted topic). */
  record MemberContactChanged(
      String memberId, String fullName, String email, String phone, String preferredLanguage) {}
}
