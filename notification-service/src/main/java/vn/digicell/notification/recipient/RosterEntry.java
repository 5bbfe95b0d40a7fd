package vn.digicell.notification.recipient;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.data.annotation.Id;
import org.springframework.data.mongodb.core.index.CompoundIndex;
import org.springframework.data.mongodb.core.index.CompoundIndexes;
import org.springframework.data.mongodb.core.index.Indexed;
import org.springframework.data.mongodb.core.mapping.Document;

/**
 * One member in the local roster projection (from member.events): name, cell, path, status and the
 * positions they hold. {@code actsFor} is derived: the unit paths whose committee or secretariat
 * the member sits on (a cell secretary acts for the cell, a committee member for the unit above
 * their cell, as member-service grants in Keycloak).
 */
@Document("roster")
@CompoundIndexes({
  @CompoundIndex(name = "by_path", def = "{'orgPath': 1, '_id': 1}"),
  @CompoundIndex(name = "by_cell", def = "{'cellId': 1, 'status': 1}")
})
class RosterEntry {

  static final Set<String> ACTIVE = Set.of("PROBATIONARY", "OFFICIAL", "EXEMPTED");
  static final Set<String> SECRETARY = Set.of("CELL_SECRETARY", "DEPUTY_SECRETARY");
  static final Set<String> COMMITTEE = Set.of("COMMITTEE_MEMBER", "STANDING_COMMITTEE");

  @Id String id;
  String fullName;
  String orgPath;
  String cellId;
  String status;
  String language;
  List<Position> positions = new ArrayList<>();

  /** A temporary attachment to another cell (transfer TEMPORARY), until the given day. */
  @Indexed(name = "attached", sparse = true)
  String attachedOrgPath;

  LocalDate attachedUntil;

  @Indexed(name = "acts_for")
  List<String> actsFor = new ArrayList<>();

  /** A position entry of the member's record; {@code to} null while held. */
  record Position(String entryId, String classification, LocalDate to) {}

  Recipient toRecipient() {
    return new Recipient(id, fullName, orgPath, cellId, status, language == null ? "vi" : language);
  }

  /** Recomputes {@code actsFor} from the positions held on {@code today} and the current path. */
  void deriveActsFor(LocalDate today) {
    Set<String> paths = new LinkedHashSet<>();
    if (orgPath != null) {
      for (Position p : positions) {
        if (p.to() != null && p.to().isBefore(today)) {
          continue;
        }
        if (SECRETARY.contains(p.classification())) {
          paths.add(orgPath);
        } else if (COMMITTEE.contains(p.classification())) {
          paths.add(parentOf(orgPath));
        }
      }
    }
    actsFor = new ArrayList<>(paths);
  }

  static String parentOf(String path) {
    int cut = path.lastIndexOf('/');
    return cut > 0 ? path.substring(0, cut) : path;
  }
}
