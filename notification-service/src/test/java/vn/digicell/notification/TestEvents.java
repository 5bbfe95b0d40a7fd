package vn.digicell.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import vn.digicell.contracts.EventSchemas;
import vn.digicell.platform.events.OutboxEvent;

/** Events exactly as their producers publish them, checked against the contract schemas. */
public final class TestEvents {

  private TestEvents() {}

  /** An event of {@code type}; its payload must satisfy the type's schema once it has one. */
  public static OutboxEvent event(
      String type, String topic, String subject, long sequence, String orgPath, String payload) {
    if (EventSchemas.isKnown(type)) {
      assertThat(EventSchemas.violations(type, payload.getBytes(StandardCharsets.UTF_8)))
          .as(type)
          .isEmpty();
    }
    return new OutboxEvent(
        UUID.randomUUID().toString(),
        type,
        subject,
        sequence,
        orgPath,
        topic,
        payload,
        Instant.now(),
        null);
  }

  /** The same event again with a later sequence (a new event for the same subject). */
  public static OutboxEvent next(OutboxEvent e, String type, long sequence, String payload) {
    return event(type, e.topic(), e.subject(), sequence, e.orgPath(), payload);
  }

  public static String admitted(String memberId, String name, String cellId, String path) {
    return """
        {"memberId":"%s","partyNumber":"%s","fullName":"%s","gender":"MALE",\
        "birthYear":1985,"orgUnitId":"%s","orgPath":"%s",\
        "admittedOn":"%s","status":"PROBATIONARY"}"""
        .formatted(
            memberId, memberId.substring(0, 8), name, cellId, path, java.time.LocalDate.now());
  }

  public static String position(
      String memberId, String cellId, String path, String entryId, String classification) {
    return """
        {"memberId":"%s","orgUnitId":"%s","orgPath":"%s","entryId":"%s","kind":"POSITION",\
        "from":"2025-01-01","to":null,"year":null,"classification":"%s","supersedes":null}"""
        .formatted(memberId, cellId, path, entryId, classification);
  }

  public static String contact(
      String memberId, String name, String email, String phone, String lang) {
    return """
        {"memberId":"%s","fullName":"%s","email":%s,"phone":%s,"preferredLanguage":"%s"}"""
        .formatted(
            memberId,
            name,
            email == null ? "null" : "\"" + email + "\"",
            phone == null ? "null" : "\"" + phone + "\"",
            lang);
  }

  public static String unitCreated(String id, String code, String name, String kind, String path) {
    return """
        {"orgUnitId":"%s","code":"%s","name":"%s","kind":"%s","parentId":null,"path":"%s"}"""
        .formatted(id, code, name, kind, path);
  }
}
