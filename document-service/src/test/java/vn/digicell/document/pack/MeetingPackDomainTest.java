package vn.digicell.document.pack;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a pack follows its meeting, without Spring. */
class MeetingPackDomainTest {

  static final Instant NOW = Instant.parse("2026-11-22T05:00:00Z");

  static MeetingPack pack(String mode) {
    return MeetingPack.scheduled(
        new MeetingEvents.Scheduled(
            "meeting-1",
            "cell-1",
            "/AG/VB/C07",
            "REGULAR",
            mode,
            "Sinh hoạt chi bộ",
            Instant.parse("2026-12-05T01:00:00Z"),
            "Nhà văn hoá",
            null,
            List.of(
                new MeetingEvents.AgendaItemAdded(null, "i1", "Một", List.of("d1", "d2")),
                new MeetingEvents.AgendaItemAdded(null, "i2", "Hai", List.of("d2", "d3")))),
        "abcdefgh",
        NOW);
  }

  @Test
  void theAgendaListsEachDocumentOnceAndKeepsItemIdsUnique() {
    MeetingPack pack = pack("IN_PERSON");
    assertThat(pack.documentIds()).containsExactly("d1", "d2", "d3");
    assertThat(pack.addItem(new MeetingPack.AgendaItem("i1", "Lặp", List.of("d9")), NOW)).isFalse();
    assertThat(pack.addItem(new MeetingPack.AgendaItem("i3", "Ba", List.of("d9")), NOW)).isTrue();
    assertThat(pack.agenda())
        .extracting(MeetingPack.AgendaItem::itemId)
        .containsExactly("i1", "i2", "i3");
  }

  @Test
  void goingOnlineMakesAnInPersonMeetingOnlineButKeepsAHybridOneHybrid() {
    MeetingPack inPerson = pack("IN_PERSON");
    assertThat(inPerson.switchOnline("https://meet.vn/a", NOW)).isTrue();
    assertThat(inPerson.mode()).isEqualTo("ONLINE");
    assertThat(inPerson.switchOnline("https://meet.vn/a", NOW)).isFalse();
    MeetingPack hybrid = pack("HYBRID");
    assertThat(hybrid.switchOnline("https://meet.vn/b", NOW)).isTrue();
    assertThat(hybrid.mode()).isEqualTo("HYBRID");
    assertThat(hybrid.onlineLink()).isEqualTo("https://meet.vn/b");
  }

  @Test
  void nothingChangesWhenNothingIsNew() {
    MeetingPack pack = pack("IN_PERSON");
    assertThat(pack.reschedule(Instant.parse("2026-12-05T01:00:00Z"), NOW)).isFalse();
    assertThat(pack.reschedule(Instant.parse("2026-12-06T01:00:00Z"), NOW)).isTrue();
    assertThat(pack.cancel("Hoãn", NOW)).isTrue();
    assertThat(pack.cancel("Lại hoãn", NOW)).isFalse();
    assertThat(pack.cancelReason()).isEqualTo("Hoãn");
    assertThat(pack.code()).isEqualTo("abcdefgh");
  }

  @Test
  void anAgendaHoldsAtMostTwoHundredItems() {
    MeetingPack pack = pack("IN_PERSON");
    for (int i = 0; i < MeetingPack.MAX_AGENDA_ITEMS; i++) {
      pack.addItem(new MeetingPack.AgendaItem("x" + i, "Mục", List.of()), NOW);
    }
    assertThat(pack.agenda()).hasSize(MeetingPack.MAX_AGENDA_ITEMS);
  }
}
