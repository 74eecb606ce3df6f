package io.stackpilot.wiring;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Kubernetes label-selector semantics over plain label maps, so that what a security service
 * protects and what a metrics service scrapes are decided without asking the API server.
 *
 * <ul>
 *   <li>An absent selector selects nothing; an empty one ({@code {}}) selects everything, as in
 *       Kubernetes.
 *   <li>matchLabels and every matchExpressions requirement must all hold.
 *   <li>In: the label is present with one of the values. NotIn: the label is absent, or present
 *       with none of the values. Exists: the label is present. DoesNotExist: the label is absent.
 *   <li>A requirement Kubernetes would reject (In or NotIn without values, Exists or DoesNotExist
 *       with values, an unknown operator, a missing key) selects nothing, as a selector that fails
 *       to parse does in Kubernetes, rather than being read generously.
 * </ul>
 */
public final class LabelSelectorMatcher {

  private LabelSelectorMatcher() {}

  public static boolean matches(LabelSelector selector, Map<String, String> labels) {
    if (selector == null) {
      return false;
    }
    Map<String, String> actual = Optional.ofNullable(labels).orElse(Map.of());
    boolean labelsMatch =
        Optional.ofNullable(selector.getMatchLabels()).orElse(Map.of()).entrySet().stream()
            .allMatch(
                required ->
                    required.getValue() != null
                        && required.getValue().equals(actual.get(required.getKey())));
    return labelsMatch
        && Optional.ofNullable(selector.getMatchExpressions()).orElse(List.of()).stream()
            .allMatch(requirement -> satisfies(requirement, actual));
  }

  private static boolean satisfies(
      LabelSelectorRequirement requirement, Map<String, String> labels) {
    String key = requirement.getKey();
    String operator = requirement.getOperator();
    if (key == null || operator == null) {
      return false;
    }
    List<String> values = Optional.ofNullable(requirement.getValues()).orElse(List.of());
    boolean present = labels.containsKey(key);
    return switch (operator) {
      case "In" -> !values.isEmpty() && present && values.contains(labels.get(key));
      case "NotIn" -> !values.isEmpty() && !(present && values.contains(labels.get(key)));
      case "Exists" -> values.isEmpty() && present;
      case "DoesNotExist" -> values.isEmpty() && !present;
      default -> false;
    };
  }
}
