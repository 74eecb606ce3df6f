package io.stackpilot.render;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.stackpilot.config.EffectiveService;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The labels Stackpilot puts on what it renders, and the ones its selectors use. */
public final class Labels {

  public static final String NAME = "app.kubernetes.io/name";

  /**
   * On pods only, and in the Deployments' selectors, which are immutable: the objects Stackpilot
   * renders carried it until GitOps tools that track by it (Argo CD's label tracking) mistook them
   * for an Application of the same name, and would prune a service's claims. Top-level objects
   * carry {@link #SERVICE} instead; pods have owners, so no tool takes them for its own.
   */
  public static final String INSTANCE = "app.kubernetes.io/instance";

  /**
   * On a Service with a port named metrics, with the value {@code "true"}: what a stack's
   * ServiceMonitor selects.
   */
  public static final String METRICS = "stackpilot.io/metrics";

  /** The service an object was rendered for, on every object Stackpilot renders. */
  public static final String SERVICE = "stackpilot.io/service";

  public static final String PART_OF = "app.kubernetes.io/part-of";
  public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
  public static final String COMPONENT = "app.kubernetes.io/component";
  public static final String REVISION = "stackpilot.io/revision";
  public static final String KIND = "stackpilot.io/kind";

  /**
   * stable or beta: which Deployment a pod belongs to, so a beta canary and stable never share
   * pods.
   */
  public static final String TRACK = "stackpilot.io/track";

  public static final String MANAGER = "stackpilot";

  private Labels() {}

  /** Labels on every object rendered for a service, pods excepted (see {@link #pod}). */
  public static Map<String, String> standard(EffectiveService service) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(NAME, service.name());
    labels.put(SERVICE, service.name());
    labels.put(PART_OF, service.stack().orElse(MANAGER));
    labels.put(MANAGED_BY, MANAGER);
    labels.put(KIND, service.kind().value());
    return labels;
  }

  /**
   * A pod's labels on one track: exactly those pods had before {@link #SERVICE} came, so that an
   * upgrade of the operator changes no pod template and restarts nothing.
   */
  public static Map<String, String> pod(EffectiveService service, Track track) {
    Map<String, String> labels = new TreeMap<>();
    labels.put(NAME, service.name());
    labels.put(PART_OF, service.stack().orElse(MANAGER));
    labels.put(KIND, service.kind().value());
    labels.putAll(deploymentSelector(service, track));
    return labels;
  }

  /**
   * The standard labels of an object rendered earlier, without those that belong to one Deployment
   * or, on an object rendered before {@link #SERVICE}, to pods.
   */
  static Map<String, String> standardFrom(HasMetadata rendered) {
    Map<String, String> labels = new TreeMap<>(rendered.getMetadata().getLabels());
    labels.remove(TRACK);
    String instance = labels.remove(INSTANCE);
    if (instance != null) {
      labels.putIfAbsent(SERVICE, instance);
    }
    return labels;
  }

  /**
   * The service an object was rendered for: {@link #SERVICE}, or {@link #INSTANCE} on a pod or on
   * an object rendered before {@link #SERVICE} came and not yet applied again.
   */
  public static Optional<String> serviceOf(HasMetadata object) {
    Map<String, String> labels = object.getMetadata().getLabels();
    if (labels == null) {
      return Optional.empty();
    }
    return Optional.ofNullable(labels.getOrDefault(SERVICE, labels.get(INSTANCE)));
  }

  /** What the Kubernetes Service selects: every pod of the service, stable and beta alike. */
  public static Map<String, String> serviceSelector(EffectiveService service) {
    return podsOf(service.name());
  }

  /**
   * Every pod of the service named {@code serviceName}, stable and beta alike: how other objects (a
   * network policy admitting a peer) select a service's pods knowing only its name.
   */
  public static Map<String, String> podsOf(String serviceName) {
    return new TreeMap<>(Map.of(INSTANCE, serviceName, MANAGED_BY, MANAGER));
  }

  /** What one Deployment selects. Selectors are immutable, so the track is in it from the start. */
  public static Map<String, String> deploymentSelector(EffectiveService service, Track track) {
    return new TreeMap<>(
        Map.of(INSTANCE, service.name(), MANAGED_BY, MANAGER, TRACK, track.value()));
  }
}
