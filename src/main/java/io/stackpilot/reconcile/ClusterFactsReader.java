package io.stackpilot.reconcile;

import io.fabric8.kubernetes.client.KubernetesClientException;
import io.stackpilot.api.ServiceSpec;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.api.StackService;
import io.stackpilot.validation.ClusterFacts;
import io.stackpilot.validation.ServiceRef;
import io.stackpilot.validation.SpecReferences;
import java.net.HttpURLConnection;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Gathers what the cross-object checks need, from memory: the Secrets, ConfigMaps and claims a spec
 * names (key names only, from {@link ReferencedObjects}), the snapshot API and its classes (from
 * {@link CompanionApis}), and the dependsOn graph of the namespace when the service has
 * dependencies. The same {@link SpecReferences} decide which changes of those objects wake the
 * service.
 */
final class ClusterFactsReader {

  private final ReferencedObjects referenced;
  private final CompanionApis companionApis;

  ClusterFactsReader(ReferencedObjects referenced, CompanionApis companionApis) {
    this.referenced = referenced;
    this.companionApis = companionApis;
  }

  /**
   * The facts for a service, with the dependency graph taken from the namespace's services already
   * read.
   */
  ClusterFacts forService(
      StackService service, Optional<ServiceStack> stack, Neighbourhood neighbourhood) {
    String namespace = service.getMetadata().getNamespace();
    ServiceSpec spec = service.serviceSpec();
    ClusterFacts facts = ClusterFacts.emptyCluster();
    if (spec == null) {
      return facts;
    }
    if (stack.isPresent()) {
      facts = facts.withStack(stack.get());
    }
    facts = withReferenced(facts, namespace, SpecReferences.ofService(service, stack));
    if (spec.getStorage() != null
        && spec.getStorage().stream()
            .anyMatch(v -> !Boolean.FALSE.equals(v.getSnapshotBeforeUpgrade()))) {
      try {
        facts = facts.withSnapshotApi(companionApis.snapshotClasses());
      } catch (KubernetesClientException e) {
        if (e.getCode() != HttpURLConnection.HTTP_FORBIDDEN) {
          throw e;
        }
        // Confined to listed namespaces, the operator may not read cluster-scoped classes: skip the
        // check.
      }
    }
    if (spec.getDependsOn() != null && !spec.getDependsOn().isEmpty()) {
      facts = withDependencyGraph(facts, neighbourhood);
    }
    for (StackService other : neighbourhood.services()) {
      if (cameFirstWithTheSameName(other, service)) {
        facts = facts.withNamesake(ServiceRef.of(other));
      }
    }
    return facts;
  }

  ClusterFacts forStack(ServiceStack stack) {
    return withReferenced(
        ClusterFacts.emptyCluster(),
        stack.getMetadata().getNamespace(),
        SpecReferences.ofStack(stack));
  }

  private ClusterFacts withReferenced(ClusterFacts facts, String namespace, SpecReferences refs) {
    for (String name : refs.secrets()) {
      Optional<Set<String>> keys = referenced.secretKeys(namespace, name);
      if (keys.isPresent()) {
        facts = facts.withSecret(name, keys.get().toArray(String[]::new));
      }
    }
    for (String name : refs.configMaps()) {
      Optional<Set<String>> keys = referenced.configMapKeys(namespace, name);
      if (keys.isPresent()) {
        facts = facts.withConfigMap(name, keys.get().toArray(String[]::new));
      }
    }
    for (String name : refs.claims()) {
      if (referenced.claimExists(namespace, name)) {
        facts = facts.withClaim(name);
      }
    }
    return facts;
  }

  /**
   * Another kind of service with this one's name, created before it or in the same second (creation
   * times have seconds only, so then neither can tell it came first, and both wait for a rename).
   */
  private static boolean cameFirstWithTheSameName(StackService other, StackService service) {
    return other.serviceKind() != service.serviceKind()
        && other.getMetadata().getName().equals(service.getMetadata().getName())
        && created(other).compareTo(created(service)) <= 0;
  }

  private static Instant created(StackService service) {
    String timestamp = service.getMetadata().getCreationTimestamp();
    return timestamp == null ? Instant.MAX : Instant.parse(timestamp);
  }

  private ClusterFacts withDependencyGraph(ClusterFacts facts, Neighbourhood neighbourhood) {
    for (StackService other : neighbourhood.services()) {
      List<ServiceRef> dependsOn =
          Optional.ofNullable(other.serviceSpec().getDependsOn()).orElse(List.of()).stream()
              .map(ServiceRef::of)
              .toList();
      facts = facts.withService(ServiceRef.of(other), dependsOn);
    }
    return facts;
  }
}
