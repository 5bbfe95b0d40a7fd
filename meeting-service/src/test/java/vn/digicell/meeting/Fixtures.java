package vn.digicell.meeting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import vn.digicell.contracts.EventSchemas;
import vn.digicell.platform.events.EventPublisher;
import vn.digicell.platform.events.OutboxEvent;

/** member-service's events, exactly as its current schemas describe them. */
public final class Fixtures {

  private final EventPublisher publisher;

  public Fixtures(EventPublisher publisher) {
    this.publisher = publisher;
  }

  /** A cell code nobody else in the test JVM uses. */
  public static String newCellCode() {
    return "C"
        + Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()) % 1_000_000_000L);
  }

  public static OutboxEvent event(
      String type, String topic, String subject, long seq, String orgPath, String payload) {
    if (EventSchemas.isKnown(type)) {
      assertThat(EventSchemas.violations(type, payload.getBytes(StandardCharsets.UTF_8)))
          .as(type + " sample " + payload)
          .isEmpty();
    }
    return new OutboxEvent(
        UUID.randomUUID().toString(),
        type,
        subject,
        seq,
        orgPath,
        topic,
        payload,
        Instant.now(),
        null);
  }

  /** Publishes a cell under the demo commune; returns its id. */
  public String cell(String code) {
    String id = UUID.randomUUID().toString();
    publisher.publish(
        event(
            "vn.digicell.orgunit.created.v1",
            "orgunit.events",
            id,
            1,
            "/AG/VB/" + code,
            """
            {"orgUnitId":"%s","code":"%s","name":"Chi bộ %s","kind":"CELL","parentId":"vb",\
            "path":"/AG/VB/%s"}"""
                .formatted(id, code, code, code)));
    return id;
  }

  /** Publishes a cell at any path (its parent need not be known); returns its id. */
  public String cellAt(String path) {
    String id = UUID.randomUUID().toString();
    String code = path.substring(path.lastIndexOf('/') + 1);
    publisher.publish(
        event(
            "vn.digicell.orgunit.created.v1",
            "orgunit.events",
            id,
            1,
            path,
            """
            {"orgUnitId":"%s","code":"%s","name":"Chi bộ %s","kind":"CELL","parentId":"p",\
            "path":"%s"}"""
                .formatted(id, code, code, path)));
    return id;
  }

  /** A commune path nobody else in the test JVM uses. */
  public static String newCommunePath() {
    return "/AG/X"
        + Long.toString(Math.abs(UUID.randomUUID().getMostSignificantBits()) % 1_000_000_000L);
  }

  public void admitted(String memberId, String name, String cellId, String cellPath) {
    publisher.publish(
        event(
            "vn.digicell.member.admitted.v1",
            "member.events",
            memberId,
            1,
            cellPath,
            """
            {"memberId":"%s","partyNumber":"00000042","fullName":"%s","gender":"FEMALE",\
            "birthYear":1980,"orgUnitId":"%s","orgPath":"%s",\
            "admittedOn":"2024-05-19","status":"PROBATIONARY"}"""
                .formatted(memberId, name, cellId, cellPath)));
  }

  /** A status change shaped like member-service's lifecycle events (recognised-official, …). */
  public void statusChanged(
      String type,
      String memberId,
      long seq,
      String cellId,
      String cellPath,
      String previous,
      String status) {
    publisher.publish(
        event(
            type,
            "member.events",
            memberId,
            seq,
            cellPath,
            """
            {"memberId":"%s","orgUnitId":"%s","orgPath":"%s","previousStatus":"%s",\
            "status":"%s","effectiveOn":"2025-05-19"}"""
                .formatted(memberId, cellId, cellPath, previous, status)));
  }

  /** Admits a member and makes them official, as two events of their stream. */
  public void official(String memberId, String name, String cellId, String cellPath) {
    admitted(memberId, name, cellId, cellPath);
    statusChanged(
        "vn.digicell.member.recognised-official.v1",
        memberId,
        2,
        cellId,
        cellPath,
        "PROBATIONARY",
        "OFFICIAL");
  }
}
