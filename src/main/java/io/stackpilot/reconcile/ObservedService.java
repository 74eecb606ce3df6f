package io.stackpilot.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.stackpilot.api.ServiceSpec;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.api.ServiceStatus;
import io.stackpilot.api.StackService;
import io.stackpilot.api.StorageSpec;
import io.stackpilot.datasafety.ClaimObservation;
import io.stackpilot.datasafety.SnapshotEnvironment;
import io.stackpilot.health.DeploymentObservation;
import io.stackpilot.health.PodObservation;
import io.stackpilot.lifecycle.RevisionHistory;
import io.stackpilot.render.Labels;
import io.stackpilot.render.Track;
import io.stackpilot.validation.ClusterFacts;
import io.stackpilot.validation.SpecValidator;
import io.stackpilot.validation.ValidationReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What one reconcile of a service reads at its start, all from the informer caches, and then never
 * reads again: every step of the pass decides from this one view, so two steps cannot disagree
 * about what the cluster looked like.
 *
 * @param validation the spec checked against the cluster facts (stack, references, namesakes)
 * @param namesakes another kind of service has this name: nothing wakes this one when it goes away
 * @param deployment the service's own Deployment, as health sees it
 * @param prunable what the service owns of the kinds pruned once the spec no longer asks for them:
 *     Ingresses, NetworkPolicies, and, while their APIs are served, HTTPRoutes and ServiceMonitors
 * @param history the revisions recorded in the service's history ConfigMap
 * @param snapshots the snapshot classes and the drivers of the claims, for the snapshot defaults
 * @param found the status as the reconcile found it (an empty one for a new service)
 */
record ObservedService<
    S extends CustomResource<? extends ServiceSpec, ServiceStatus> & StackService>(
    S service,
    Context<S> context,
    Instant now,
    Optional<ServiceStack> stack,
    Neighbourhood neighbourhood,
    ValidationReport validation,
    boolean namesakes,
    List<Deployment> deployments,
    Optional<DeploymentObservation> deployment,
    List<Pod> pods,
    List<ConfigMap> configMaps,
    List<PersistentVolumeClaim> claims,
    List<HasMetadata> prunable,
    RevisionHistory history,
    SnapshotEnvironment snapshots,
    ServiceStatus found) {

  static <S extends CustomResource<? extends ServiceSpec, ServiceStatus> & StackService>
      ObservedService<S> observe(OperatorContext operator, S service, Context<S> context) {
    Optional<ServiceStack> stack = context.getSecondaryResource(ServiceStack.class);
    // The namespace's services are read once: validation, protection, scraping and dependencies all
    // use them.
    Neighbourhood neighbourhood = operator.neighbours().of(service.getMetadata().getNamespace());
    var facts = operator.factsReader().forService(service, stack, neighbourhood);
    List<Deployment> deployments = List.copyOf(context.getSecondaryResources(Deployment.class));
    List<ConfigMap> configMaps = List.copyOf(context.getSecondaryResources(ConfigMap.class));
    List<HasMetadata> prunable = new ArrayList<>(context.getSecondaryResources(Ingress.class));
    prunable.addAll(context.getSecondaryResources(NetworkPolicy.class));
    for (CompanionWatch watch : CompanionWatch.values()) {
      prunable.addAll(watch.ownedBy(operator, service, context));
    }
    List<PersistentVolumeClaim> claims =
        List.copyOf(context.getSecondaryResources(PersistentVolumeClaim.class));
    return new ObservedService<>(
        service,
        context,
        operator.clock().instant(),
        stack,
        neighbourhood,
        SpecValidator.validateService(service, facts),
        !facts.namesakes().isEmpty(),
        deployments,
        named(deployments, service.getMetadata().getName()).map(DeploymentObservation::of),
        List.copyOf(context.getSecondaryResources(Pod.class)),
        configMaps,
        claims,
        List.copyOf(prunable),
        HistoryStore.read(service, configMaps),
        snapshotEnvironment(operator, service, facts, claims),
        service.getStatus() == null ? new ServiceStatus() : service.getStatus());
  }

  /**
   * The snapshot classes as the checks read them (none when no volume may be snapshotted), and the
   * driver of every claim the service may mount: its own, and the users' it names.
   */
  private static SnapshotEnvironment snapshotEnvironment(
      OperatorContext operator,
      StackService service,
      ClusterFacts facts,
      List<PersistentVolumeClaim> claims) {
    if (!facts.snapshotApiKnown()) {
      return SnapshotEnvironment.NONE;
    }
    Map<String, String> drivers = new HashMap<>();
    for (PersistentVolumeClaim claim : claims) {
      SnapshotEnvironment.driverFrom(claim.getMetadata().getAnnotations())
          .ifPresent(driver -> drivers.put(claim.getMetadata().getName(), driver));
    }
    String namespace = service.getMetadata().getNamespace();
    for (StorageSpec storage :
        Optional.ofNullable(service.serviceSpec().getStorage()).orElse(List.of())) {
      String existing = storage.getExistingClaim();
      if (existing != null && !existing.isEmpty()) {
        operator
            .referenced()
            .claimDriver(namespace, existing)
            .ifPresent(driver -> drivers.put(existing, driver));
      }
    }
    return new SnapshotEnvironment(facts.snapshotClasses(), drivers);
  }

  String name() {
    return service.getMetadata().getName();
  }

  Optional<Deployment> deploymentNamed(String name) {
    return named(deployments, name);
  }

  /** The pods of the stable track (the service's own Deployment), as health sees them. */
  List<PodObservation> stablePods() {
    return pods.stream()
        .filter(
            p ->
                p.getMetadata().getLabels() != null
                    && name().equals(p.getMetadata().getLabels().get(Labels.INSTANCE))
                    && Track.STABLE.value().equals(p.getMetadata().getLabels().get(Labels.TRACK)))
        .map(PodObservation::of)
        .toList();
  }

  /** The service's claims, as data safety sees them. */
  List<ClaimObservation> claimObservations() {
    return DataSafetyStep.claimsOf(service, claims);
  }

  Optional<String> annotation(String key) {
    return Optional.ofNullable(service.getMetadata().getAnnotations())
        .map(annotations -> annotations.get(key));
  }

  private static Optional<Deployment> named(List<Deployment> deployments, String name) {
    return deployments.stream().filter(d -> d.getMetadata().getName().equals(name)).findFirst();
  }
}
