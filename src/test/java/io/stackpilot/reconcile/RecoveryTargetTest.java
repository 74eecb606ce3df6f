package io.stackpilot.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.stackpilot.api.ChannelSpec;
import io.stackpilot.api.Channels;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.MediaServiceSpec;
import io.stackpilot.api.PortSpec;
import io.stackpilot.api.QuarantinedRevision;
import io.stackpilot.config.Layering;
import io.stackpilot.config.Overlays;
import io.stackpilot.lifecycle.DesiredRevision;
import io.stackpilot.lifecycle.RecoveryDecision;
import io.stackpilot.lifecycle.RecoveryState;
import io.stackpilot.lifecycle.RevisionHistory;
import io.stackpilot.lifecycle.RevisionRecord;
import io.stackpilot.render.RenderedService;
import io.stackpilot.render.RevisionSnapshots;
import io.stackpilot.render.ServiceRenderer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * What a recovery decision applies and records, without a cluster: the desired revision as
 * rendered, a rollback as the recorded revision exactly, a restart stamped on the revision it
 * restarts, and the history marking what failed and what was healthy.
 */
class RecoveryTargetTest {

  private static final KubernetesSerialization JSON = new KubernetesSerialization();
  private static final Instant T0 = Instant.parse("2026-03-01T02:00:00Z");
  private static final OwnerReference OWNER =
      new OwnerReferenceBuilder()
          .withApiVersion("stackpilot.io/v1alpha1")
          .withKind("MediaService")
          .withName("sonarr")
          .withUid("uid-1")
          .withController(true)
          .build();

  private final RenderedService good = render("lscr.io/linuxserver/sonarr:4.0.14");
  private final RenderedService bad = render("lscr.io/linuxserver/sonarr:4.0.15");
  private final DesiredRevision wanted =
      new DesiredRevision(bad.revision(), "stable", "lscr.io/linuxserver/sonarr:4.0.15", 1);
  private final RevisionHistory goodRecorded =
      RevisionHistory.empty()
          .recorded(
              RevisionSnapshots.record(good, "stable", "lscr.io/linuxserver/sonarr:4.0.14", T0));

  @Test
  void applyingTheDesiredRevisionRecordsItOnceAndAppliesTheRendering() {
    RecoveryDecision apply =
        decision(
            bad.revision(),
            RecoveryDecision.Action.APPLY,
            RecoveryState.initial(),
            List.of(),
            Optional.empty());

    RevisionHistory history =
        RecoveryTarget.history(apply, bad, wanted, goodRecorded, T0.plusSeconds(60));

    assertThat(history.find(bad.revision()))
        .map(RevisionRecord::result)
        .contains(RevisionRecord.PROGRESSING);
    assertThat(history.records()).hasSize(2);
    assertThat(RecoveryTarget.history(apply, bad, wanted, history, T0.plusSeconds(90)))
        .as("recorded once: a second pass changes nothing")
        .isEqualTo(history);
    assertThat(RecoveryTarget.objects(apply, bad, wanted, history, OWNER)).isSameAs(bad);
  }

  @Test
  void aRollbackAppliesTheRecordedRevisionAndMarksBothResults() {
    RecoveryDecision rollBack =
        decision(
            good.revision(),
            RecoveryDecision.Action.ROLL_BACK,
            RecoveryState.initial(),
            List.of(quarantined(bad.revision())),
            Optional.of(good.revision()));
    RevisionHistory withBad =
        goodRecorded.recorded(RevisionSnapshots.record(bad, "stable", "bad", T0.plusSeconds(60)));

    RevisionHistory history =
        RecoveryTarget.history(rollBack, bad, wanted, withBad, T0.plusSeconds(120));
    RenderedService target = RecoveryTarget.objects(rollBack, bad, wanted, history, OWNER);

    assertThat(history.find(bad.revision()))
        .map(RevisionRecord::result)
        .contains(RevisionRecord.FAILED);
    assertThat(history.find(good.revision()))
        .map(RevisionRecord::result)
        .contains(RevisionRecord.HEALTHY);
    assertThat(target.revision()).isEqualTo(good.revision());
    // Compared as the API server receives them: a copy through JSON turns an absent map into an
    // empty one.
    assertThat(JSON.asJson(target.deployment().getSpec().getTemplate()))
        .isEqualTo(JSON.asJson(good.deployment().getSpec().getTemplate()));
  }

