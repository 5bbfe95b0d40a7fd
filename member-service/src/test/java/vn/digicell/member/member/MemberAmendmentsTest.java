package vn.digicell.member.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.digicell.member.orgunit.OrgUnit;
import vn.digicell.member.orgunit.OrgUnitKind;
import vn.digicell.platform.events.OutboxEvent;
import vn.digicell.platform.web.ProblemException;

/** The record's contact and identity rules, without Spring. */
class MemberAmendmentsTest {

  private final Clock clock = Clock.fixed(Instant.parse("2026-06-01T08:00:00Z"), ZoneOffset.UTC);
  private final SensitiveData sensitive =
      new SensitiveData(
          new SensitiveData.Keys(
              Base64.getEncoder().encodeToString(new byte[32]),
              null,
              null,
              null,
              null,
              Base64.getEncoder().encodeToString(new byte[32])));
  private Member member;

  /** Nobody else holds anything, unless a test says so. */
  private static final Member.Taken FREE =
      new Member.Taken() {
        @Override
        public boolean citizenIdHash(String hash) {
          return false;
        }

        @Override
        public boolean partyNumber(String number) {
          return false;
        }
      };

  @BeforeEach
  void admitted() {
    OrgUnit province = OrgUnit.createRoot("p", "AG", "An Giang", OrgUnitKind.PROVINCE, clock);
    OrgUnit commune = province.createChild("c", "VB", "Vĩnh Bình", OrgUnitKind.COMMUNE, clock);
    OrgUnit cell = commune.createChild("x", "C01", "Chi bộ 1", OrgUnitKind.CELL, clock);
    member =
        Member.admit(
            java.util.UUID.randomUUID().toString(),
            new Member.Person(
                "Nguyễn Thị Đào",
                Gender.FEMALE,
                LocalDate.of(1990, 4, 12),
                "089190004321",
                "Kinh",
                "An Giang",
                "0912345678",
                null,
                null,
                Member.Background.NONE),
            cell,
            LocalDate.of(2024, 5, 19),
            "00000001",
            Member.Source.ADMISSION,
            sensitive,
            clock);
  }

  private static Member.IdentityCorrection only(
      String fullName, Gender gender, LocalDate born, String citizenId, LocalDate admitted) {
    return new Member.IdentityCorrection(
        fullName, gender, born, citizenId, null, null, null, null, admitted, null, "lý do", "QĐ 1");
  }

  private List<String> types() {
    return member.pendingEvents().stream().map(OutboxEvent::type).toList();
  }

  @Test
  void aBrokenRuleLeavesTheRecordAsItWas() {
    long sequence = member.sequence();
    String name = member.fullName();
    List<ThrowingCase> cases =
        List.of(
            // 17 at admission
            () ->
                member.correctIdentity(
                    only(null, null, LocalDate.of(2007, 1, 1), "089307004321", null),
                    "a",
                    sensitive,
                    FREE,
                    clock),
            // the citizen id no longer fits a man
            () ->
                member.correctIdentity(
                    only("Nguyễn Văn Đào", Gender.MALE, null, null, null),
                    "a",
                    sensitive,
                    FREE,
                    clock),
            // an official date for a probationary member
            () ->
                member.correctIdentity(
                    new Member.IdentityCorrection(
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        LocalDate.of(2025, 6, 1),
                        "r",
                        "d"),
                    "a",
                    sensitive,
                    FREE,
                    clock),
            // someone else's citizen id
            () ->
                member.correctIdentity(
                    only("Nguyễn Thị Hoa", null, null, "089190009999", null),
                    "a",
                    sensitive,
                    new Member.Taken() {
                      @Override
                      public boolean citizenIdHash(String hash) {
                        return true;
                      }

                      @Override
                      public boolean partyNumber(String number) {
                        return false;
                      }
                    },
                    clock),
            // admitted in the future
            () ->
                member.correctIdentity(
                    only(null, null, null, null, LocalDate.of(2026, 7, 1)),
                    "a",
                    sensitive,
                    FREE,
                    clock));
    for (ThrowingCase c : cases) {
      assertThatThrownBy(c::run)
          .isInstanceOfAny(ProblemException.class, MemberService.InvalidCitizenIdException.class);
      assertThat(member.sequence()).isEqualTo(sequence);
      assertThat(member.fullName()).isEqualTo(name);
      assertThat(member.gender()).isEqualTo(Gender.FEMALE);
      assertThat(member.dateOfBirth()).isEqualTo(LocalDate.of(1990, 4, 12));
      assertThat(member.admittedOn()).isEqualTo(LocalDate.of(2024, 5, 19));
      assertThat(member.amendmentHistory()).isEmpty();
      assertThat(sensitive.decrypt(member.citizenIdEncrypted())).isEqualTo("089190004321");
    }
  }

