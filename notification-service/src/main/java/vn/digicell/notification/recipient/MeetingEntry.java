package vn.digicell.notification.recipient;

import java.time.Instant;
import java.util.List;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.mapping.Document;

/** A scheduled meeting as meeting.events told it: enough to word its notices and find invitees. */
@Document("meetings")
public record MeetingEntry(
    @Id String meetingId,
    String cellId,
    String orgPath,
    String kind,
    String mode,
    String title,
    Instant startsAt,
    String location,
    String onlineLink,
    List<String> documentIds,
    String status) {}
