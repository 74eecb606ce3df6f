package io.stackpilot.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.stackpilot.render.StaleObjects;
import io.stackpilot.render.Track;
import io.stackpilot.validation.Finding;
import io.stackpilot.validation.NameOwnership;
import io.stackpilot.wiring.CompanionApi;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Carries out what the steps decide about the objects a service owns, writing only what differs
 * from the cluster: applies with server-side apply, then deletes what is no longer wanted (an
 * Ingress or NetworkPolicy the spec dropped, ConfigMaps no recorded revision mounts, a canary no
 * rollout needs).
 *
 * <p>These objects are written by hand rather than as JOSDK dependent resources because one
 * rendering decides them all together: the revision recovery picks (possibly an old one restored
 * from history), claims rebound to restored data, an Ingress withheld until its protector is Ready,
 * and a dry run of a revision before its first apply. Dependent resources would each render on
 * their own.
 */
final class PlanExecutor {

  private final OperatorContext operator;

  PlanExecutor(OperatorContext operator) {
    this.operator = operator;
  }

  void carryOut(ObservedService<?> observed, ApplyPlan plan) {
    operator
        .applier()
        .apply(
            HistoryStore.render(observed.service(), plan.historyLabels(), plan.history()),
            observed.configMaps().stream()
                .filter(
                    c -> c.getMetadata().getName().equals(HistoryStore.name(observed.service())))
                .findFirst(),
            observed.context());
    for (HasMetadata object : plan.objects()) {
      operator.applier().apply(object, actual(observed, object), observed.context());
    }
    for (HasMetadata stale :
        StaleObjects.of(observed.exposure(), plan.objects(), plan.exposureWithheld())) {
      delete(stale);
    }
    if (plan.deleteCanary()) {
      deleteCanary(observed);
    }
    Set<String> keep = new HashSet<>(plan.history().configMapNames());
    plan.rendered().stream()
        .filter(ConfigMap.class::isInstance)
        .forEach(c -> keep.add(c.getMetadata().getName()));
    for (ConfigMap map : observed.configMaps()) {
      if (!HistoryStore.isHistory(map) && !keep.contains(map.getMetadata().getName())) {
        delete(map);
      }
    }
  }

  /**
   * The beta canary goes when no rollout needs it: beta failed, was aborted or promoted, or the
   * channel is stable.
   */
  void deleteCanary(ObservedService<?> observed) {
    observed.deploymentNamed(Track.BETA.deploymentName(observed.name())).ifPresent(this::delete);
  }

  /**
   * Whether the service's Deployment belongs to another service. The cache holds only this kind's
   * objects, so one missing from it is read from the API server: that happens before the first
   * rollout, not at rest.
   */
  Optional<Finding> nameTaken(ObservedService<?> observed) {
    String name = observed.name();
    Optional<Deployment> live =
        observed
            .deploymentNamed(name)
            .or(
                () ->
                    Optional.ofNullable(
                        operator
                            .client()
                            .apps()
                            .deployments()
                            .inNamespace(observed.service().getMetadata().getNamespace())
                            .withName(name)
                            .get()));
    return NameOwnership.check(
        "Deployment",
        name,
        observed.service().getMetadata().getUid(),
        live.map(d -> d.getMetadata().getOwnerReferences()).orElse(List.of()));
  }

  /**
   * What stops the objects of a revision from being applied: a missing companion API, or the API
   * server's refusal.
   */
  record Refusal(List<Finding> errors, boolean lookAgain) {
    static final Refusal NONE = new Refusal(List.of(), false);

    boolean refused() {
      return !errors.isEmpty();
    }
  }

  /**
   * A revision never applied before is first shown to the API server in a dry run: core/v1 checks
   * what the CRD cannot (tolerations, env sources, quantities, sizes), and a refusal then is an
   * invalid spec like any other, reported in status while what runs keeps running, rather than an
   * apply that fails on every reconcile. A recorded revision was applied once, so it is not asked
   * again.
   */
  Refusal refusal(ObservedService<?> observed, List<HasMetadata> objects, boolean recorded) {
    List<Finding> missing = CompanionApi.missing(objects, operator.companionApis()::present);
    if (!missing.isEmpty()) {
      // Told at once when an API appears, unless the operator may not watch for it: then look
      // again.
      return new Refusal(missing, !operator.companionApis().watched());
    }
    if (recorded) {
      return Refusal.NONE;
    }
    List<Finding> refused = new ArrayList<>();
    for (HasMetadata object : objects) {
      operator
          .applier()
          .refusal(object, actual(observed, object), observed.context())
          .ifPresent(refusal -> refused.addAll(RefusedRendering.findings(object, refusal)));
    }
    return refused.isEmpty() ? Refusal.NONE : new Refusal(refused, false);
  }

  private void delete(HasMetadata object) {
    operator.client().resource(object).delete();
    operator.writes().record(object.getClass().getSimpleName() + "/delete");
  }

  /**
   * The object as it is in the cluster: kinds Stackpilot watches from the caches, others (a Traefik
   * Middleware) read.
   */
  @SuppressWarnings("unchecked")
  private <R extends HasMetadata> Optional<R> actual(ObservedService<?> observed, R desired) {
    if (desired instanceof GenericKubernetesResource) {
      return Optional.ofNullable(operator.client().resource(desired).get());
    }
    return observed.context().getSecondaryResources((Class<R>) desired.getClass()).stream()
        .filter(o -> o.getMetadata().getName().equals(desired.getMetadata().getName()))
        .findFirst();
  }
}
