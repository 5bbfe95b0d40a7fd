package vn.digicell.member.importing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.stereotype.Service;
import vn.digicell.member.member.Gender;
import vn.digicell.member.member.Member;
import vn.digicell.member.member.MemberService;
import vn.digicell.member.member.PoliticalTheoryLevel;
import vn.digicell.member.orgunit.OrgUnit;
import vn.digicell.member.orgunit.OrgUnitService;
import vn.digicell.member.shared.Roles;
import vn.digicell.platform.security.AccessGuard;
import vn.digicell.platform.web.ProblemException;

/**
 * Imports a legacy member register (CSV in the documented template) as a background job: every row
 * validated, valid rows imported under the admission rules, rejected rows listed with the reason,
 * rows saved in bulk, {@link #BATCH} at a time, progress saved after each batch. Re-running a file
 * imports nothing twice (citizen id and party number are checked first).
 */
@Service
public class LegacyImport implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(LegacyImport.class);

  /** The template's columns, in order; the file's header must name them (order free). */
  public static final List<String> COLUMNS =
      List.of(
          "partyNumber",
          "fullName",
          "gender",
          "dateOfBirth",
          "citizenId",
          "cell",
          "admittedOn",
          "officialOn",
          "ethnicity",
          "hometown",
          "phone",
          "email",
          "zaloId",
          "religion",
          "residence",
          "education",
          "professionalQualification",
          "politicalTheoryLevel",
          "occupation");

  private static final List<String> REQUIRED =
      List.of("fullName", "gender", "dateOfBirth", "citizenId", "cell", "admittedOn");

  static final int KEPT_ERRORS = 1_000;

  /** Rows validated, then saved and published together; progress is saved after each batch. */
  static final int BATCH = 500;

  static final int MAX_ROWS = 200_000;
  private static final DateTimeFormatter VIETNAMESE_DATE = DateTimeFormatter.ofPattern("d/M/uuuu");

  private final MongoTemplate mongo;
  private final MemberService members;
  private final OrgUnitService orgUnits;
  private final AccessGuard guard;
  private final Clock clock;
  private final int maxRows;
  private final ExecutorService workers = Executors.newSingleThreadExecutor();

  LegacyImport(
      MongoTemplate mongo,
      MemberService members,
      OrgUnitService orgUnits,
      AccessGuard guard,
      Clock clock,
      @Value("${digicell.member.import.max-rows:" + MAX_ROWS + "}") int maxRows) {
    this.maxRows = maxRows;
    this.mongo = mongo;
    this.members = members;
    this.orgUnits = orgUnits;
    this.guard = guard;
    this.clock = clock;
  }

  /**
   * Reads the register (XLSX when the content is a spreadsheet package, else CSV text), checks its
   * shape and the caller's access, then runs the job in the background.
   */
  public ImportJob start(String under, String fileName, InputStream upload, boolean spreadsheet) {
    guard.requireActOn(under, Roles.ORG_ADMIN, Roles.IT_ADMIN);
    // read as the upload streams by, never whole in memory; the row limit stops the reading
    int maxRecords = maxRows + 1; // the header, then at most maxRows rows
    List<SheetRow> rows;
    if (spreadsheet) {
      // a ZIP package is read from a file: the upload streams to storage first
      Path stored = null;
      try {
        stored = Files.createTempFile("register-", ".xlsx");
        Files.copy(upload, stored, StandardCopyOption.REPLACE_EXISTING);
        rows = XlsxReader.readRows(stored, maxRecords);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        deleteQuietly(stored);
      }
    } else {
      rows =
          CsvReader.read(
              new BufferedReader(new InputStreamReader(upload, StandardCharsets.UTF_8)),
              maxRecords);
    }
    return startRows(under, fileName, rows);
  }

  private static void deleteQuietly(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        log.warn("could not delete {}", file, e);
      }
    }
  }

  /**
   * The problem a file with more than {@code maxRows} rows gets, as soon as its next row is read.
   */
  static ProblemException tooLong(int maxRows) {
    return ProblemException.badRequest(
        "file-too-long", "At most " + maxRows + " rows per file; split it.");
  }

  private ImportJob startRows(String under, String fileName, List<SheetRow> rows) {
    if (rows.isEmpty()) {
      throw ProblemException.badRequest("empty-file", "The file has no header line.");
    }
    Map<String, Integer> columns = new HashMap<>();
    List<String> header = rows.get(0).cells();
    for (int i = 0; i < header.size(); i++) {
      columns.put(header.get(i).strip(), i);
    }
    List<String> missing = REQUIRED.stream().filter(c -> !columns.containsKey(c)).toList();
    if (!missing.isEmpty()) {
      throw ProblemException.badRequest(
          "not-the-template",
          "The header lacks the column(s) "
              + missing
              + "; use the template (GET /api/imports/template.csv).");
    }
    if (rows.size() - 1 > maxRows) {
      throw tooLong(maxRows);
    }
    ImportJob job =
        mongo.insert(
            new ImportJob(
                UUID.randomUUID().toString(),
                under,
                fileName,
                guard.currentUser().username(),
                ImportJob.Status.RUNNING,
                rows.size() - 1,
                0,
                0,
                0,
                0,
                List.of(),
                Instant.now(clock),
                null));
    String by = guard.currentUser().username();
    workers.submit(() -> run(job, columns, rows.subList(1, rows.size()), by));
    return job;
  }

  public ImportJob progress(String id) {
    ImportJob job = mongo.findById(id, ImportJob.class);
    if (job == null) {
      throw ProblemException.notFound("import-not-found", "No import job " + id + ".");
    }
    guard.requireActOn(job.under(), Roles.ORG_ADMIN, Roles.IT_ADMIN);
    return job;
  }

  private void run(ImportJob job, Map<String, Integer> columns, List<SheetRow> rows, String by) {
    Map<String, Optional<OrgUnit>> cells = new HashMap<>();
    List<ImportJob.RowError> errors = new ArrayList<>();
    int[] counts = new int[3]; // imported, already on record, rejected
    try {
      for (int from = 0; from < rows.size(); from += BATCH) {
        int to = Math.min(rows.size(), from + BATCH);
        importBatch(job, columns, rows, from, to, by, cells, errors, counts);
        save(job.id(), to, counts, errors, null);
      }
      save(job.id(), rows.size(), counts, errors, ImportJob.Status.COMPLETED);
    } catch (RuntimeException e) {
      log.error("import {} failed", job.id(), e);
      save(job.id(), -1, counts, errors, ImportJob.Status.FAILED);
    }
  }

  /** Validates a slice of rows, then saves the valid ones in one bulk write. */
  private void importBatch(
      ImportJob job,
      Map<String, Integer> columns,
      List<SheetRow> rows,
      int from,
      int to,
      String by,
      Map<String, Optional<OrgUnit>> cells,
      List<ImportJob.RowError> errors,
      int[] counts) {
    List<MemberService.LegacyMember> valid = new ArrayList<>();
    List<OrgUnit> validCells = new ArrayList<>();
    List<Integer> validLines = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = from; i < to; i++) {
      // the line the secretary sees in the file (blank lines and empty rows counted)
      int line = rows.get(i).line();
      try {
        Row row = new Row(columns, rows.get(i).cells());
        OrgUnit cell =
            cells
                .computeIfAbsent(cellPath(job.under(), row.required("cell")), orgUnits::findByPath)
                .filter(OrgUnit::isActiveCell)
                .orElseThrow(
                    () ->
                        new RowRejected(
                            "no active cell " + row.required("cell") + " under " + job.under()));
        MemberService.LegacyMember member = row.member();
        boolean repeated =
            !seen.add(members.citizenKey(member))
                || (member.partyNumber() != null && !seen.add("#" + member.partyNumber()));
        if (repeated) {
          counts[1]++;
          continue;
        }
        valid.add(member);
        validCells.add(cell);
        validLines.add(line);
      } catch (RowRejected | ProblemException e) {
        reject(errors, counts, line, e.getMessage());
      }
    }
    List<String> numbers =
        members.reservePartyNumbers(
            (int) valid.stream().filter(m -> m.partyNumber() == null).count());
    int next = 0;
    List<Member> prepared = new ArrayList<>();
    for (int k = 0; k < valid.size(); k++) {
      MemberService.LegacyMember m = valid.get(k);
      try {
        prepared.add(
            members.prepareLegacy(
                m, validCells.get(k), m.partyNumber() == null ? numbers.get(next++) : null, by));
      } catch (ProblemException e) {
        reject(errors, counts, validLines.get(k), e.getMessage());
      }
    }
    // the unique indexes refuse who is on record already: no lookup per row or per batch
    int inserted = members.insertAll(prepared);
    counts[0] += inserted;
    counts[1] += prepared.size() - inserted;
  }

  private static void reject(List<ImportJob.RowError> errors, int[] counts, int line, String why) {
    counts[2]++;
    if (errors.size() < KEPT_ERRORS) {
      errors.add(new ImportJob.RowError(line, why));
    }
  }

  private void save(
      String id,
      int processed,
      int[] counts,
      List<ImportJob.RowError> errors,
      ImportJob.Status status) {
    Update update =
        new Update()
            .set("importedRows", counts[0])
            .set("alreadyOnRecord", counts[1])
            .set("rejectedRows", counts[2])
            .set("errors", List.copyOf(errors));
    if (processed >= 0) {
      update.set("processedRows", processed);
    }
    if (status != null) {
      update.set("status", status).set("finishedAt", Instant.now(clock));
    }
    mongo.updateFirst(Query.query(Criteria.where("_id").is(id)), update, ImportJob.class);
  }

  /** "C07", "VB/C07" or "/AG/VB/C07": always inside {@code under}. */
  static String cellPath(String under, String cell) {
    String path = cell.startsWith("/") ? cell : under + "/" + cell;
    if (!path.equals(under) && !path.startsWith(under + "/")) {
      throw new RowRejected("cell " + cell + " is outside " + under);
    }
    return path.toUpperCase(Locale.ROOT);
  }

  @Override
  public void close() {
    workers.shutdown();
  }

  /** A row that cannot be imported; the job records why and goes on. */
  static final class RowRejected extends RuntimeException {
    RowRejected(String message) {
      super(message);
    }
  }

  /** One data line, read by column name. */
  private static final class Row {
    private final Map<String, Integer> columns;
    private final List<String> values;

    Row(Map<String, Integer> columns, List<String> values) {
      this.columns = columns;
      this.values = values;
    }

    String value(String column) {
      Integer i = columns.get(column);
      if (i == null || i >= values.size()) {
        return null;
      }
      String v = values.get(i).strip();
      return v.isEmpty() ? null : v;
    }

    String required(String column) {
      String v = value(column);
      if (v == null) {
        throw new RowRejected(column + " is empty");
      }
      return v;
    }

    LocalDate date(String column, boolean required) {
      String v = required ? required(column) : value(column);
      if (v == null) {
        return null;
      }
      try {
        return v.contains("/") ? LocalDate.parse(v, VIETNAMESE_DATE) : LocalDate.parse(v);
      } catch (DateTimeParseException e) {
        throw new RowRejected(column + " '" + v + "' is not a date (dd/mm/yyyy or yyyy-mm-dd)");
      }
    }

    Gender gender() {
      String v = required("gender").toLowerCase(Locale.forLanguageTag("vi"));
      return switch (v) {
        case "nam", "male", "m" -> Gender.MALE;
        case "nữ", "nu", "female", "f" -> Gender.FEMALE;
        default -> throw new RowRejected("gender '" + v + "' is neither Nam nor Nữ");
      };
    }

    MemberService.LegacyMember member() {
      String name = required("fullName");
      if (name.length() > 120) {
        throw new RowRejected("fullName is longer than 120 characters");
      }
      String phone = value("phone");
      if (phone != null && !phone.matches("\\+?[0-9]{9,15}")) {
        throw new RowRejected("phone '" + phone + "' is not a phone number");
      }
      String email = value("email");
      if (email != null && !email.matches("[^@\\s]+@[^@\\s]+\\.[^@\\s]+")) {
        throw new RowRejected("email '" + email + "' is not an e-mail address");
      }
      String zaloId = value("zaloId");
      if (zaloId != null && !zaloId.matches(Member.ZALO_ID_PATTERN)) {
        throw new RowRejected("zaloId '" + zaloId + "' is not a Zalo user id (6-32 digits)");
      }
      String partyNumber = value("partyNumber");
      if (partyNumber != null && !partyNumber.matches("[0-9.]{4,20}")) {
        throw new RowRejected("partyNumber '" + partyNumber + "' is not a party member number");
      }
      Member.Background background =
          new Member.Background(
              value("religion"),
              value("residence"),
              value("education"),
              value("professionalQualification"),
              theoryLevel(),
              value("occupation"));
      Map<String, String> problems = background.problems();
      if (!problems.isEmpty()) {
        throw new RowRejected(
            problems.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue())
                .collect(java.util.stream.Collectors.joining("; ")));
      }
      return new MemberService.LegacyMember(
          partyNumber,
          name,
          gender(),
          date("dateOfBirth", true),
          required("citizenId"),
          date("admittedOn", true),
          date("officialOn", false),
          value("ethnicity"),
          value("hometown"),
          phone,
          email,
          zaloId,
          background);
    }

    /** A code (CU_NHAN) or its Vietnamese label (Cử nhân), case and diacritics as written. */
    PoliticalTheoryLevel theoryLevel() {
      String v = value("politicalTheoryLevel");
      if (v == null) {
        return null;
      }
      for (PoliticalTheoryLevel level : PoliticalTheoryLevel.values()) {
        if (level.name().equalsIgnoreCase(v) || level.label.equalsIgnoreCase(v)) {
          return level;
        }
      }
      throw new RowRejected(
          "politicalTheoryLevel '"
              + v
              + "' is none of "
              + PoliticalTheoryLevel.CODES.replace("|", ", "));
    }
  }
}
