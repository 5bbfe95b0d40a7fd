package vn.digicell.notification.recipient;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import vn.digicell.platform.test.DigiCellIntegrationTest;

/** The roster projection and the directory broadcast and feedback code read it through. */
@DigiCellIntegrationTest
class RecipientDirectoryTest {

  @Autowired Roster roster;
  @Autowired RecipientDirectory directory;

  String commune;

  @BeforeEach
  void tree() {
    commune = "/AG/T" + ThreadLocalRandom.current().nextInt(100_000, 999_999);
  }

  private String admit(String path, String status) {
    String id = UUID.randomUUID().toString();
    roster.admitted(id, "Đảng viên " + id.substring(0, 4), path, "cell" + path, status);
    return id;
  }

  @Test
  void forEachUnderWalksActiveMembersOnceInBoundedBatchesByWholeSegments() {
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 9; i++) {
      expected.add(admit(commune + "/C01", "OFFICIAL"));
    }
    for (int i = 0; i < 5; i++) {
      expected.add(admit(commune + "/C02", i == 0 ? "EXEMPTED" : "PROBATIONARY"));
    }
    admit(commune + "/C02", "REMOVED");
    admit(commune + "/C02", "DECEASED");
    admit(commune + "X/C01", "OFFICIAL"); // a sibling whose path starts with the same letters

    List<List<Recipient>> batches = new ArrayList<>();
    directory.forEachUnder(List.of(commune, commune + "/C01"), 4, batches::add);
    List<String> seen = batches.stream().flatMap(List::stream).map(Recipient::memberId).toList();
    assertThat(seen).containsExactlyInAnyOrderElementsOf(expected).doesNotHaveDuplicates();
    assertThat(batches).allMatch(b -> b.size() <= 4).hasSize(4);
    assertThat(batches.get(0).get(0).language()).isEqualTo("vi");
    assertThat(batches.stream().flatMap(List::stream).map(Recipient::orgPath).toList())
        .isSorted()
        .allMatch(p -> p.startsWith(commune + "/"));
  }

  @Test
  void committeeOfFollowsPositionsCorrectionsEndsAndMoves() {
    String cell = commune + "/C07";
    String secretary = admit(cell, "OFFICIAL");
    String committee = admit(commune + "/C01", "OFFICIAL");
    String former = admit(cell, "OFFICIAL");
    String corrected = admit(cell, "OFFICIAL");
    roster.positionRecorded(secretary, "p1", "CELL_SECRETARY", null, null);
    roster.positionRecorded(committee, "p2", "STANDING_COMMITTEE", null, null);
    roster.positionRecorded(former, "p3", "DEPUTY_SECRETARY", LocalDate.of(2020, 1, 1), null);
    roster.positionRecorded(corrected, "p4", "CELL_SECRETARY", null, null);
    roster.positionRecorded(corrected, "p5", "DIGITAL_CORE", null, "p4");
    // redelivery of the same entry changes nothing
    roster.positionRecorded(secretary, "p1", "CELL_SECRETARY", null, null);

    assertThat(directory.committeeOf(cell))
        .extracting(Recipient::memberId)
        .containsExactly(secretary);
    assertThat(directory.committeeOf(commune))
        .extracting(Recipient::memberId)
        .containsExactly(committee);
    assertThat(directory.committeeOf(commune + "/C99")).isEmpty();

    roster.statusChanged(secretary, null, null, "EXPELLED");
    assertThat(directory.committeeOf(cell)).isEmpty();
    assertThat(directory.find(secretary)).get().extracting(Recipient::status).isEqualTo("EXPELLED");

    // the commune moves under another province: paths and committees follow
    String moved = "/KG/M" + commune.substring(5);
    assertThat(roster.unitMoved(commune, moved)).isEqualTo(4);
    assertThat(directory.committeeOf(moved))
        .extracting(Recipient::memberId)
        .containsExactly(committee);
    assertThat(directory.committeeOf(commune)).isEmpty();
    assertThat(directory.find(former))
        .get()
        .extracting(Recipient::orgPath)
        .isEqualTo(moved + "/C07");
    assertThat(roster.unitMoved(commune, moved)).isZero();
  }

  @Test
  void temporarilyAttachedMembersCountForTheirHostCellUntilTheAttachmentEnds() {
    String cell = commune + "/C03";
    String guest = admit(commune + "/C04", "OFFICIAL");
    String expired = admit(commune + "/C04", "OFFICIAL");
    LocalDate today = LocalDate.now();
    roster.attached(guest, cell, today.plusDays(30));
    roster.attached(expired, cell, today.minusDays(1));
    assertThat(directory.attachedTo(cell, today))
        .extracting(Recipient::memberId)
        .containsExactly(guest);
    // the end of an attachment elsewhere leaves this one alone
    roster.attachmentEnded(guest, commune + "/C09");
    assertThat(directory.attachedTo(cell, today))
        .extracting(Recipient::memberId)
        .containsExactly(guest);
    roster.attachmentEnded(guest, cell);
    assertThat(directory.attachedTo(cell, today)).isEmpty();
  }
}
