package io.stackpilot.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.stackpilot.api.HistoryEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The revision history: newest first, one record per revision, at most ten, so it fits in one
 * ConfigMap, and it knows which content-addressed ConfigMaps must be kept for a rollback.
 */
class RevisionHistoryTest {

  private static final Instant T0 = Instant.parse("2026-03-01T02:00:00Z");

  @Test
  void emptyHistoryHasNothing() {
    RevisionHistory history = RevisionHistory.empty();

    assertThat(history.records()).isEmpty();
    assertThat(history.revisions()).isEmpty();
    assertThat(history.configMapNames()).isEmpty();
    assertThat(history.find("rev-1")).isEmpty();
  }

  @Test
  void recordedRevisionGoesToTheFront() {
    RevisionHistory history =
        RevisionHistory.empty().recorded(record("rev-1", 0)).recorded(record("rev-2", 1));

    assertThat(history.revisions()).containsExactly("rev-2", "rev-1");
  }

  @Test
  void recordingARevisionAgainReplacesItsOlderRecordAndMovesItToTheFront() {
    RevisionRecord newer = record("rev-1", 5).withResult(RevisionRecord.HEALTHY);
    RevisionHistory history =
        RevisionHistory.empty()
            .recorded(record("rev-1", 0))
            .recorded(record("rev-2", 1))
            .recorded(newer);

    assertThat(history.revisions()).containsExactly("rev-1", "rev-2");
    assertThat(history.find("rev-1")).contains(newer);
  }

  @Test
  void keepsOnlyTheTenNewest() {
    RevisionHistory history = RevisionHistory.empty();
    for (int i = 1; i <= 12; i++) {
      history = history.recorded(record("rev-" + i, i));
    }

    assertThat(history.records()).hasSize(RevisionHistory.LIMIT).hasSize(10);
    assertThat(history.revisions())
        .startsWith("rev-12")
        .endsWith("rev-3")
        .doesNotContain("rev-1", "rev-2");
  }

  @Test
  void aRunOfFailedRevisionsNeverPushesOutTheNewestHealthyOne() {
    RevisionHistory history =
        RevisionHistory.empty()
            .recorded(record("good-1", 0).withResult(RevisionRecord.HEALTHY))
            .recorded(record("good-2", 1).withResult(RevisionRecord.HEALTHY));
    for (int i = 1; i <= 12; i++) {
      history = history.recorded(record("bad-" + i, 10 + i).withResult(RevisionRecord.FAILED));
    }

    assertThat(history.records()).hasSize(RevisionHistory.LIMIT);
    assertThat(history.revisions())
        .as("newest first, the rollback target kept last")
        .startsWith("bad-12", "bad-11")
        .endsWith("bad-4", "good-2")
        .doesNotContain("good-1", "bad-3");
  }

  @Test
  void aRevisionTurningHealthyAloneIsNotWorthAWrite() {
    RevisionHistory stored = RevisionHistory.empty().recorded(record("rev-1", 0));

    assertThat(stored.withResult("rev-1", RevisionRecord.HEALTHY).onlyMarksHealthy(stored))
        .isTrue();
    assertThat(stored.onlyMarksHealthy(stored)).isTrue();
  }

  @Test
  void aNewRecordOrAFailureIsWorthAWrite() {
    RevisionHistory stored = RevisionHistory.empty().recorded(record("rev-1", 0));

    assertThat(stored.recorded(record("rev-2", 1)).onlyMarksHealthy(stored))
        .as("a new revision")
        .isFalse();
    assertThat(stored.withResult("rev-1", RevisionRecord.FAILED).onlyMarksHealthy(stored))
        .as("a revision quarantined")
        .isFalse();
    RevisionHistory failed = stored.withResult("rev-1", RevisionRecord.FAILED);
    assertThat(failed.withResult("rev-1", RevisionRecord.HEALTHY).onlyMarksHealthy(failed))
        .as("a failed revision healthy after all: the stored word was wrong")
        .isFalse();
    assertThat(
            RevisionHistory.empty()
                .recorded(record("rev-1", 5).withResult(RevisionRecord.HEALTHY))
                .onlyMarksHealthy(stored))
        .as("the same revision with another record")
        .isFalse();
  }

  @Test
  void reRecordingWithinAFullHistoryDropsNothingElse() {
    RevisionHistory history = historyOf(10);

    RevisionHistory again = history.recorded(record("rev-1", 20));

    assertThat(again.records()).hasSize(10);
    assertThat(again.revisions()).first().isEqualTo("rev-1");
    assertThat(again.revisions()).containsExactlyInAnyOrderElementsOf(history.revisions());
  }

