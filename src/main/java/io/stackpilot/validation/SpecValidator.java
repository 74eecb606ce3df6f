package io.stackpilot.validation;

import io.stackpilot.api.ServiceStack;
import io.stackpilot.api.StackService;

/**
 * The operator's validation of specs (docs/design.md, Validation point 2): the semantic and
 * cross-object checks that the CRD's schema and CEL rules cannot make. A pure function of the
 * object and the cluster facts the reconciler read; it collects every error and warning instead of
 * stopping at the first.
 *
 * <p>With {@link ClusterFacts#offline()} only the checks that need nothing but the object run, as
 * {@code stackpilot validate} does on files.
 */
public final class SpecValidator {

  private SpecValidator() {}

  /** Validates a MediaService, SecurityService or MonitoringService. */
  public static ValidationReport validateService(StackService service, ClusterFacts facts) {
    Findings findings = new Findings();
    if (service.serviceSpec() == null) {
      // Only a resource stored before the CRD required spec can get here; nothing else can be
      // checked.
      findings.error(
          "spec", "spec is missing: a service needs at least spec.channels.stable.image");
      return findings.report();
    }
    StackLayer stack = StackLayer.of(service, facts);
    SingleObjectChecks.check(service, findings);
    EffectiveSettingsChecks.check(service, stack, findings);
    if (facts.online()) {
      CrossObjectChecks.check(service, stack, facts, findings);
    }
    return findings.report();
  }

  /** Validates a ServiceStack; its {@link ClusterFacts#stack()} is not used. */
  public static ValidationReport validateStack(ServiceStack stack, ClusterFacts facts) {
    Findings findings = new Findings();
    StackChecks.singleObject(stack, findings);
    if (facts.online()) {
      StackChecks.crossObject(stack, facts, findings);
    }
    return findings.report();
  }
}
