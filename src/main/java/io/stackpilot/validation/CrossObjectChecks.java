package io.stackpilot.validation;

import io.stackpilot.api.ChannelSpec;
import io.stackpilot.api.Channels;
import io.stackpilot.api.Dependency;
import io.stackpilot.api.ExposeSpec;
import io.stackpilot.api.MediaLibrary;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.MediaSpec;
import io.stackpilot.api.ServiceSpec;
import io.stackpilot.api.StackService;
import io.stackpilot.api.StorageSpec;
import io.stackpilot.api.TlsSpec;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Checks of what a service refers to in the cluster: its stack, Secrets, ConfigMaps, claims and the
 * services it depends on. They run only when the cluster is known.
 */
final class CrossObjectChecks {

  private CrossObjectChecks() {}

  static void check(StackService service, StackLayer stack, ClusterFacts facts, Findings findings) {
    ServiceSpec spec = service.serviceSpec();
    stackExists(spec, facts, findings);
    envReferencesExist(spec, facts, findings);
    pullSecretsExist(stack, facts, findings);
    tlsSecretExists(spec, facts, findings);
    claimsExist(service, facts, findings);
    SnapshotChecks.snapshotsPossible(service, stack, facts, findings);
    dependenciesExistWithoutCycles(service, facts, findings);
    nameIsNotTaken(facts, findings);
  }

  /**
   * Services of every kind render objects named after themselves (Deployment, Service, ConfigMaps),
   * so two of different kinds with one name would overwrite each other's; the one that came later
   * waits (and both, when neither came first).
   */
  private static void nameIsNotTaken(ClusterFacts facts, Findings findings) {
    facts.namesakes().stream()
        .sorted(Comparator.comparing(ServiceRef::toString))
        .forEach(
            first ->
                findings.error(
                    "metadata.name",
                    "metadata.name is taken: "
                        + first
                        + " has the same name and came first"
                        + " (or in the same second); services of different kinds render objects of the same names"
                        + " (a Deployment, a Service, ConfigMaps), so this one cannot run beside it: rename one of them"));
  }

  private static void stackExists(ServiceSpec spec, ClusterFacts facts, Findings findings) {
    if (!Nulls.isBlank(spec.getStack()) && facts.stack().isEmpty()) {
      findings.error(
          "spec.stack",
          "spec.stack names ServiceStack "
              + spec.getStack()
              + ", which does not exist in this namespace: create it, fix the name, or remove spec.stack");
    }
  }

  private static void envReferencesExist(ServiceSpec spec, ClusterFacts facts, Findings findings) {
    ObjectReferenceChecks.env("spec.env", spec.getEnv(), facts, findings);
    Optional<Channels> channels = Optional.ofNullable(spec.getChannels());
    channels
        .map(Channels::getStable)
        .map(ChannelSpec::getEnv)
        .ifPresent(
            env -> ObjectReferenceChecks.env("spec.channels.stable.env", env, facts, findings));
    channels
        .map(Channels::getBeta)
        .map(ChannelSpec::getEnv)
        .ifPresent(
            env -> ObjectReferenceChecks.env("spec.channels.beta.env", env, facts, findings));
  }

  /**
   * The pull secrets come from the stack's defaults, but the service's pods are the ones that fail.
   */
  private static void pullSecretsExist(StackLayer stack, ClusterFacts facts, Findings findings) {
    for (StackLayer.DefaultsBlock block : stack.defaults()) {
      String path = block.field() + ".imagePullSecrets";
      for (var missing :
          ObjectReferenceChecks.missingPullSecrets(
              path, block.defaults().getImagePullSecrets(), facts)) {
        findings.warning(
            "spec.stack",
            "spec.stack: "
                + stack.stackName()
                + " sets "
                + missing.field()
                + " to Secret "
                + missing.secretName()
                + ", which does not exist in this namespace, so images from"
                + " a private registry will fail to pull: create the Secret, or remove it from the stack");
      }
    }
  }

  /**
   * Without its certificate Secret the Ingress still works, with the controller's default
   * certificate.
   */
  private static void tlsSecretExists(ServiceSpec spec, ClusterFacts facts, Findings findings) {
    Optional.ofNullable(spec.getExpose())
        .map(ExposeSpec::getTls)
        .map(TlsSpec::getSecretName)
        .filter(name -> !facts.secretKeys().containsKey(name))
        .ifPresent(
            name ->
                findings.warning(
                    "spec.expose.tls.secretName",
                    "spec.expose.tls.secretName names"
                        + " Secret "
                        + name
                        + ", which does not exist in this namespace, so the Ingress serves a default"
                        + " certificate: create the Secret (e.g. with cert-manager), or fix the name"));
  }

  private static void claimsExist(StackService service, ClusterFacts facts, Findings findings) {
    List<StorageSpec> storage = Nulls.list(service.serviceSpec().getStorage());
    for (int i = 0; i < storage.size(); i++) {
      String claim = storage.get(i).getExistingClaim();
      if (!Nulls.isBlank(claim) && !facts.claimNames().contains(claim)) {
        String field = "spec.storage[" + i + "].existingClaim";
        findings.error(
            field,
            field
                + " names PersistentVolumeClaim "
                + claim
                + ", which does not exist in this"
                + " namespace, so the pod cannot start: create the claim, fix the name, or set size instead to"
                + " let Stackpilot create one");
      }
    }
    if (service instanceof MediaService media) {
      List<MediaLibrary> libraries =
          Optional.ofNullable(media.getSpec().getMedia())
              .map(MediaSpec::getLibraries)
              .orElse(List.of());
      for (int i = 0; i < libraries.size(); i++) {
        String claim = libraries.get(i).getClaimName();
        if (!facts.claimNames().contains(claim)) {
          String field = "spec.media.libraries[" + i + "].claimName";
          findings.error(
              field,
              field
                  + " names PersistentVolumeClaim "
                  + claim
                  + ", which does not exist in"
                  + " this namespace, so the pod cannot start: create the claim or fix the name");
        }
      }
    }
  }

  private static void dependenciesExistWithoutCycles(
      StackService service, ClusterFacts facts, Findings findings) {
    ServiceRef self = ServiceRef.of(service);
    List<Dependency> dependsOn = Nulls.list(service.serviceSpec().getDependsOn());
    for (int i = 0; i < dependsOn.size(); i++) {
      Dependency dependency = dependsOn.get(i);
      if (dependency.getKind() == null || dependency.getName() == null) {
        continue; // the CRD requires both; the schema check reports files that lack them
      }
      ServiceRef target = ServiceRef.of(dependency);
      String field = "spec.dependsOn[" + i + "]";
      if (target.equals(self)) {
        continue; // reported by the single-object checks
      }
      if (!facts.dependencies().containsKey(target)) {
        // GitOps tools apply in no set order, so a dependency may simply not be there yet: a new
        // revision waits for it, and the warning says so in case the name is wrong.
        findings.warning(
            field,
            field
                + " names "
                + target
                + ", which does not exist in this namespace (yet):"
                + " new revisions wait until it exists and is Ready; create it, or fix the kind or name");
        continue;
      }
      DependencyCycles.through(self, target, facts.dependencies())
          .ifPresent(
              cycle -> {
                String path =
                    cycle.stream().map(ServiceRef::toString).collect(Collectors.joining(" -> "));
                findings.error(
                    field,
                    field
                        + " ("
                        + target
                        + ") closes a dependency cycle "
                        + path
                        + ": services in a cycle wait for each other forever; remove one of these dependencies");
              });
    }
  }
}
