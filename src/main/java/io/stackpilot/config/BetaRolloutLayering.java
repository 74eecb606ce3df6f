package io.stackpilot.config;

import io.stackpilot.api.BetaRolloutSpec;
import io.stackpilot.api.PromotionPolicy;
import io.stackpilot.api.RolloutStage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The effective beta rollout. The stages are one value, not merged by name: they only make sense as
 * a whole (rising percents that end at 100), so the service's list replaces the built-in one.
 */
final class BetaRolloutLayering {

  private BetaRolloutLayering() {}

  static List<RolloutStageSettings> stages(
      BetaRolloutSpec rollout, String location, Map<String, Layer> provenance) {
    var stages = new LayeredValue<>("betaStages", BuiltInDefaults.BETA_STAGES, provenance);
    if (rollout != null && rollout.getStages() != null && !rollout.getStages().isEmpty()) {
      stages.set(Layer.SERVICE, parse(rollout.getStages(), location + ".betaRollout.stages"));
    }
    return stages.value();
  }

  static PromotionPolicy promotion(BetaRolloutSpec rollout, Map<String, Layer> provenance) {
    var promotion = new LayeredValue<>("promotion", BuiltInDefaults.PROMOTION, provenance);
    if (rollout != null) {
      promotion.set(Layer.SERVICE, rollout.getPromotion());
    }
    return promotion.value();
  }

  private static List<RolloutStageSettings> parse(List<RolloutStage> stages, String field) {
    List<RolloutStageSettings> parsed = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      RolloutStage stage = stages.get(i);
      parsed.add(
          new RolloutStageSettings(
              stage.getName(),
              stage.getPercent(),
              Durations.parse(field + "[" + i + "].soak", stage.getSoak())));
    }
    return List.copyOf(parsed);
  }
}
