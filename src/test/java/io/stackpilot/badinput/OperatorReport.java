package io.stackpilot.badinput;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Reads what the operator reported about an object from its status: whether it has judged the
 * current generation yet, and whether it found it valid. docs/design.md (Status): an invalid
 * service is phase Invalid with ConfigValid=False and every error in status.validation naming its
 * field; a stack says so in its ConfigValid condition, field first.
 */
final class OperatorReport {

  private OperatorReport() {}

  /** The operator has judged the object as it is now. */
  static boolean judged(GenericKubernetesResource object) {
    Object observed = object.get("status", "observedGeneration");
    return observed != null
        && Objects.equals(((Number) observed).longValue(), object.getMetadata().getGeneration())
        && configValid(object).isPresent();
  }

  static boolean judgedInvalid(GenericKubernetesResource object) {
    return judged(object)
        && "False".equals(configValid(object).map(c -> c.get("status")).orElse(null));
  }

  static Optional<Map<String, Object>> configValid(GenericKubernetesResource object) {
    Object conditions = object.get("status", "conditions");
    if (!(conditions instanceof List<?> list)) {
      return Optional.empty();
    }
    return list.stream()
        .filter(Map.class::isInstance)
        .map(c -> castMap(c))
        .filter(c -> "ConfigValid".equals(c.get("type")))
        .findFirst();
  }

  /** Why an Invalid report is not what docs/design.md promises, or empty when it is. */
  static Optional<String> invalidReportProblem(FuzzKind kind, GenericKubernetesResource object) {
    if (!kind.isService()) {
      String message = String.valueOf(configValid(object).map(c -> c.get("message")).orElse(""));
      return message.startsWith("spec")
          ? Optional.empty()
          : Optional.of("the stack's ConfigValid message does not start with a field: " + message);
    }
    if (!"Invalid".equals(object.get("status", "phase"))) {
      return Optional.of("ConfigValid=False but phase " + object.get("status", "phase"));
    }
    Object errors = object.get("status", "validation", "errors");
    if (!(errors instanceof List<?> list) || list.isEmpty()) {
      return Optional.of("ConfigValid=False without errors in status.validation");
    }
    for (Object error : list) {
      Object field = error instanceof Map<?, ?> map ? map.get("field") : null;
      if (!(field instanceof String name)
          || !(name.startsWith("spec") || name.startsWith("metadata"))) {
        return Optional.of("a validation error names no field: " + error);
      }
    }
    return Optional.empty();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> castMap(Object map) {
    return (Map<String, Object>) map;
  }
}
