package io.stackpilot.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.StatusCause;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.stackpilot.validation.Finding;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The API server's refusal of an object rendered from a spec the checks let through (a toleration
 * with operator Maybe, an env source it does not know, requests above limits, config too large for
 * a ConfigMap: values core/v1 validates and the CRD's schema cannot), as validation errors. Each
 * names the spec field the refused field came from, as far as the rendering says, and quotes the
 * API server's own message, so the service reports Invalid instead of failing every reconcile
 * unseen.
 */
final class RefusedRendering {

  /**
   * By kind, rendered field prefixes and the spec fields they are rendered from, most specific
   * first; a field none matches is told as the kind's own spec field.
   */
  private static final Map<String, Map<String, String>> ORIGINS = origins();

  /** The spec field an object of the kind is rendered from as a whole. */
  private static final Map<String, String> KIND_ORIGINS =
      Map.of(
          "ConfigMap", "spec.config",
          "Service", "spec.service",
          "Ingress", "spec.expose",
          "PersistentVolumeClaim", "spec.storage",
          "ServiceMonitor", "spec.serviceMonitor");

  private static final int MESSAGE_LIMIT = 500;

  private RefusedRendering() {}

  static List<Finding> findings(HasMetadata object, KubernetesClientException refusal) {
    String what = object.getKind() + " " + object.getMetadata().getName();
    List<StatusCause> causes =
        refusal.getStatus() == null || refusal.getStatus().getDetails() == null
            ? List.of()
            : refusal.getStatus().getDetails().getCauses();
    List<Finding> findings = new ArrayList<>();
    if (causes == null || causes.isEmpty()) {
      String said =
          refusal.getStatus() == null ? refusal.getMessage() : refusal.getStatus().getMessage();
      findings.add(finding(origin(object, ""), what, shortened(said)));
      return findings;
    }
    for (StatusCause cause : causes) {
      String field = cause.getField() == null ? "" : cause.getField();
      findings.add(
          finding(origin(object, field), what, shortened(field + ": " + cause.getMessage())));
    }
    return findings;
  }

  private static Finding finding(String specField, String what, String said) {
    return new Finding(
        specField,
        specField
            + ": Kubernetes refuses the "
            + what
            + " rendered from this spec ("
            + said
            + "): fix "
            + specField
            + "; what runs keeps running");
  }

  private static String origin(HasMetadata object, String renderedField) {
    if ("ConfigMap".equals(object.getKind())) {
      return "spec.config";
    }
    return ORIGINS.getOrDefault(object.getKind(), Map.of()).entrySet().stream()
        .filter(e -> renderedField.startsWith(e.getKey()))
        .map(Map.Entry::getValue)
        .findFirst()
        .orElse(KIND_ORIGINS.getOrDefault(object.getKind(), "spec"));
  }

  private static String shortened(String text) {
    String value = String.valueOf(text);
    return value.length() <= MESSAGE_LIMIT ? value : value.substring(0, MESSAGE_LIMIT) + "...";
  }

  private static Map<String, Map<String, String>> origins() {
    Map<String, String> deployment = new LinkedHashMap<>();
    deployment.put("spec.template.spec.containers[0].env", "spec.env");
    deployment.put("spec.template.spec.containers[0].resources", "spec.resources");
    deployment.put("spec.template.spec.containers[0].ports", "spec.ports");
    deployment.put("spec.template.spec.containers[0].image", "spec.channels");
    deployment.put("spec.template.spec.tolerations", "spec.tolerations");
    deployment.put("spec.template.spec.nodeSelector", "spec.nodeSelector");
    deployment.put("spec.template.spec.volumes", "spec.storage");
    deployment.put("spec.template.metadata.annotations", "spec.podAnnotations");
    deployment.put("metadata.annotations", "spec.podAnnotations");
    deployment.put("spec.template.metadata.labels", "spec.stack");
    deployment.put("metadata.labels", "spec.stack");
    Map<String, String> service = new LinkedHashMap<>();
    service.put("spec.ports", "spec.ports");
    service.put("metadata.annotations", "spec.service.annotations");
    service.put("metadata.labels", "spec.stack");
    Map<String, String> ingress = new LinkedHashMap<>();
    ingress.put("metadata.annotations", "spec.expose.annotations");
    ingress.put("spec.tls", "spec.expose.tls");
    ingress.put("metadata.labels", "spec.stack");
    return Map.of("Deployment", deployment, "Service", service, "Ingress", ingress);
  }
}
