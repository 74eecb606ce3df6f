package io.stackpilot.wiring;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.stackpilot.api.SecurityService;
import io.stackpilot.api.SecurityServiceSpec;
import io.stackpilot.api.SecuritySpec;
import io.stackpilot.api.StackService;
import io.stackpilot.validation.ServiceRef;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Which security services protect a service: those whose spec.security.protects selects its labels.
 */
public final class Protection {

  private Protection() {}

  /**
   * The security services in the service's namespace whose protects selector matches the service's
   * metadata labels, sorted by name so that a caller that can use only one picks the same one every
   * time. A security service never protects itself: its own proxy cannot stand in front of it.
   */
  public static List<SecurityService> protectorsOf(
      StackService service, List<SecurityService> securityServices) {
    ServiceRef self = ServiceRef.of(service);
    return securityServices.stream()
        .filter(candidate -> SameNamespace.as(candidate, service))
        .filter(candidate -> !ServiceRef.of(candidate).equals(self))
        .filter(
            candidate ->
                LabelSelectorMatcher.matches(
                    protects(candidate), service.getMetadata().getLabels()))
        .sorted(Comparator.comparing(candidate -> candidate.getMetadata().getName()))
        .toList();
  }

  /** The security service's spec.security.protects selector, or null when it protects nothing. */
  public static LabelSelector protects(SecurityService securityService) {
    return Optional.ofNullable(securityService.getSpec())
        .map(SecurityServiceSpec::getSecurity)
        .map(SecuritySpec::getProtects)
        .orElse(null);
  }
}
