package vn.digicell.member.statistics.messaging;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.listener.BatchListenerFailedException;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;
import vn.digicell.member.statistics.StatisticsCounters;
import vn.digicell.platform.events.AppliedEvents;
import vn.digicell.platform.events.InvalidEventException;
import vn.digicell.platform.events.ReceivedEvent;

/**
 * Keeps the pre-aggregated counters from member-service's own stream, each event applied once (by
 * subject and sequence). Records come in batches (a legacy import admits 100,000 members at once):
 * one read of the marks, one read of the members, one bulk write of the counters and one of the
 * marks per batch. The group carries the database name, so deployments (and test classes) sharing a
 * broker each count their own members.
 */
@Component
class CounterListener {

  static final String GROUP = "member-service-statistics";

  private final StatisticsCounters counters;
  private final AppliedEvents applied;

  CounterListener(StatisticsCounters counters, AppliedEvents applied) {
    this.counters = counters;
    this.applied = applied;
  }

  @KafkaListener(
      topics = "member.events",
      groupId = "#{'" + GROUP + "-' + @mongoTemplate.getDb().getName()}",
      batch = "true")
  void on(List<ConsumerRecord<String, byte[]>> records) {
    List<ReceivedEvent> counted = new ArrayList<>();
    for (int i = 0; i < records.size(); i++) {
      ReceivedEvent event;
      try {
        event = ReceivedEvent.from(records.get(i));
      } catch (InvalidEventException invalid) {
        // what came before is applied; the error handler dead-letters this one and goes on
        apply(counted);
        throw new BatchListenerFailedException("invalid event", invalid, i);
      }
      if (StatisticsCounters.counts(event.type())) {
        counted.add(event);
      }
    }
    apply(counted);
  }

  private void apply(List<ReceivedEvent> events) {
    applied.applyOnceEach(
        GROUP,
        events,
        fresh ->
            counters.applyAll(
                fresh.stream()
                    .map(
                        e ->
                            new StatisticsCounters.Change(
                                e.type(), JsonMapper.shared().readTree(e.data())))
                    .toList()));
  }
}
