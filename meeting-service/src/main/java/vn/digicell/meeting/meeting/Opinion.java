package vn.digicell.meeting.meeting;

/** Someone spoke on an agenda item: who, on which item, and the secretary's short summary. */
public record Opinion(String opinionId, String memberId, String agendaItemId, String summary) {}
