package vn.digicell.notification.preference;

import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;
import vn.digicell.notification.recipient.Roster;
import vn.digicell.platform.security.AccessGuard;
import vn.digicell.platform.web.ProblemException;

/** Members read and change their own preferences; delivery reads everyone's in bulk. */
@Service
public class PreferenceService {

  static final int MAX_KINDS = 32;

  private final MongoTemplate mongo;
  private final Roster roster;
  private final AccessGuard guard;
  private final Clock clock;

  PreferenceService(MongoTemplate mongo, Roster roster, AccessGuard guard, Clock clock) {
    this.mongo = mongo;
    this.roster = roster;
    this.guard = guard;
    this.clock = clock;
  }

  /** The member's preferences, or the defaults. */
  public Preferences of(String memberId) {
    Preferences stored = mongo.findById(memberId, Preferences.class);
    return stored != null ? stored : Preferences.defaults(memberId);
  }

  /** Preferences of many members (defaults for those who set none). */
  public Map<String, Preferences> ofAll(Collection<String> memberIds) {
    Map<String, Preferences> found =
        mongo.find(Query.query(Criteria.where("_id").in(memberIds)), Preferences.class).stream()
            .collect(Collectors.toMap(Preferences::memberId, Function.identity()));
    Map<String, Preferences> out = new LinkedHashMap<>();
    for (String id : memberIds) {
      out.put(id, found.getOrDefault(id, Preferences.defaults(id)));
    }
    return out;
  }

  /** The caller's own preferences. */
  public Preferences mine() {
    return of(me());
  }

  /** Replaces the caller's preferences (validated: kinds, language). */
  public Preferences replaceMine(
      Map<String, Set<Channel>> channels,
      Preferences.QuietHours quietHours,
      Preferences.Digest digest,
      String language) {
    String me = me();
    Map<String, Set<Channel>> clean = new LinkedHashMap<>();
    if (channels != null) {
      if (channels.size() > MAX_KINDS) {
        throw ProblemException.badRequest("invalid-preferences", "Too many kinds of notice.");
      }
      channels.forEach(
          (kind, set) -> {
            if (kind == null || !(kind.equals("*") || kind.matches("[A-Z][A-Z0-9_]{0,31}"))) {
              throw ProblemException.badRequest(
                  "invalid-preferences", "Unknown kind of notice: " + kind);
            }
            EnumSet<Channel> chosen = EnumSet.of(Channel.INBOX);
            if (set != null) {
              set.stream().filter(c -> c != null).forEach(chosen::add);
            }
            clean.put(kind, chosen);
          });
    }
    if (language != null && !language.equals("vi") && !language.equals("en")) {
      throw ProblemException.badRequest("invalid-preferences", "Language must be vi or en.");
    }
    Preferences saved =
        mongo.save(
            new Preferences(
                me,
                clean,
                quietHours,
                digest == null ? Preferences.Digest.NONE : digest,
                language,
                Instant.now(clock)));
    if (language != null) {
      roster.language(me, language);
    }
    return saved;
  }

  private String me() {
    return guard
        .currentUser()
        .ownMemberId()
        .orElseThrow(
            () ->
                ProblemException.notFound(
                    "no-member-record", "Only members have notification preferences."));
  }
}
