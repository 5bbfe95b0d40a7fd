package vn.digicell.meeting.meeting;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * A library document as document-service last announced it ({@code document.events}): its current
 * title and version, and whether it was retracted, so agendas show what members will actually open.
 * Fields the events have not told yet are null.
 */
@Document("agenda_documents")
public record AgendaDocument(
    @Id String id,
    String title,
    Integer version,
    boolean retracted,
    String retractedReason,
    Instant retractedAt,
    Instant updatedAt) {}
