package io.stackpilot.validation;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.stackpilot.api.MalformedQuantity;
import java.util.List;
import java.util.Map;

/**
 * Requests, limits and env resource divisors that are not Kubernetes quantities. They come from
 * core/v1 types, which the CRD's schema takes as any string, so the API server stores "1 Gi" as
 * readily as "1Gi"; but it refuses the Deployment that would carry it. Reported here, on the field,
 * instead of as a failing rollout.
 */
final class QuantityChecks {

  private QuantityChecks() {}

  /**
   * @param path the resources field, e.g. {@code spec.resources}
   */
  static void resources(String path, ResourceRequirements resources, Findings findings) {
    if (resources == null) {
      return;
    }
    quantities(path + ".requests", resources.getRequests(), findings);
    quantities(path + ".limits", resources.getLimits(), findings);
  }

  /**
   * @param path the env list, e.g. {@code spec.env}
   */
  static void env(String path, List<EnvVar> env, Findings findings) {
    List<EnvVar> variables = Nulls.list(env);
    for (int i = 0; i < variables.size(); i++) {
      EnvVar variable = variables.get(i);
      if (variable.getValueFrom() != null
          && variable.getValueFrom().getResourceFieldRef() != null) {
        report(
            path + "[" + i + "].valueFrom.resourceFieldRef.divisor",
            variable.getValueFrom().getResourceFieldRef().getDivisor(),
            findings);
      }
    }
  }

  /** One quantity, e.g. an emptyDir's sizeLimit; absent is fine. */
  static void quantity(String field, Quantity quantity, Findings findings) {
    if (quantity != null) {
      report(field, quantity, findings);
    }
  }

  private static void quantities(String path, Map<String, Quantity> quantities, Findings findings) {
    Nulls.map(quantities)
        .forEach((resource, quantity) -> report(path + "." + resource, quantity, findings));
  }

  private static void report(String field, Quantity quantity, Findings findings) {
    if (quantity instanceof MalformedQuantity malformed) {
      findings.error(
          field,
          field
              + " is \""
              + shortened(malformed.text())
              + "\", which is not a Kubernetes quantity:"
              + " write a number with an optional suffix, such as 500m, 256Mi or 2");
    }
  }

  /** Enough of the value to recognise it; a status must stay small whatever the spec holds. */
  private static String shortened(String text) {
    return text.length() <= 40 ? text : text.substring(0, 40) + "...";
  }
}
