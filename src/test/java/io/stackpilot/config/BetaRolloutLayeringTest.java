package io.stackpilot.config;

import static io.stackpilot.config.Fixtures.layerAlone;
import static io.stackpilot.config.Fixtures.mediaService;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stackpilot.api.BetaRolloutSpec;
import io.stackpilot.api.PromotionPolicy;
import io.stackpilot.api.RolloutStage;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * The service's beta stages replace the built-in ones as a whole; promotion is a plain override.
 */
class BetaRolloutLayeringTest {

  @Test
  void withoutABetaRolloutTheBuiltInStagesAndAutomaticPromotionApply() {
    EffectiveService effective = layerAlone(mediaService(spec -> {}));

    assertThat(effective.betaStages())
        .containsExactly(
            new RolloutStageSettings("limited", 10, Duration.ofMinutes(10)),
            new RolloutStageSettings("extended", 50, Duration.ofMinutes(30)),
            new RolloutStageSettings("open", 100, Duration.ofHours(1)));
    assertThat(effective.promotion()).isEqualTo(PromotionPolicy.AUTOMATIC);
    assertThat(effective.provenance().of("betaStages")).contains(Layer.BUILT_IN);
    assertThat(effective.provenance().of("promotion")).contains(Layer.BUILT_IN);
  }

  @Test
  void theServicesStagesReplaceTheBuiltInOnesWhole() {
    EffectiveService effective =
        layerWithRollout(
            rollout ->
                rollout.setStages(List.of(stage("canary", 25, "5m"), stage("all", 100, "1h30m"))));

    assertThat(effective.betaStages())
        .containsExactly(
            new RolloutStageSettings("canary", 25, Duration.ofMinutes(5)),
            new RolloutStageSettings("all", 100, Duration.ofMinutes(90)));
    assertThat(effective.provenance().of("betaStages")).contains(Layer.SERVICE);
  }

  @Test
  void manualPromotionOfTheServiceKeepsTheBuiltInStages() {
    EffectiveService effective =
        layerWithRollout(rollout -> rollout.setPromotion(PromotionPolicy.MANUAL));

    assertThat(effective.promotion()).isEqualTo(PromotionPolicy.MANUAL);
    assertThat(effective.provenance().of("promotion")).contains(Layer.SERVICE);
    assertThat(effective.betaStages())
        .extracting(RolloutStageSettings::name)
        .containsExactly("limited", "extended", "open");
    assertThat(effective.provenance().of("betaStages")).contains(Layer.BUILT_IN);
  }

  @Test
  void anEmptyStageListIsNoStageList() {
    EffectiveService effective = layerWithRollout(rollout -> rollout.setStages(List.of()));

    assertThat(effective.betaStages()).hasSize(3);
    assertThat(effective.provenance().of("betaStages")).contains(Layer.BUILT_IN);
  }

  @Test
  void aBadSoakNamesTheStage() {
    List<RolloutStage> stages = List.of(stage("a", 50, "1m"), stage("b", 100, "later"));

    assertThatThrownBy(() -> layerWithRollout(rollout -> rollout.setStages(stages)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith(
            "MediaService sonarr: spec.betaRollout.stages[1].soak: 'later' is not a duration");
  }

  private static EffectiveService layerWithRollout(Consumer<BetaRolloutSpec> customize) {
    BetaRolloutSpec rollout = new BetaRolloutSpec();
    customize.accept(rollout);
    return layerAlone(mediaService(spec -> spec.setBetaRollout(rollout)));
  }

  private static RolloutStage stage(String name, int percent, String soak) {
    RolloutStage stage = new RolloutStage();
    stage.setName(name);
    stage.setPercent(percent);
    stage.setSoak(soak);
    return stage;
  }
}
