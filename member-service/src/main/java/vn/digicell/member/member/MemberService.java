package vn.digicell.member.member;

import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Service;
import vn.digicell.member.orgunit.OrgUnit;
import vn.digicell.member.orgunit.OrgUnitService;
import vn.digicell.member.shared.Roles;
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
      String email) {}

  /** A member's full record, personal fields in clear, for those allowed to read it. */
  public record Profile(Member member, String citizenId, String phone, String email) {}

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
            new Member.Person(
                command.fullName(),
                command.gender(),
                command.dateOfBirth(),
                command.citizenId(),
                command.ethnicity(),
                command.hometown(),
                command.phone(),
                command.email()),
            cell,
            command.admittedOn(),
            "%08d".formatted(members.nextPartyNumber()),
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
    if (!user.isMember(id)) {
      guard.requireActOn(member.path(), Roles.READ_MEMBERS);
    }
    profileReads.record(user, member);
    return new Profile(
        member,
        sensitive.decrypt(member.citizenIdEncrypted()),
        sensitive.decrypt(member.phoneEncrypted()),
        sensitive.decrypt(member.emailEncrypted()));
  }

  /** A cell's roster, a page at a time, in Vietnamese name order. */
  public Cursor.Page<Member> inCell(String orgUnitId, String cursor, int size) {
    OrgUnit cell = orgUnits.read(orgUnitId);
    guard.requireActOn(cell.path(), Roles.READ_MEMBERS);
    String after = Cursor.decode(cursor);
    String afterSortKey = null;
    String afterId = null;
    if (after != null) {
      int split = after.lastIndexOf('\u0002');
      if (split < 0) {
        throw ProblemException.badRequest("invalid-cursor", "The paging cursor is not valid.");
      }
      afterSortKey = after.substring(0, split);
      afterId = after.substring(split + 1);
    }
    return Cursor.Page.of(
        members.inCell(orgUnitId, afterSortKey, afterId, size + 1),
        size,
        m -> m,
        m -> m.sortKey() + '\u0002' + m.id());
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
