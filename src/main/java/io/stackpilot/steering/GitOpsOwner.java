package io.stackpilot.steering;

import java.util.Map;
import java.util.Optional;

/**
 * Which GitOps tool applies a resource, read from the marks the tools leave on what they apply. A
 * steering annotation written by hand on such a resource is not in its repository, so the next sync
 * may remove it, or it lingers unseen in the cluster; it belongs in the repository.
 */
public final class GitOpsOwner {

  private GitOpsOwner() {}

  /** The tool and its object, as a user would look them up; empty when no tool's mark is there. */
  public static Optional<String> of(Map<String, String> labels, Map<String, String> annotations) {
    Map<String, String> l = labels == null ? Map.of() : labels;
    Map<String, String> a = annotations == null ? Map.of() : annotations;
    if (l.containsKey("kustomize.toolkit.fluxcd.io/name")) {
      return Optional.of(
          "Flux Kustomization "
              + l.getOrDefault("kustomize.toolkit.fluxcd.io/namespace", "?")
              + "/"
              + l.get("kustomize.toolkit.fluxcd.io/name"));
    }
    if (l.containsKey("helm.toolkit.fluxcd.io/name")) {
      return Optional.of(
          "Flux HelmRelease "
              + l.getOrDefault("helm.toolkit.fluxcd.io/namespace", "?")
              + "/"
              + l.get("helm.toolkit.fluxcd.io/name"));
    }
    if (a.containsKey("argocd.argoproj.io/tracking-id")) {
      String id = a.get("argocd.argoproj.io/tracking-id");
      return Optional.of(
          "Argo CD Application " + (id.contains(":") ? id.substring(0, id.indexOf(':')) : id));
    }
    if (l.containsKey("argocd.argoproj.io/instance")) {
      return Optional.of("Argo CD Application " + l.get("argocd.argoproj.io/instance"));
    }
    return Optional.empty();
  }
}
