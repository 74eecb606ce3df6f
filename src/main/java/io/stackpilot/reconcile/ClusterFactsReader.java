package io.stackpilot.reconcile;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.stackpilot.api.AlertWebhook;
import io.stackpilot.api.ChannelSpec;
import io.stackpilot.api.MediaLibrary;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.ServiceSpec;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.api.StackService;
import io.stackpilot.api.StorageSpec;
import io.stackpilot.validation.ClusterFacts;
import io.stackpilot.validation.ServiceRef;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Reads what the cross-object checks need, and no more: the Secrets, ConfigMaps and claims a spec
 * names (by key name only; values are dropped at once), and the dependsOn graph of the namespace
 * when the service has dependencies.
 */
final class ClusterFactsReader {

  /** A DNS subdomain, what Secrets, ConfigMaps and claims are named. */
  private static final java.util.regex.Pattern OBJECT_NAME =
      java.util.regex.Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

  private final KubernetesClient client;

  ClusterFactsReader(KubernetesClient client) {
    this.client = client;
  }

  /** The facts for a service, with the dependency graph taken from the namespace's services already read. */
  ClusterFacts forService(StackService service, Optional<ServiceStack> stack, Neighbourhood neighbourhood) {
    String namespace = service.getMetadata().getNamespace();
    ServiceSpec spec = service.serviceSpec();
    ClusterFacts facts = ClusterFacts.emptyCluster();
    if (spec == null) {
      return facts;
    }
    if (stack.isPresent()) {
      facts = facts.withStack(stack.get());
    }
    References refs = new References();
    refs.env(spec.getEnv());
    if (spec.getChannels() != null) {
      Stream.of(spec.getChannels().getStable(), spec.getChannels().getBeta()).filter(Objects::nonNull)
          .map(ChannelSpec::getEnv).forEach(refs::env);
    }
    stack.ifPresent(s -> refs.stackDefaults(s));
    if (spec.getExpose() != null && spec.getExpose().getTls() != null) {
      refs.secrets.add(spec.getExpose().getTls().getSecretName());
    }
    if (spec.getStorage() != null) {
      spec.getStorage().stream().map(StorageSpec::getExistingClaim)
          .filter(c -> c != null && !c.isEmpty()).forEach(refs.claims::add);
    }
    if (service instanceof MediaService media && media.getSpec().getMedia() != null
        && media.getSpec().getMedia().getLibraries() != null) {
      media.getSpec().getMedia().getLibraries().stream().map(MediaLibrary::getClaimName).filter(Objects::nonNull)
          .forEach(refs.claims::add);
    }
    facts = withReferenced(facts, namespace, refs);
    if (spec.getStorage() != null && spec.getStorage().stream().anyMatch(v -> Boolean.TRUE.equals(v.getSnapshotBeforeUpgrade()))) {
      try {
        facts = facts.withSnapshotApi(VolumeSnapshots.classes(client));
      } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
        if (e.getCode() != java.net.HttpURLConnection.HTTP_FORBIDDEN) {
          throw e;
        }
        // Confined to listed namespaces, the operator may not read cluster-scoped classes: skip the check.
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
    References refs = new References();
    refs.stackDefaults(stack);
    return withReferenced(ClusterFacts.emptyCluster(), stack.getMetadata().getNamespace(), refs);
  }

  /**
   * Only names an object can have are looked up: a spec may name anything (a megabyte of letters, a
   * slash), which cannot exist, and asking the API server for it fails the request, not the lookup.
   */
  private static boolean canBeAName(String name) {
    return name != null && name.length() <= 253 && OBJECT_NAME.matcher(name).matches();
  }

  private ClusterFacts withReferenced(ClusterFacts facts, String namespace, References refs) {
    refs.secrets.removeIf(name -> !canBeAName(name));
    refs.configMaps.removeIf(name -> !canBeAName(name));
    refs.claims.removeIf(name -> !canBeAName(name));
    for (String name : refs.secrets) {
      Secret secret = client.secrets().inNamespace(namespace).withName(name).get();
      if (secret != null) {
        facts = facts.withSecret(name, keys(secret.getData(), secret.getStringData()));
      }
    }
    for (String name : refs.configMaps) {
      var configMap = client.configMaps().inNamespace(namespace).withName(name).get();
      if (configMap != null) {
        facts = facts.withConfigMap(name, keys(configMap.getData(), configMap.getBinaryData()));
      }
    }
    for (String name : refs.claims) {
      if (client.persistentVolumeClaims().inNamespace(namespace).withName(name).get() != null) {
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
      List<ServiceRef> dependsOn = Optional.ofNullable(other.serviceSpec().getDependsOn()).orElse(List.of())
          .stream().map(ServiceRef::of).toList();
      facts = facts.withService(ServiceRef.of(other), dependsOn);
    }
    return facts;
  }

  private static String[] keys(java.util.Map<String, String> a, java.util.Map<String, ?> b) {
    Set<String> keys = new TreeSet<>();
    if (a != null) keys.addAll(a.keySet());
    if (b != null) keys.addAll(b.keySet());
    return keys.toArray(String[]::new);
  }

  /** The names a spec refers to, gathered before anything is read. */
  private static final class References {
    final Set<String> secrets = new TreeSet<>();
    final Set<String> configMaps = new TreeSet<>();
    final Set<String> claims = new TreeSet<>();

    void env(Collection<EnvVar> env) {
      if (env == null) {
        return;
      }
      for (EnvVar variable : env) {
        if (variable.getValueFrom() == null) {
          continue;
        }
        // A reference without a name is reported by validation; there is nothing to read for it.
        if (variable.getValueFrom().getSecretKeyRef() != null
            && variable.getValueFrom().getSecretKeyRef().getName() != null) {
          secrets.add(variable.getValueFrom().getSecretKeyRef().getName());
        }
        if (variable.getValueFrom().getConfigMapKeyRef() != null
            && variable.getValueFrom().getConfigMapKeyRef().getName() != null) {
          configMaps.add(variable.getValueFrom().getConfigMapKeyRef().getName());
        }
      }
    }

    void stackDefaults(ServiceStack stack) {
      if (stack.getSpec() == null) {
        return;
      }
      Stream.of(stack.getSpec().getBase(), stack.getSpec().getMedia(), stack.getSpec().getSecurity(),
          stack.getSpec().getMonitoring()).filter(Objects::nonNull).forEach(defaults -> {
            env(defaults.getEnv());
            Optional.ofNullable(defaults.getImagePullSecrets()).orElse(List.of()).stream()
                .map(LocalObjectReference::getName).filter(Objects::nonNull).forEach(secrets::add);
          });
      if (stack.getSpec().getAlerts() != null && stack.getSpec().getAlerts().getWebhooks() != null) {
        stack.getSpec().getAlerts().getWebhooks().stream().map(AlertWebhook::getUrlSecretRef)
            .filter(ref -> ref != null && ref.getName() != null).forEach(ref -> secrets.add(ref.getName()));
      }
    }
  }
}
