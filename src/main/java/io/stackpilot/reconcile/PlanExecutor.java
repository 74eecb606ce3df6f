package io.stackpilot.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.stackpilot.lifecycle.RevisionHistory;
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
import java.util.function.Function;

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

  /**
   * Writes the plan. For a service with nothing running yet the objects go first and the history
   * only once they are taken, so that a refusal the dry run did not foresee (another controller
   * took an object meanwhile) leaves the revision unrecorded and the next pass asks again.
   * Otherwise the history goes first, so that a revision is on record before it runs.
   */
  Refusal carryOut(ObservedService<?> observed, ApplyPlan plan) {
    if (observed.deployment().isEmpty()) {
      Refusal refused = applyUnasked(observed, plan.objects());
      if (refused.refused()) {
        return refused;
      }
      writeHistory(observed, plan);
    } else {
      writeHistory(observed, plan);
      for (HasMetadata object : plan.objects()) {
        operator.applier().apply(object, actual(observed, object), observed.context());
      }
    }
    for (HasMetadata stale :
        StaleObjects.of(observed.prunable(), plan.objects(), plan.exposureWithheld())) {
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
    return Refusal.NONE;
  }

  /**
   * Writes the history once per revision: a revision turning Healthy is not written on its own (the
   * status says it, and the next record carries it), but what else the ConfigMap needs (its labels,
   * say) still is.
   */
  private void writeHistory(ObservedService<?> observed, ApplyPlan plan) {
    RevisionHistory stored =
        plan.history().onlyMarksHealthy(observed.history()) ? observed.history() : plan.history();
    operator
        .applier()
        .apply(
            HistoryStore.render(observed.service(), plan.historyLabels(), stored),
            observed.configMaps().stream()
                .filter(
                    c -> c.getMetadata().getName().equals(HistoryStore.name(observed.service())))
                .findFirst(),
            observed.context());
  }

  /**
   * Applies each object, the refusals told as {@link #refusals} tells them, and stops at the first
   * refusal: nothing after a refused object is applied.
   */
  private Refusal applyUnasked(ObservedService<?> observed, List<HasMetadata> objects) {
    return refusals(
        observed,
        objects,
        object ->
            operator.applier().applyOrRefusal(object, actual(observed, object), observed.context()),
        true);
  }

  /**
   * Asks {@code ask} of each object (a dry run, or the apply itself) and turns the API server's
   * refusals into findings. An object refused because another controller holds it (it would have
   * two controllers) is read back and told as the name being taken, looked at again until the other
   * one is gone. With {@code untilRefused} nothing after the first refused object is asked.
   */
  private Refusal refusals(
      ObservedService<?> observed,
      List<HasMetadata> objects,
      Function<HasMetadata, Optional<KubernetesClientException>> ask,
      boolean untilRefused) {
    List<Finding> refused = new ArrayList<>();
    for (HasMetadata object : objects) {
      Optional<KubernetesClientException> refusal = ask.apply(object);
      if (refusal.isEmpty()) {
        continue;
      }
      Optional<Finding> taken = takenBy(observed, object);
      if (taken.isPresent()) {
        return new Refusal(List.of(taken.get()), true);
      }
      refused.addAll(RefusedRendering.findings(object, refusal.get()));
      if (untilRefused) {
        break;
      }
    }
    return refused.isEmpty() ? Refusal.NONE : new Refusal(refused, false);
  }

  private Optional<Finding> takenBy(ObservedService<?> observed, HasMetadata object) {
    HasMetadata live = operator.client().resource(object).get();
    return NameOwnership.check(
        object.getKind(),
        object.getMetadata().getName(),
        observed.service().getMetadata().getUid(),
        live == null ? List.of() : live.getMetadata().getOwnerReferences());
  }

  /**
   * The beta canary goes when no rollout needs it: beta failed, was aborted or promoted, or the
   * channel is stable.
   */
  void deleteCanary(ObservedService<?> observed) {
    observed.deploymentNamed(Track.BETA.deploymentName(observed.name())).ifPresent(this::delete);
  }

  /**
   * Whether the service's Deployment belongs to another service. This controller's cache holds only
   * its kind's objects; the other kinds' Deployments are in the other controllers' caches ({@link
   * RenderedDeployments}), and only before those have synced is the API server read.
   */
  Optional<Finding> nameTaken(ObservedService<?> observed) {
    String name = observed.name();
    String namespace = observed.service().getMetadata().getNamespace();
    RenderedDeployments rendered = operator.renderedDeployments();
    Optional<Deployment> live =
        observed
            .deploymentNamed(name)
            .or(
                () ->
                    rendered.synced()
                        ? rendered.named(namespace, name)
                        : Optional.ofNullable(
                            operator
                                .client()
                                .apps()
                                .deployments()
                                .inNamespace(namespace)
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
   * again. Even a service with nothing running yet is asked first: applying its objects one by one
   * would leave those before a refused one in the cluster, and an invalid spec renders nothing. Its
   * first object, though, is applied before any other, so its own apply tells a refusal as well as
   * a dry run would and leaves nothing behind ({@link #carryOut} stops at the first refusal): it is
   * asked only when another object was refused, so that every finding is told at once. An object
   * refused because another controller holds it is told as the name being taken.
   */
  Refusal refusal(ObservedService<?> observed, List<HasMetadata> objects, boolean recorded) {
    List<Finding> missing = CompanionApi.missing(objects, operator.companionApis()::present);
    if (!missing.isEmpty()) {
      // Told at once when an API appears, unless the operator may not watch for it: then look
      // again.
      return new Refusal(missing, !operator.companionApis().watched());
    }
    if (recorded || objects.isEmpty()) {
      return Refusal.NONE;
    }
    Function<HasMetadata, Optional<KubernetesClientException>> dryRun =
        object -> operator.applier().refusal(object, actual(observed, object), observed.context());
    if (observed.deployment().isPresent()) {
      return refusals(observed, objects, dryRun, false);
    }
    Refusal others = refusals(observed, objects.subList(1, objects.size()), dryRun, false);
    if (!others.refused() || others.lookAgain()) {
      return others;
    }
    Refusal first = refusals(observed, objects.subList(0, 1), dryRun, false);
    if (first.lookAgain()) {
      return first;
    }
    List<Finding> all = new ArrayList<>(first.errors());
    all.addAll(others.errors());
    return new Refusal(all, false);
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
    if (CompanionWatch.watched(desired)) {
      // Cached once the API is there (CompanionWatch).
      return observed.prunable().stream()
          .filter(o -> o.getKind().equals(desired.getKind()))
          .filter(o -> o.getMetadata().getName().equals(desired.getMetadata().getName()))
          .map(o -> (R) o)
          .findFirst();
    }
    if (desired instanceof GenericKubernetesResource) {
      return Optional.ofNullable(operator.client().resource(desired).get());
    }
    return observed.context().getSecondaryResources((Class<R>) desired.getClass()).stream()
        .filter(o -> o.getMetadata().getName().equals(desired.getMetadata().getName()))
        .findFirst();
  }
}
