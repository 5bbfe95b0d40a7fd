package vn.digicell.notification.inbox.web;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.http.MediaType;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;
import vn.digicell.notification.inbox.InboxService;
import vn.digicell.notification.inbox.NoticeArrived;
import vn.digicell.notification.inbox.NoticesRead;
import vn.digicell.notification.notice.Notice;
import vn.digicell.notification.notice.NoticesIssued;
import vn.digicell.platform.jobs.EveryReplica;

/**
 * Open portal pages of signed-in members (server-sent events): each new notice and the new unread
 * count are pushed to the recipient's open streams; a comment line every heartbeat keeps proxies
 * from closing idle connections. Streams are per instance: a notice issued anywhere reaches them
 * through {@code notification.events} ({@link NoticeArrived}); a read here updates them at once, a
 * read on another instance within {@code unread-refresh} (30 s), when this instance recounts the
 * unread notices of every member it holds a stream for, a few hundred members per grouped count.
 */
@Component
class LiveInbox {

  static final int MAX_STREAMS_PER_MEMBER = 5;
  static final int RECENT = 10_000;

  private final Map<String, Set<SseEmitter>> streams = new ConcurrentHashMap<>();

  /** The unread count each member's streams were last told. */
  private final Map<String, Long> told = new ConcurrentHashMap<>();

  static final int REFRESH_BATCH = 500;

  /** Notice ids pushed lately: the in-process and the cross-instance paths each push once. */
  private final Set<String> recent =
      java.util.Collections.newSetFromMap(
          new java.util.LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
              return size() > RECENT;
            }
          });

  private final InboxService inbox;
  private final Duration timeout;

  LiveInbox(
      InboxService inbox,
      MeterRegistry meters,
      @Value("${digicell.notification.stream.timeout:PT30M}") Duration timeout) {
    this.inbox = inbox;
    this.timeout = timeout;
    Gauge.builder(
            "digicell.notifications.streams",
            streams,
            s -> s.values().stream().mapToInt(Set::size).sum())
        .description("Open live inbox streams")
        .register(meters);
  }

  /** Opens a stream for the member, starting with their unread count. */
  SseEmitter open(String memberId) {
    SseEmitter emitter = new SseEmitter(timeout.toMillis());
    Set<SseEmitter> mine = streams.computeIfAbsent(memberId, k -> new CopyOnWriteArraySet<>());
    if (mine.size() >= MAX_STREAMS_PER_MEMBER) {
      SseEmitter oldest = mine.iterator().next();
      mine.remove(oldest);
      oldest.complete();
    }
    mine.add(emitter);
    Runnable remove = () -> drop(memberId, emitter);
    emitter.onCompletion(remove);
    emitter.onTimeout(remove);
    emitter.onError(e -> remove.run());
    long unread = inbox.unreadOf(memberId);
    told.put(memberId, unread);
    send(
        memberId,
        emitter,
        SseEmitter.event()
            .name("unread")
            .data(Map.of("unread", unread), MediaType.APPLICATION_JSON));
    return emitter;
  }

  @EventListener
  void on(NoticesIssued issued) {
    Map<String, List<Notice>> byMember =
        issued.created().stream()
            .filter(n -> streams.containsKey(n.recipientMemberId()))
            .collect(Collectors.groupingBy(Notice::recipientMemberId));
    byMember.forEach(
        (member, notices) -> {
          for (Notice n : notices) {
            if (recentlyPushed(n.id())) {
              continue;
            }
            pushed(n.id());
            broadcast(
                member,
                SseEmitter.event()
                    .name("notice")
                    .id(n.id())
                    .data(InboxController.NoticeView.of(n), MediaType.APPLICATION_JSON));
          }
          pushUnread(member);
        });
  }

  /** Notices were marked read (here, or by a broadcast opened in its own view). */
  @EventListener
  void on(NoticesRead read) {
    pushUnread(read.recipientMemberId());
  }

  /** A notice issued by any instance (via notification.events): pushed unless already pushed. */
  @EventListener
  void on(NoticeArrived arrived) {
    if (!streams.containsKey(arrived.recipientMemberId()) || recentlyPushed(arrived.noticeId())) {
      return;
    }
    inbox
        .find(arrived.noticeId())
        .filter(n -> n.recipientMemberId().equals(arrived.recipientMemberId()))
        .ifPresent(
            n -> {
              pushed(n.id());
              broadcast(
                  n.recipientMemberId(),
                  SseEmitter.event()
                      .name("notice")
                      .id(n.id())
                      .data(InboxController.NoticeView.of(n), MediaType.APPLICATION_JSON));
              pushUnread(n.recipientMemberId());
            });
  }

  private boolean recentlyPushed(String noticeId) {
    synchronized (recent) {
      return recent.contains(noticeId);
    }
  }

  private void pushed(String noticeId) {
    synchronized (recent) {
      recent.add(noticeId);
    }
  }

  /** Sends the member's current unread count to their open streams. */
  void pushUnread(String memberId) {
    if (streams.containsKey(memberId)) {
      tell(memberId, inbox.unreadOf(memberId));
    }
  }

  private void tell(String memberId, long unread) {
    told.put(memberId, unread);
    broadcast(
        memberId,
        SseEmitter.event()
            .name("unread")
            .data(Map.of("unread", unread), MediaType.APPLICATION_JSON));
  }

  /**
   * Recounts the unread notices of everyone with a stream here and tells those whose count changed
   * (a notice read on another instance, or on a phone whose stream is elsewhere).
   */
  @Scheduled(
      initialDelayString = "${digicell.notification.stream.unread-refresh:PT30S}",
      fixedDelayString = "${digicell.notification.stream.unread-refresh:PT30S}")
  @EveryReplica("recounts for this replica's own open inbox streams")
  void refreshUnread() {
    List<String> members = List.copyOf(streams.keySet());
    for (int from = 0; from < members.size(); from += REFRESH_BATCH) {
      List<String> batch = members.subList(from, Math.min(members.size(), from + REFRESH_BATCH));
      Map<String, Long> counts = inbox.unreadOf(batch);
      for (String member : batch) {
        long unread = counts.getOrDefault(member, 0L);
        Long before = told.get(member);
        if (streams.containsKey(member) && (before == null || before != unread)) {
          tell(member, unread);
        }
      }
    }
  }

  @Scheduled(
      initialDelayString = "${digicell.notification.stream.heartbeat:PT15S}",
      fixedDelayString = "${digicell.notification.stream.heartbeat:PT15S}")
  @EveryReplica("keeps this replica's own open inbox streams alive")
  void heartbeat() {
    streams.forEach(
        (member, set) ->
            set.forEach(e -> send(member, e, SseEmitter.event().comment("heartbeat"))));
  }

  private void broadcast(String memberId, SseEmitter.SseEventBuilder event) {
    Set<SseEmitter> set = streams.get(memberId);
    if (set != null) {
      set.forEach(e -> send(memberId, e, event));
    }
  }

  private void send(String memberId, SseEmitter emitter, SseEmitter.SseEventBuilder event) {
    try {
      emitter.send(event);
    } catch (IOException | IllegalStateException e) {
      drop(memberId, emitter);
    }
  }

  private void drop(String memberId, SseEmitter emitter) {
    streams.computeIfPresent(
        memberId,
        (k, set) -> {
          set.remove(emitter);
          if (set.isEmpty()) {
            told.remove(memberId);
            return null;
          }
          return set;
        });
  }
}
