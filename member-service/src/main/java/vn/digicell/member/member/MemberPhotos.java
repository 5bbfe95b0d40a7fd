package vn.digicell.member.member;

import com.mongodb.client.gridfs.model.GridFSFile;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.Locale;
import java.util.Set;
import org.apache.tika.Tika;
import org.bson.Document;
import org.bson.types.ObjectId;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.data.mongodb.gridfs.GridFsTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.util.unit.DataSize;
import vn.digicell.member.shared.Roles;
import vn.digicell.platform.events.Outbox;
import vn.digicell.platform.security.AccessGuard;
import vn.digicell.platform.security.CurrentUser;
import vn.digicell.platform.web.ProblemException;

/**
 * A member's optional profile photo, kept in GridFS: JPEG or PNG judged from the bytes (Apache
 * Tika's magic detection), never from the declared type, at most {@code
 * digicell.member.photo.max-size} (2 MB). Read under the profile's rules, and logged like a profile
 * read; set or removed by the member themself or a secretary, committee or org-admin acting for the
 * member's cell.
 */
@Service
public class MemberPhotos {

  private static final Tika TIKA = new Tika();
  private static final Set<String> ACCEPTED = Set.of("image/jpeg", "image/png");
  private static final String UNDECLARED = "application/octet-stream";

  private final Members members;
  private final GridFsTemplate files;
  private final ProfileReads profileReads;
  private final Outbox outbox;
  private final AccessGuard guard;
  private final Clock clock;
  private final long maxSize;

  MemberPhotos(
      Members members,
      GridFsTemplate files,
      ProfileReads profileReads,
      Outbox outbox,
      AccessGuard guard,
      Clock clock,
      @Value("${digicell.member.photo.max-size:2MB}") DataSize maxSize) {
    this.members = members;
    this.files = files;
    this.profileReads = profileReads;
    this.outbox = outbox;
    this.guard = guard;
    this.clock = clock;
    this.maxSize = maxSize.toBytes();
  }

  /** An uploaded image: the type the client declared (may be null), its size and its bytes. */
  public record Upload(String declaredType, long size, InputStreamSource content) {}

  /** Opens the uploaded bytes. */
  @FunctionalInterface
  public interface InputStreamSource {
    InputStream open() throws IOException;
  }

  /** A photo as served: its type and bytes. */
  public record Image(String contentType, byte[] bytes) {}

  /** Sets or replaces the photo; the replaced file is deleted once the record is saved. */
  public Member.Photo put(String memberId, Upload upload) {
    Member member = find(memberId);
    requireChange(member);
    if (upload.size() <= 0) {
      throw ProblemException.badRequest("empty-photo", "The uploaded photo is empty.");
    }
    if (upload.size() > maxSize) {
      throw new ProblemException(
          HttpStatus.CONTENT_TOO_LARGE,
          "photo-too-large",
          "A photo may be at most " + DataSize.ofBytes(maxSize).toKilobytes() + " KB.");
    }
    byte[] bytes;
    try (InputStream in = upload.content().open()) {
      bytes = in.readNBytes((int) maxSize + 1);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (bytes.length > maxSize) {
      throw new ProblemException(
          HttpStatus.CONTENT_TOO_LARGE,
          "photo-too-large",
          "A photo may be at most " + DataSize.ofBytes(maxSize).toKilobytes() + " KB.");
    }
    String detected = mediaType(TIKA.detect(bytes));
    if (!ACCEPTED.contains(detected)) {
      throw new ProblemException(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "unsupported-photo",
          "A photo must be a JPEG or PNG image; this content is " + detected + ".");
    }
    String declared = upload.declaredType() == null ? null : mediaType(upload.declaredType());
    if (declared != null && !declared.equals(UNDECLARED) && !declared.equals(detected)) {
      throw new ProblemException(
          HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "photo-type-mismatch",
          "The photo was declared as " + declared + " but its content is " + detected + ".");
    }
    ObjectId fileId =
        files.store(
            new java.io.ByteArrayInputStream(bytes),
            "member-photo-" + member.id(),
            detected,
            new Document("memberId", member.id()));
    Member.Photo photo =
        new Member.Photo(
            fileId.toHexString(),
            detected,
            bytes.length,
            guard.currentUser().username(),
            clock.instant());
    Member.Photo old = member.replacePhoto(photo, clock);
    try {
      outbox.saveAndPublish(member);
    } catch (RuntimeException e) {
      delete(photo);
      throw e;
    }
    if (old != null) {
      delete(old);
    }
    return photo;
  }

  /** The photo, for those who may read the member's profile; each read is logged. */
  public Image get(String memberId) {
    Member member = find(memberId);
    CurrentUser user = guard.currentUser();
    if (!MemberService.isSelf(user, member)) {
      guard.requireActOn(member.path(), Roles.READ_MEMBERS);
    }
    Member.Photo photo = member.photo();
    GridFSFile file =
        photo == null
            ? null
            : files.findOne(Query.query(Criteria.where("_id").is(new ObjectId(photo.fileId()))));
    if (file == null) {
      throw ProblemException.notFound("no-photo", "This member has no photo on record.");
    }
    profileReads.recordPhoto(user, member);
    try (InputStream in = files.getResource(file).getInputStream()) {
      return new Image(photo.contentType(), in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Removes the photo and its file. */
  public void remove(String memberId) {
    Member member = find(memberId);
    requireChange(member);
    Member.Photo old = member.removePhoto(clock);
    outbox.saveAndPublish(member);
    delete(old);
  }

  private void requireChange(Member member) {
    CurrentUser user = guard.currentUser();
    if (!MemberService.isSelf(user, member)) {
      guard.requireActOn(member.path(), Roles.KEEP_RECORDS);
    }
  }

  private void delete(Member.Photo photo) {
    files.delete(Query.query(Criteria.where("_id").is(new ObjectId(photo.fileId()))));
  }

  private Member find(String id) {
    return members
        .findById(id)
        .orElseThrow(
            () -> ProblemException.notFound("member-not-found", "No member with id " + id + "."));
  }

  private static String mediaType(String type) {
    int parameters = type.indexOf(';');
    return (parameters < 0 ? type : type.substring(0, parameters)).strip().toLowerCase(Locale.ROOT);
  }
}