  @Test
  void recordingLeavesTheOriginalHistoryAsItWas() {
    RevisionHistory history = historyOf(2);

    history.recorded(record("rev-3", 3));

    assertThat(history.revisions()).containsExactly("rev-2", "rev-1");
  }

  @Test
  void historyIsACopyOfTheListItWasMadeFrom() {
    List<RevisionRecord> records = new ArrayList<>(List.of(record("rev-1", 1)));
    RevisionHistory history = new RevisionHistory(records);

    records.add(record("rev-2", 2));

    assertThat(history.revisions()).containsExactly("rev-1");
  }

  @Test
  void withResultChangesTheResultOfThatRevisionOnly() {
    RevisionHistory history = historyOf(3);

    RevisionHistory marked = history.withResult("rev-2", RevisionRecord.FAILED);

    assertThat(marked.find("rev-2").orElseThrow().result()).isEqualTo(RevisionRecord.FAILED);
    assertThat(marked.find("rev-1").orElseThrow().result()).isEqualTo(RevisionRecord.PROGRESSING);
    assertThat(marked.find("rev-3").orElseThrow().result()).isEqualTo(RevisionRecord.PROGRESSING);
    assertThat(marked.revisions())
        .as("order is kept")
        .containsExactlyElementsOf(history.revisions());
    assertThat(marked.find("rev-2").orElseThrow())
        .usingRecursiveComparison()
        .ignoringFields("result")
        .isEqualTo(history.find("rev-2").orElseThrow());
  }

  @Test
  void withResultOfAnUnknownRevisionOrTheSameResultChangesNothing() {
    RevisionHistory history = historyOf(3);

    assertThat(history.withResult("rev-9", RevisionRecord.FAILED)).isEqualTo(history);
    assertThat(history.withResult("rev-1", RevisionRecord.PROGRESSING)).isEqualTo(history);
  }

  @Test
  void configMapNamesAreEveryRecordedRevisionsConfigMapsOnce() {
    RevisionHistory history =
        RevisionHistory.empty()
            .recorded(record("rev-1", 1, "app-cfg-aaa", "app-files-bbb"))
            .recorded(record("rev-2", 2, "app-cfg-ccc", "app-files-bbb"))
            .recorded(record("rev-3", 3));

    assertThat(history.configMapNames())
        .containsExactlyInAnyOrder("app-cfg-aaa", "app-files-bbb", "app-cfg-ccc");
  }

  @Test
  void configMapsOfARevisionThatFellOffTheEndAreNoLongerKept() {
    RevisionHistory history =
        RevisionHistory.empty().recorded(record("rev-0", 0, "app-cfg-oldest"));
    for (int i = 1; i <= 10; i++) {
      history = history.recorded(record("rev-" + i, i, "app-cfg-" + i));
    }

    assertThat(history.configMapNames()).hasSize(10).doesNotContain("app-cfg-oldest");
  }

  @Test
  void summaryListsRevisionImageChannelResultAndTimeNewestFirst() {
    RevisionHistory history = historyOf(2).withResult("rev-1", RevisionRecord.HEALTHY);

    List<HistoryEntry> summary = history.summary();

    assertThat(summary).extracting(HistoryEntry::getRevision).containsExactly("rev-2", "rev-1");
    assertThat(summary.get(1))
        .satisfies(
            entry -> {
              assertThat(entry.getImage()).isEqualTo("app:1");
              assertThat(entry.getChannel()).isEqualTo("stable");
              assertThat(entry.getResult()).isEqualTo(RevisionRecord.HEALTHY);
              assertThat(entry.getAppliedAt()).isEqualTo(T0.plusSeconds(1).toString());
            });
  }

  private static RevisionHistory historyOf(int count) {
    RevisionHistory history = RevisionHistory.empty();
    for (int i = 1; i <= count; i++) {
      history = history.recorded(record("rev-" + i, i));
    }
    return history;
  }

  private static RevisionRecord record(String revision, int appliedSecond, String... configMaps) {
    SortedMap<String, SortedMap<String, String>> data = new TreeMap<>();
    IntStream.range(0, configMaps.length)
        .forEach(i -> data.put(configMaps[i], new TreeMap<>(Map.of("KEY", "value-" + i))));
    return new RevisionRecord(
        revision,
        "app:" + appliedSecond,
        "stable",
        T0.plusSeconds(appliedSecond).toString(),
        RevisionRecord.PROGRESSING,
        template(revision),
        data);
  }

  private static PodTemplateSpec template(String revision) {
    return new PodTemplateSpecBuilder()
        .withNewMetadata()
        .addToLabels("stackpilot.io/revision", revision)
        .endMetadata()
        .withNewSpec()
        .addNewContainer()
        .withName("app")
        .withImage("app")
        .endContainer()
        .endSpec()
        .build();
  }
}