  @FunctionalInterface
  interface ThrowingCase {
    void run();
  }

  @Test
  void aCorrectionRefoldsTheNameKeepsThePreviousValuesAndResendsTheContacts() {
    Member.Amendment correction =
        member.correctIdentity(
            only("Nguyễn Thị Đông Đào", null, null, "001190004321", null),
            "admin",
            sensitive,
            FREE,
            clock);
    assertThat(member.fullName()).isEqualTo("Nguyễn Thị Đông Đào");
    assertThat(member.sortKey())
        .isEqualTo(vn.digicell.member.shared.VietnameseText.nameSortKey("Nguyễn Thị Đông Đào"));
    assertThat(sensitive.decrypt(member.citizenIdEncrypted())).isEqualTo("001190004321");
    List<Member.Amendment> entries = member.amendmentHistory();
    assertThat(entries).hasSize(2);
    Member.Amendment previous = entries.get(0);
    assertThat(previous.kind()).isEqualTo(Member.Amendment.Kind.IDENTITY_PREVIOUS);
    assertThat(previous.values()).containsEntry("FULL_NAME", "Nguyễn Thị Đào");
    assertThat(previous.values()).doesNotContainKey("CITIZEN_ID");
    assertThat(sensitive.decrypt(previous.personalEncrypted().get("CITIZEN_ID")))
        .isEqualTo("089190004321");
    assertThat(correction.supersedes()).isEqualTo(previous.entryId());
    assertThat(member.isAmendmentSuperseded(previous.entryId())).isTrue();
    assertThat(types())
        .endsWith(
            "vn.digicell.member.identity-corrected.v1", "vn.digicell.member.contact-changed.v1");
    assertThat(member.pendingEvents().get(member.pendingEvents().size() - 2).payload())
        .doesNotContain("001190004321")
        .doesNotContain("089190004321");
  }

  @Test
  void contactUpdatesRecordOnlyWhatChangedAndResidenceStaysOffTheContactsTopic() {
    int before = member.pendingEvents().size();
    assertThat(
            member.updateContact(
                new Member.Contact(" ", "0912345678", "", null), true, "dao", sensitive, clock))
        .isEmpty();
    assertThat(member.pendingEvents()).hasSize(before);
    assertThat(member.amendmentHistory()).isEmpty();

    assertThat(
            member.updateContact(
                new Member.Contact(null, "0912345678", null, "Ấp 3"),
                false,
                "sec",
                sensitive,
                clock))
        .containsExactly(Member.ContactField.RESIDENCE);
    assertThat(types().subList(before, types().size()))
        .containsExactly("vn.digicell.member.contact-updated.v1");

    assertThat(
            member.updateContact(
                new Member.Contact("dao@example.vn", null, "123456", "Ấp 3"),
                true,
                "dao",
                sensitive,
                clock))
        .containsExactlyInAnyOrder(
            Member.ContactField.EMAIL, Member.ContactField.PHONE, Member.ContactField.ZALO_ID);
    String last = member.pendingEvents().get(member.pendingEvents().size() - 1).payload();
    assertThat(last).contains("dao@example.vn").contains("123456").contains("\"phone\":null");
    assertThat(Set.copyOf(member.amendmentHistory().get(1).personalEncrypted().keySet()))
        .containsExactlyInAnyOrder("EMAIL", "PHONE", "ZALO_ID");

    assertThatThrownBy(
            () ->
                member.updateContact(
                    new Member.Contact(null, null, "zalo", null), true, "dao", sensitive, clock))
        .isInstanceOf(ProblemException.class);
  }
}
