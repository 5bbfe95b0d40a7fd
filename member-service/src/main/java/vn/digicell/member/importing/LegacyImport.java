package vn.digicell.member.importing;

import com.mongodb.client.gridfs.model.GridFSFile;
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
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
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
import java.util.concurrent.atomic.AtomicInteger;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;
import org.bson.types.ObjectId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.i18n.LocaleContextHolder;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.core.query.Update;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import vn.digicell.member.member.CitizenId;
import vn.digicell.member.member.Gender;
import vn.digicell.member.member.Member;
import vn.digicell.member.member.MemberService;
import vn.digicell.member.member.PoliticalTheoryLevel;
import vn.digicell.member.orgunit.OrgUnit;
import vn.digicell.member.orgunit.OrgUnitService;
import vn.digicell.member.shared.Roles;
import vn.digicell.platform.jobs.Leases;
import vn.digicell.platform.security.AccessGuard;
import vn.digicell.platform.web.ProblemException;

/**
 * Imports a legacy member register (CSV in the documented template) as a background job: every row
 * validated, valid rows imported under the admission rules, rejected rows listed with the reason,
 * rows saved in bulk, {@link #BATCH} at a time, progress saved after each batch. Re-running a file
 * imports nothing twice (citizen id and party number are checked first).
 *
 * <p>Durable across replicas: the upload is stored in GridFS before the job starts; the replica
 * running a job renews its lease with every batch's save; a replica stopped gracefully hands its
 * job back after the batch in hand, and a job whose lease ran out (its replica was killed) is
 * resumed by any replica from the last saved batch ({@link #resumeAbandoned}). A member's id is
 * derived from the job and the file line, so a batch cut in the middle and run again adds no one
 * twice and counts everyone once.
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

  /** The GridFS bucket keeping each job's file until the job ends. */
  static final String UPLOADS = "import_uploads";

  private final MongoTemplate mongo;
  private final MemberService members;
  private final OrgUnitService orgUnits;
  private final AccessGuard guard;
  private final Clock clock;
  private final int maxRows;
  private final GridFsTemplate uploads;
  private final ExecutorService workers = Executors.newSingleThreadExecutor();

  /** This replica's hold on the jobs it runs. */
  private final Leases<ImportJob> leases;

  /** Jobs submitted here and not finished: while any, this replica takes over no other. */
  private final AtomicInteger inHand = new AtomicInteger();

  private volatile boolean stopping;

  LegacyImport(
      MongoTemplate mongo,
      MemberService members,
      OrgUnitService orgUnits,
      AccessGuard guard,
      Clock clock,
      @Value("${digicell.member.import.max-rows:" + MAX_ROWS + "}") int maxRows,
      @Value("${digicell.member.import.lease:PT30S}") Duration lease) {
    this.maxRows = maxRows;
    this.leases = new Leases<>(mongo, ImportJob.class, lease, clock);
    this.uploads =
        new GridFsTemplate(mongo.getMongoDatabaseFactory(), mongo.getConverter(), UPLOADS);
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
    // stored first, so the job survives the replica that took the upload
    ObjectId uploadId =
        uploads.store(
            upload,
            fileName,
            spreadsheet
                ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                : "text/csv");
    try {
      return startRows(
          under,
          fileName,
          readRows(uploadId, spreadsheet),
          LocaleContextHolder.getLocale(),
          uploadId,
          spreadsheet);
    } catch (RuntimeException e) {
      deleteUpload(uploadId.toHexString());
      throw e;
    }
  }

  /**
   * The stored file's rows, header first, as the upload streams by, never whole in memory; the row
   * limit stops the reading.
   */
  private List<SheetRow> readRows(ObjectId uploadId, boolean spreadsheet) {
    int maxRecords = maxRows + 1; // the header, then at most maxRows rows
    GridFSFile file = uploads.findOne(Query.query(Criteria.where("_id").is(uploadId)));
    if (file == null) {
      throw new IllegalStateException("the stored register " + uploadId + " is gone");
    }
    try (InputStream in = uploads.getResource(file).getInputStream()) {
      if (!spreadsheet) {
        return CsvReader.read(
            new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), maxRecords);
      }
      // a ZIP package is read from a file
      Path copy = null;
      try {
        copy = Files.createTempFile("register-", ".xlsx");
        Files.copy(in, copy, StandardCopyOption.REPLACE_EXISTING);
        return XlsxReader.readRows(copy, maxRecords);
      } finally {
        deleteQuietly(copy);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void deleteUpload(String uploadId) {
    if (uploadId != null) {
      uploads.delete(Query.query(Criteria.where("_id").is(new ObjectId(uploadId))));
    }
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
        "file-too-long", text("import.file.too-long", String.valueOf(maxRows)));
  }

  /** A text of the import in the language of the request. */
  public static String text(String code, Object... args) {
    return new ImportTexts(LocaleContextHolder.getLocale()).text(code, args);
  }

  /** The template's header row in the language of the request. */
  public static List<String> headerRow(Locale locale) {
    return new ImportTexts(locale).headerRow();
  }

  private ImportJob startRows(
      String under,
      String fileName,
      List<SheetRow> rows,
      Locale locale,
      ObjectId uploadId,
      boolean spreadsheet) {
    ImportTexts texts = new ImportTexts(locale);
    if (rows.isEmpty()) {
      throw ProblemException.badRequest("empty-file", texts.text("import.file.empty"));
    }
    columns(rows.get(0).cells(), texts);
    if (rows.size() - 1 > maxRows) {
      throw tooLong(maxRows);
    }
    String by = guard.currentUser().username();
    Instant now = Instant.now(clock);
    ImportJob job =
        mongo.insert(
            new ImportJob(
                UUID.randomUUID().toString(),
                under,
                fileName,
                by,
                ImportJob.Status.RUNNING,
                rows.size() - 1,
                0,
                0,
                0,
                0,
                List.of(),
                now,
                null,
                uploadId.toHexString(),
                spreadsheet,
                locale.toLanguageTag(),
                leases.owner(),
                now));
    submit(job, rows);
    return job;
  }

  /** The template's columns found in the header row, by name; a problem when required ones lack. */
  private static Map<String, Integer> columns(List<String> header, ImportTexts texts) {
    Map<String, Integer> columns = new HashMap<>();
    for (int i = 0; i < header.size(); i++) {
      // the template's header in Vietnamese or English, or the column keys of older templates
      String column = ImportTexts.columnOf(header.get(i));
      if (column != null) {
        columns.putIfAbsent(column, i);
      }
    }
    List<String> missing = REQUIRED.stream().filter(c -> !columns.containsKey(c)).toList();
    if (!missing.isEmpty()) {
      throw ProblemException.badRequest(
          "not-the-template",
          texts.text(
              "import.file.not-the-template",
              String.join(", ", missing.stream().map(texts::column).toList())));
    }
    return columns;
  }

  private void submit(ImportJob job, List<SheetRow> rows) {
    inHand.incrementAndGet();
    try {
      workers.submit(
          () -> {
            try {
              run(job, rows);
            } finally {
              inHand.decrementAndGet();
            }
          });
    } catch (java.util.concurrent.RejectedExecutionException stopped) {
      // stopping: the job stays RUNNING with a lease that runs out, for another replica
      inHand.decrementAndGet();
    }
  }

  /** Every 15 s, on one replica at a time: takes over a job whose replica stopped renewing it. */
  @Scheduled(
      fixedDelayString = "${digicell.member.import.resume-every:PT15S}",
      initialDelayString = "${digicell.member.import.resume-every:PT15S}")
  @SchedulerLock(name = "member.import-resume")
  public void scheduled() {
    resumeAbandoned();
  }

  /**
   * Claims the oldest job whose lease ran out and resumes it here from its last saved batch;
   * returns whether one was claimed. A replica busy with an import of its own claims none.
   */
  boolean resumeAbandoned() {
    if (stopping || inHand.get() > 0) {
      return false;
    }
    ImportJob job =
        leases.claimStaleOrUnbeaten(running(), Sort.by("startedAt"), new Update()).orElse(null);
    if (job == null) {
      return false;
    }
    log.info(
        "Resuming import {} of {} from row {} of {}",
        job.id(),
        job.under(),
        job.processedRows(),
        job.totalRows());
    submit(job, null);
    return true;
  }

  public ImportJob progress(String id) {
    ImportJob job = mongo.findById(id, ImportJob.class);
    if (job == null) {
      throw ProblemException.notFound("import-not-found", "No import job " + id + ".");
    }
    guard.requireActOn(job.under(), Roles.ORG_ADMIN, Roles.IT_ADMIN);
    return job;
  }

  /** Runs a job from its last saved batch; {@code given} are its rows when already read. */
  private void run(ImportJob job, List<SheetRow> given) {
    ImportTexts texts =
        new ImportTexts(
            job.language() == null
                ? Locale.forLanguageTag("vi")
                : Locale.forLanguageTag(job.language()));
    int[] counts = {job.importedRows(), job.alreadyOnRecord(), job.rejectedRows()};
    List<ImportJob.RowError> errors = new ArrayList<>(job.errors());
    try {
      if (job.uploadId() == null) {
        // started before uploads were kept: nothing to resume from
        throw new IllegalStateException("no stored file to resume from");
      }
      List<SheetRow> all =
          given != null ? given : readRows(new ObjectId(job.uploadId()), job.spreadsheet());
      Map<String, Integer> columns = columns(all.get(0).cells(), texts);
      List<SheetRow> rows = all.subList(1, all.size());
      Map<String, Optional<OrgUnit>> cells = new HashMap<>();
      int from = job.processedRows();
      renew(job.id(), new Update()); // still ours? (a queued job may have been taken over)
      for (; from < rows.size(); from += BATCH) {
        if (stopping) {
          release(job.id());
          return;
        }
        int to = Math.min(rows.size(), from + BATCH);
        importBatch(job, columns, rows, from, to, job.startedBy(), cells, errors, counts, texts);
        save(job.id(), to, counts, errors, null);
      }
      save(job.id(), rows.size(), counts, errors, ImportJob.Status.COMPLETED);
      deleteUpload(job.uploadId());
    } catch (LeaseLost e) {
      log.warn("Import {} was taken over by another replica; stopping here", job.id());
    } catch (RuntimeException e) {
      log.error("import {} failed", job.id(), e);
      try {
        save(job.id(), -1, counts, errors, ImportJob.Status.FAILED);
        deleteUpload(job.uploadId());
      } catch (LeaseLost lost) {
        log.warn("Import {} was taken over by another replica", job.id());
      }
    }
  }

  /** This replica no longer owns the job: another took it over after the lease ran out. */
  private static final class LeaseLost extends RuntimeException {
    LeaseLost() {
      super(null, null, false, false);
    }
  }

  /** Saves {@code update} with a renewed lease, if the job is still this replica's and running. */
  private void renew(String id, Update update) {
    if (!leases.renew(id, running(), update)) {
      throw new LeaseLost();
    }
  }

  private static Criteria running() {
    return Criteria.where("status").is(ImportJob.Status.RUNNING);
  }

  /** Hands a job back when this replica stops: the next replica's check resumes it at once. */
  private void release(String id) {
    leases.release(id);
    log.info("Import {} handed back for another replica to resume", id);
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
      int[] counts,
      ImportTexts texts) {
    LocalDate today = LocalDate.now(clock);
    List<MemberService.LegacyMember> valid = new ArrayList<>();
    List<OrgUnit> validCells = new ArrayList<>();
    List<Integer> validLines = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = from; i < to; i++) {
      // the line the secretary sees in the file (blank lines and empty rows counted)
      int line = rows.get(i).line();
      Row row = new Row(columns, rows.get(i).cells(), texts);
      OrgUnit cell = null;
      String cellName = row.required("cell");
      if (cellName != null) {
        String path = cellPath(job.under(), cellName);
        if (path == null) {
          row.problem("cell-outside", row.name("cell"), cellName, job.under());
        } else {
          cell =
              cells
                  .computeIfAbsent(path, orgUnits::findByPath)
                  .filter(OrgUnit::isActiveCell)
                  .orElse(null);
          if (cell == null) {
            row.problem("no-cell", row.name("cell"), cellName, job.under());
          }
        }
      }
      MemberService.LegacyMember member = row.member(today);
      if (!row.problems().isEmpty()) {
        reject(errors, counts, line, String.join("; ", row.problems()));
        continue;
      }
      {
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
                memberId(job.id(), validLines.get(k)),
                m,
                validCells.get(k),
                m.partyNumber() == null ? numbers.get(next++) : null,
                by));
      } catch (ProblemException e) {
        // the row's own checks mirror the admission rules; what is left is said as it is
        reject(
            errors, counts, validLines.get(k), texts.text("import.problem.other", e.getMessage()));
      }
    }
    // the unique indexes refuse who is on record already: no lookup per row or per batch
    Set<String> inserted = new HashSet<>();
    members.insertAll(prepared).forEach(m -> inserted.add(m.id()));
    List<String> refused =
        prepared.stream().map(Member::id).filter(id -> !inserted.contains(id)).toList();
    // refused under this job's own id: saved by this batch's earlier run, cut short by a crash
    long ours =
        refused.isEmpty()
            ? 0
            : mongo.count(Query.query(Criteria.where("_id").in(refused)), Member.class);
    counts[0] += inserted.size() + (int) ours;
    counts[1] += refused.size() - (int) ours;
  }

  /** The id of the member a line of a job's file admits: the same on every run of the batch. */
  static String memberId(String jobId, int line) {
    return UUID.nameUUIDFromBytes((jobId + ":" + line).getBytes(StandardCharsets.UTF_8)).toString();
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
    renew(id, update);
  }

  /** "C07", "VB/C07" or "/AG/VB/C07": always inside {@code under}; null when outside. */
  static String cellPath(String under, String cell) {
    String path = (cell.startsWith("/") ? cell : under + "/" + cell).toUpperCase(Locale.ROOT);
    if (!path.equals(under) && !path.startsWith(under + "/")) {
      return null;
    }
    return path;
  }

  /**
   * A graceful stop (a rolling update): the job in hand stops after its batch and is handed back;
   * jobs queued here keep their lease until it runs out, then another replica resumes them.
   */
  @Override
  public void close() throws InterruptedException {
    stopping = true;
    workers.shutdown();
    if (!workers.awaitTermination(30, java.util.concurrent.TimeUnit.SECONDS)) {
      workers.shutdownNow();
    }
  }

  /**
   * One data line, read by column name. Every problem of the row is collected (not only the first),
   * each named by its column as the template's header row names it.
   */
  private static final class Row {
    private final Map<String, Integer> columns;
    private final List<String> values;
    private final ImportTexts texts;
    private final List<String> problems = new ArrayList<>();

    Row(Map<String, Integer> columns, List<String> values, ImportTexts texts) {
      this.columns = columns;
      this.values = values;
      this.texts = texts;
    }

    List<String> problems() {
      return problems;
    }

    void problem(String code, Object... args) {
      problems.add(texts.text("import.problem." + code, args));
    }

    String name(String column) {
      return texts.column(column);
    }

    String value(String column) {
      Integer i = columns.get(column);
      if (i == null || i >= values.size()) {
        return null;
      }
      String v = values.get(i).strip();
      return v.isEmpty() ? null : v;
    }

    /** The value, or null with the problem "empty" recorded. */
    String required(String column) {
      String v = value(column);
      if (v == null) {
        problem("empty", name(column));
      }
      return v;
    }

    LocalDate date(String column, boolean required) {
      String v = required ? required(column) : value(column);
      if (v == null) {
        return null;
      }
      java.util.regex.Matcher dmy =
          java.util.regex.Pattern.compile("(\\d{1,2})/(\\d{1,2})/(\\d{4})").matcher(v);
      java.util.regex.Matcher iso =
          java.util.regex.Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})").matcher(v);
      int day;
      int month;
      int year;
      if (dmy.matches()) {
        day = Integer.parseInt(dmy.group(1));
        month = Integer.parseInt(dmy.group(2));
        year = Integer.parseInt(dmy.group(3));
      } else if (iso.matches()) {
        year = Integer.parseInt(iso.group(1));
        month = Integer.parseInt(iso.group(2));
        day = Integer.parseInt(iso.group(3));
      } else {
        problem("not-a-date", name(column), v);
        return null;
      }
      if (month < 1 || month > 12 || day < 1 || day > 31 || year < 1800) {
        problem("not-a-date", name(column), v);
        return null;
      }
      java.time.YearMonth ym = java.time.YearMonth.of(year, month);
      if (day > ym.lengthOfMonth()) {
        // 31/02, 31/04, 29/02 in a common year: named as the impossible date it is
        problem(
            "impossible-date",
            name(column),
            String.format("%02d/%02d/%d", day, month, year),
            String.valueOf(month),
            String.valueOf(year),
            String.valueOf(ym.lengthOfMonth()));
        return null;
      }
      return LocalDate.of(year, month, day);
    }

    Gender gender() {
      String raw = required("gender");
      if (raw == null) {
        return null;
      }
      String v = raw.toLowerCase(Locale.forLanguageTag("vi"));
      return switch (v) {
        case "nam", "male", "m" -> Gender.MALE;
        case "nữ", "nu", "female", "f" -> Gender.FEMALE;
        default -> {
          problem("gender", name("gender"), raw);
          yield null;
        }
      };
    }

    private String checked(String column, String pattern, String code) {
      String v = value(column);
      if (v != null && !v.matches(pattern)) {
        problem(code, name(column), v);
      }
      return v;
    }

    private String limited(String column, int max) {
      String v = value(column);
      if (v != null && v.length() > max) {
        problem("too-long", name(column), String.valueOf(max));
      }
      return v;
    }

    /** The member the row describes, or null when it has problems (then listed in problems()). */
    MemberService.LegacyMember member(LocalDate today) {
      String name = required("fullName");
      if (name != null && name.length() > 120) {
        problem("too-long", name("fullName"), "120");
      }
      Gender gender = gender();
      LocalDate born = date("dateOfBirth", true);
      String citizenId = required("citizenId");
      if (citizenId != null) {
        citizenId(citizenId, born, gender);
      }
      LocalDate admitted = date("admittedOn", true);
      LocalDate official = date("officialOn", false);
      if (admitted != null && admitted.isAfter(today)) {
        problem("admission-in-future", name("admittedOn"), fmt(admitted));
      }
      if (admitted != null && born != null && admitted.isBefore(born.plusYears(18))) {
        problem("too-young", name("admittedOn"), "18", fmt(admitted));
      }
      if (admitted != null && official != null && official.isBefore(admitted.plusMonths(12))) {
        problem("probation", name("officialOn"), fmt(admitted.plusMonths(12)));
      }
      String phone = checked("phone", "\\+?[0-9]{9,15}", "phone");
      String email = checked("email", "[^@\\s]+@[^@\\s]+\\.[^@\\s]+", "email");
      String zaloId = checked("zaloId", Member.ZALO_ID_PATTERN, "zalo");
      String partyNumber = checked("partyNumber", "[0-9.]{4,20}", "party-number");
      String education = checked("education", Member.EDUCATION_PATTERN, "education");
      Member.Background background =
          new Member.Background(
              limited("religion", Member.RELIGION_MAX),
              limited("residence", Member.RESIDENCE_MAX),
              education,
              limited("professionalQualification", Member.QUALIFICATION_MAX),
              theoryLevel(),
              limited("occupation", Member.OCCUPATION_MAX));
      if (!problems.isEmpty()) {
        return null;
      }
      return new MemberService.LegacyMember(
          partyNumber,
          name,
          gender,
          born,
          citizenId,
          admitted,
          official,
          value("ethnicity"),
          value("hometown"),
          phone,
          email,
          zaloId,
          background);
    }

    private void citizenId(String id, LocalDate born, Gender gender) {
      String column = name("citizenId");
      if (!id.matches("\\d{12}")) {
        problem("citizen-digits", column, id);
        return;
      }
      if (!CitizenId.isProvinceCode(id.substring(0, 3))) {
        problem("citizen-province", column, id.substring(0, 3));
      }
      if (born != null && gender != null) {
        int year = born.getYear();
        int expected =
            year >= 1800 && year < 1900
                ? (gender == Gender.MALE ? 8 : 9)
                : ((year / 100) - 19) * 2 + (gender == Gender.MALE ? 0 : 1);
        if (id.charAt(3) - '0' != expected) {
          problem(
              "citizen-century",
              column,
              String.valueOf(expected),
              texts.text(gender == Gender.MALE ? "import.problem.male" : "import.problem.female"),
              String.valueOf(year));
        }
        if (!id.substring(4, 6).equals(String.format("%02d", year % 100))) {
          problem("citizen-year", column, String.format("%02d", year % 100));
        }
      }
    }

    private static String fmt(LocalDate date) {
      return date.format(DateTimeFormatter.ofPattern("dd/MM/uuuu"));
    }

    /** A code (CU_NHAN) or its Vietnamese label (Cử nhân), case and diacritics as written. */
    PoliticalTheoryLevel theoryLevel() {
      String v = value("politicalTheoryLevel");
      if (v == null) {
        return null;
      }
      for (PoliticalTheoryLevel level : PoliticalTheoryLevel.values()) {
        if (level.name().equalsIgnoreCase(v)
            || level.label.equalsIgnoreCase(v)
            || ImportTexts.key(level.label).equals(ImportTexts.key(v))) {
          return level;
        }
      }
      problem("theory-level", name("politicalTheoryLevel"), v, texts.text("import.theory.levels"));
      return null;
    }
  }
}
