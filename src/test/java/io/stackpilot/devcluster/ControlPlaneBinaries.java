package io.stackpilot.devcluster;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Where scripts/k8s-binaries put the control-plane binaries: {@code
 * <base>/k8s/<version>-linux-amd64/}, the same layout io.fabric8:kube-api-test reads. The base is,
 * in order, the system property {@code stackpilot.k8s.dir}, the environment variable {@code
 * STACKPILOT_K8S_DIR}, or {@code ~/.cache/stackpilot}.
 */
public record ControlPlaneBinaries(Path directory) {

  public static final List<String> ALL =
      List.of(
          "etcd",
          "kube-apiserver",
          "kube-controller-manager",
          "kube-scheduler",
          "kubectl",
          "kwok",
          "helm");

  public static ControlPlaneBinaries locate(ToolVersions versions) {
    String base = System.getProperty("stackpilot.k8s.dir");
    if (base == null || base.isBlank()) {
      base = System.getenv("STACKPILOT_K8S_DIR");
    }
    if (base == null || base.isBlank()) {
      base = Path.of(System.getProperty("user.home"), ".cache", "stackpilot").toString();
    }
    return new ControlPlaneBinaries(Path.of(base, "k8s", versions.kubernetes() + "-linux-amd64"));
  }

  /** Fails with the command that fixes it when a binary is missing. */
  public ControlPlaneBinaries requireAll() {
    List<String> missing =
        ALL.stream().filter(b -> !Files.isExecutable(directory.resolve(b))).toList();
    if (!missing.isEmpty()) {
      throw new IllegalStateException(
          "The local control plane needs "
              + String.join(", ", missing)
              + " in "
              + directory
              + ". Build them with: make k8s-binaries (or scripts/k8s-binaries)");
    }
    return this;
  }

  public Path path(String binary) {
    return directory.resolve(binary);
  }
}
