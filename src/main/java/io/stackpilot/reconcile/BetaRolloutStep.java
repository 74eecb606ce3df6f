package io.stackpilot.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.stackpilot.api.RolloutStatus;
import io.stackpilot.api.ServiceStatus;
import io.stackpilot.config.EffectiveService;
import io.stackpilot.health.DeploymentObservation;
import io.stackpilot.health.HealthAssessment;
import io.stackpilot.health.HealthAssessor;
import io.stackpilot.health.PodObservation;
import io.stackpilot.lifecycle.BetaRolloutDecider;
import io.stackpilot.lifecycle.RolloutInput;
import io.stackpilot.lifecycle.RolloutMode;
import io.stackpilot.lifecycle.RolloutPlan;
import io.stackpilot.render.Labels;
import io.stackpilot.render.RenderedService;
import io.stackpilot.render.ServiceRenderer;
import io.stackpilot.render.Track;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shell side of a beta rollout: reads how beta is doing from the cluster, asks the pure decider
 * for the step, and renders the objects of that step (stable, a beta canary beside it, or beta
 * swapped in).
 */
final class BetaRolloutStep {

  static final String PAUSE_ANNOTATION = "stackpilot.io/pause";
  static final String ABORT_ANNOTATION = "stackpilot.io/abort";
  static final String PROMOTE_ANNOTATION = "stackpilot.io/promote";

  /** The decided step, what to apply for it, and the rendering of beta on the main Deployment. */
  record Step(
      RolloutPlan plan,
      RenderedService main,
      Optional<Deployment> canary,
      RenderedService betaMain,
      RenderedService stable) {

    List<HasMetadata> objects() {
      List<HasMetadata> all = new ArrayList<>(stable.configMaps());
      betaMain.configMaps().stream()
          .filter(
              c ->
                  all.stream()
                      .noneMatch(o -> o.getMetadata().getName().equals(c.getMetadata().getName())))
          .forEach(all::add);
      for (HasMetadata object : main.objects()) {
        if (all.stream()
            .noneMatch(
                o ->
                    o.getKind().equals(object.getKind())
                        && o.getMetadata().getName().equals(object.getMetadata().getName()))) {
          all.add(object);
        }
      }
      canary.ifPresent(all::add);
      return all;
    }
  }

  private BetaRolloutStep() {}

  static Step decide(
      HasMetadata service,
      EffectiveService stable,
      EffectiveService beta,
      OwnerReference owner,
      ServiceStatus previous,
      Collection<Deployment> deployments,
      Collection<Pod> pods,
      Instant now) {
    RenderedService betaMain = ServiceRenderer.render(beta, owner);
    RolloutMode mode = ServiceRenderer.rolloutMode(beta);
    String name = service.getMetadata().getName();
    Optional<DeploymentObservation> betaDeployment =
        deployments.stream()
            .filter(
                d ->
                    d.getMetadata()
                        .getName()
                        .equals(
                            mode == RolloutMode.CANARY ? Track.BETA.deploymentName(name) : name))
            .findFirst()
            .map(DeploymentObservation::of);
    List<PodObservation> trackPods =
        pods.stream()
            .filter(
                p ->
                    p.getMetadata().getLabels() != null
                        && name.equals(p.getMetadata().getLabels().get(Labels.INSTANCE)))
            .map(PodObservation::of)
            .toList();
    HealthAssessment health =
        betaDeployment
            .map(d -> HealthAssessor.assess(betaMain.revision(), d, trackPods))
            .orElse(HealthAssessment.progressing("No beta pods yet"));

    Map<String, String> annotations =
        Optional.ofNullable(service.getMetadata().getAnnotations()).orElse(Map.of());
    RolloutPlan plan =
        BetaRolloutDecider.decide(
            new RolloutInput(
                betaMain.revision(),
                beta.image(),
                beta.betaStages(),
                beta.promotion(),
                beta.replicas(),
                mode,
                health,
                beta.recovery().failureWindow(),
                Optional.ofNullable(previous.getRollout())
                    .filter(r -> r.getRevision() != null)
                    .map(RolloutStatus.class::cast),
                Optional.ofNullable(previous.getQuarantine()).orElse(List.of()),
                "true".equals(annotations.get(PAUSE_ANNOTATION)),
                "true".equals(annotations.get(ABORT_ANNOTATION)),
                Optional.ofNullable(annotations.get(PROMOTE_ANNOTATION)),
                now));

    RenderedService stableMain =
        ServiceRenderer.render(stable, owner, Track.STABLE, plan.mainReplicas());
    RenderedService main =
        plan.betaOnMain()
            ? ServiceRenderer.render(beta, owner, Track.STABLE, plan.mainReplicas())
            : stableMain;
    Optional<Deployment> canary =
        plan.canaryReplicas() > 0
            ? Optional.of(
                ServiceRenderer.render(beta, owner, Track.BETA, plan.canaryReplicas()).deployment())
            : Optional.empty();
    return new Step(plan, main, canary, betaMain, stableMain);
  }
}