  @Test
  void aRollbackDoesNotRecordTheRevisionItLeaves() {
    RecoveryDecision rollBack =
        decision(
            good.revision(),
            RecoveryDecision.Action.ROLL_BACK,
            RecoveryState.initial(),
            List.of(),
            Optional.of(good.revision()));

    RevisionHistory history = RecoveryTarget.history(rollBack, bad, wanted, goodRecorded, T0);

    assertThat(history.find(bad.revision())).isEmpty();
  }

  @Test
  void aRestartStampsTheRevisionItRestartsAndNoOther() {
    Instant at = T0.plusSeconds(30);
    RecoveryState restarted = withRestart(good.revision(), at);
    RecoveryDecision restartGood =
        decision(
            good.revision(),
            RecoveryDecision.Action.RESTART,
            restarted,
            List.of(),
            Optional.empty());
    DesiredRevision wantGood =
        new DesiredRevision(good.revision(), "stable", "lscr.io/linuxserver/sonarr:4.0.14", 1);

    RenderedService target =
        RecoveryTarget.objects(restartGood, good, wantGood, goodRecorded, OWNER);
    RenderedService other =
        RecoveryTarget.objects(
            decision(
                bad.revision(),
                RecoveryDecision.Action.APPLY,
                restarted,
                List.of(),
                Optional.empty()),
            bad,
            wanted,
            goodRecorded,
            OWNER);

    assertThat(target.deployment().getSpec().getTemplate().getMetadata().getAnnotations())
        .containsEntry(RevisionSnapshots.RESTARTED_AT_ANNOTATION, at.toString());
    assertThat(other).as("the restart was of another revision").isSameAs(bad);
  }

  private static RecoveryDecision decision(
      String target,
      RecoveryDecision.Action action,
      RecoveryState state,
      List<QuarantinedRevision> quarantine,
      Optional<String> lastHealthy) {
    return new RecoveryDecision(
        target, action, state, quarantine, lastHealthy, List.of(), Optional.empty());
  }

  private static RecoveryState withRestart(String revision, Instant at) {
    RecoveryState initial = RecoveryState.initial();
    return new RecoveryState(
        RecoveryState.State.RESTARTING,
        1,
        Optional.of(at),
        initial.lastAction(),
        initial.lastActionTime(),
        initial.failingRevision(),
        initial.failingSince(),
        initial.failureDetectedAt(),
        initial.failureReason(),
        Optional.of(at),
        Optional.of(revision),
        initial.lastRetry());
  }

  private static QuarantinedRevision quarantined(String revision) {
    QuarantinedRevision q = new QuarantinedRevision();
    q.setRevision(revision);
    return q;
  }

  private static RenderedService render(String image) {
    MediaService service = new MediaService();
    service.setMetadata(new ObjectMetaBuilder().withName("sonarr").withNamespace("media").build());
    MediaServiceSpec spec = new MediaServiceSpec();
    ChannelSpec stable = new ChannelSpec();
    stable.setImage(image);
    Channels channels = new Channels();
    channels.setStable(stable);
    spec.setChannels(channels);
    PortSpec http = new PortSpec();
    http.setName("http");
    http.setPort(8989);
    spec.setPorts(List.of(http));
    spec.setConfig(Map.of("LOG_LEVEL", "info"));
    service.setSpec(spec);
    var effective =
        Layering.layer(
            service,
            Optional.empty(),
            Layering.selectedChannel(spec, Optional.empty()),
            Overlays.none());
    return ServiceRenderer.render(effective, OWNER);
  }
}
