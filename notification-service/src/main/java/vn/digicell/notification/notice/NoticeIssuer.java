package vn.digicell.notification.notice;

import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.stereotype.Service;
import vn.digicell.notification.recipient.Recipient;
import vn.digicell.notification.recipient.RecipientDirectory;
import vn.digicell.platform.events.Outbox;

/**
 * Issues notices in bulk, idempotently: each notice's id derives from (causeId, recipient), so a
 * re-issue finds it and adds nothing. Texts are rendered from the messages bundles in the
 * recipient's language (Vietnamese unless they chose English); then the notices go to delivery over
 * the recipient's channels (in-process {@link NoticesIssued} event, same thread: a failure
 * propagates to the caller, whose retry re-queues idempotently).
 */
@Service
public class NoticeIssuer {

  static final int CHUNK = 500;
  static final Set<String> LANGUAGES = Set.of("vi", "en");

  private final MongoTemplate mongo;
  private final Outbox outbox;
  private final MessageSource messages;
  private final RecipientDirectory directory;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  NoticeIssuer(
      MongoTemplate mongo,
      Outbox outbox,
      MessageSource messages,
      RecipientDirectory directory,
      ApplicationEventPublisher events,
      Clock clock) {
    this.mongo = mongo;
    this.outbox = outbox;
    this.messages = messages;
    this.directory = directory;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Issues these notices (any number: handled in chunks of 500); returns how many were new (the
   * others already existed: nothing was added for them).
   */
  public int issue(List<NoticeRequest> requests) {
    return issue(requests, null);
  }

  /** As {@link #issue(List)}, recording the type of the event that caused them. */
  public int issue(List<NoticeRequest> requests, String causeEventType) {
    int created = 0;
    for (int from = 0; from < requests.size(); from += CHUNK) {
      created +=
          issueChunk(
              requests.subList(from, Math.min(requests.size(), from + CHUNK)), causeEventType);
    }
    return created;
  }

  private int issueChunk(List<NoticeRequest> chunk, String causeEventType) {
    Map<String, NoticeRequest> byId = new LinkedHashMap<>();
    for (NoticeRequest r : chunk) {
      validate(r);
      byId.putIfAbsent(r.noticeId(), r);
    }
    List<Notice> existing =
        mongo.find(Query.query(Criteria.where("_id").in(byId.keySet())), Notice.class);
    Set<String> known = existing.stream().map(Notice::id).collect(Collectors.toSet());
    List<NoticeRequest> fresh =
        byId.values().stream().filter(r -> !known.contains(r.noticeId())).toList();
    Map<String, Recipient> recipients =
        directory.findAll(fresh.stream().map(NoticeRequest::recipientMemberId).distinct().toList());
    List<Notice> toInsert = new ArrayList<>(fresh.size());
    for (NoticeRequest r : fresh) {
      Recipient recipient = recipients.get(r.recipientMemberId());
      String language =
          recipient != null && LANGUAGES.contains(recipient.language())
              ? recipient.language()
              : "vi";
      Map<String, String> args = new LinkedHashMap<>(r.args());
      if (recipient != null && recipient.fullName() != null) {
        args.putIfAbsent("recipientName", recipient.fullName());
      }
      toInsert.add(
          Notice.issue(
              r, language, render(r.templateKey(), args, language), causeEventType, clock));
    }
    List<Notice> created =
        toInsert.isEmpty() ? List.of() : outbox.insertAllAndPublish(toInsert, Notice.class);
    List<Notice> all = new ArrayList<>(existing);
    Set<String> createdIds = created.stream().map(Notice::id).collect(Collectors.toSet());
    all.addAll(created);
    if (created.size() < toInsert.size()) {
      // another instance inserted some meanwhile: deliver those too (queueing is idempotent)
      List<String> raced =
          toInsert.stream().map(Notice::id).filter(id -> !createdIds.contains(id)).toList();
      all.addAll(mongo.find(Query.query(Criteria.where("_id").in(raced)), Notice.class));
    }
    events.publishEvent(new NoticesIssued(created, all));
    return created.size();
  }

  /** Renders {@code notice.<key>.title|body|sms} in the language, filling {@code {name}} args. */
  Notice.Texts render(String templateKey, Map<String, String> args, String language) {
    Locale locale = Locale.forLanguageTag(language);
    String title = text("notice." + templateKey + ".title", args, locale, templateKey);
    String body = text("notice." + templateKey + ".body", args, locale, "");
    String sms = text("notice." + templateKey + ".sms", args, locale, null);
    return new Notice.Texts(title, body, sms);
  }

  private String text(String code, Map<String, String> args, Locale locale, String fallback) {
    String pattern = messages.getMessage(code, null, fallback, locale);
    if (pattern == null) {
      return null;
    }
    String out = pattern;
    for (Map.Entry<String, String> arg : args.entrySet()) {
      out = out.replace("{" + arg.getKey() + "}", arg.getValue() == null ? "" : arg.getValue());
    }
    return out;
  }

  private static void validate(NoticeRequest r) {
    if (r.recipientMemberId() == null
        || r.recipientMemberId().isBlank()
        || r.kind() == null
        || !r.kind().matches("[A-Z][A-Z0-9_]*")
        || r.templateKey() == null
        || r.templateKey().isBlank()
        || r.causeId() == null
        || r.causeId().isBlank()) {
      throw new IllegalArgumentException("Incomplete notice request: " + r);
    }
  }
}
