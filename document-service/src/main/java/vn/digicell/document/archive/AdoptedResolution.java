package vn.digicell.document.archive;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/**
 * A resolution as meeting-service publishes it ({@code vn.digicell.meeting.resolution-adopted.v1});
 * the org path comes from the event's envelope.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AdoptedResolution(
    String meetingId, String resolutionId, String motionId, String text) {}
