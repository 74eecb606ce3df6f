package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import java.util.List;

/** How the beta channel goes out: in stages, each gated by health and a soak time. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BetaRolloutSpec {

  @JsonPropertyDescription(
      "Stages in order; the percents may not decrease and the last stage reaches 100.")
  @Size(min = 1, max = 10)
  @ValidationRule(
      value = "self.all(a, self.exists_one(b, b.name == a.name))",
      message = "betaRollout.stages must have unique names: two stages share a name")
  @ValidationRule(
      value = "self[self.size() - 1].percent == 100",
      message =
          "the last stage of betaRollout.stages must reach percent 100, so beta ends up serving everything")
  private List<RolloutStage> stages;

  @JsonPropertyDescription(
      "Automatic makes beta live after the last stage; Manual waits for the annotation stackpilot.io/promote.")
  @Default(SchemaDefaults.PROMOTION)
  private PromotionPolicy promotion;

  public List<RolloutStage> getStages() {
    return stages;
  }

  public void setStages(List<RolloutStage> stages) {
    this.stages = stages;
  }

  public PromotionPolicy getPromotion() {
    return promotion;
  }

  public void setPromotion(PromotionPolicy promotion) {
    this.promotion = promotion;
  }
}
