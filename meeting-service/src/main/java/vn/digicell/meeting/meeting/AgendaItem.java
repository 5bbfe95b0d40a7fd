package vn.digicell.meeting.meeting;

import java.util.List;

/** One item of the agenda and the documents (document-service ids) to study for it. */
public record AgendaItem(String itemId, String title, List<String> documentIds) {

  public AgendaItem {
    documentIds = documentIds == null ? List.of() : List.copyOf(documentIds);
  }
}
