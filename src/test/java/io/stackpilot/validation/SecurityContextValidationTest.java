package io.stackpilot.validation;

import static io.stackpilot.validation.SpecValidator.validateService;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.api.MediaService;
import io.stackpilot.api.MonitoringService;
import org.junit.jupiter.api.Test;

/** The identity a service asks for must fit its security profile, wherever each was set. */
class SecurityContextValidationTest {

  @Test
  void rootUnderRestrictedIsAnErrorThatNamesTheProfileForImagesThatStartAsRoot() {
    ValidationReport report =
        validate(
            """
            securityProfile: Restricted
            securityContext: {runAsUser: 0}
            """);

    assertThat(report.errors())
        .extracting(Finding::field)
        .containsExactly("spec.securityContext.runAsUser");
    assertThat(report.errors().get(0).message())
        .contains("is 0, root (set by spec.securityContext.runAsUser)")
        .contains("securityProfile Restricted (set by spec.securityProfile)")
        .contains("StartsAsRoot");
    MonitoringService grafana =
        Specs.monitoring(
            "grafana",
            Specs.MINIMAL + "monitoring: {role: Dashboards}\nsecurityContext: {runAsUser: 0}\n");
    assertThat(validateService(grafana, ClusterFacts.offline()).errors())
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.message())
                    .contains("securityProfile Restricted (set by the built-in default)"));
    assertThat(validate("securityContext: {runAsUser: 0}\n").errors())
        .as("a media service starts as root by default")
        .isEmpty();
  }

  @Test
  void runAsNonRootFalseUnderRestrictedIsAnError() {
    assertThat(
            validate("securityProfile: Restricted\nsecurityContext: {runAsNonRoot: false}\n")
                .errors())
        .extracting(Finding::field)
        .containsExactly("spec.securityContext.runAsNonRoot");
  }

  @Test
  void eachProfileAddsOnlyTheCapabilitiesPodSecurityAllowsAtItsLevel() {
    ValidationReport restricted =
        validate(
            "securityProfile: Restricted\n"
                + "securityContext: {capabilities: {add: [NET_BIND_SERVICE, CHOWN]}}\n");
    ValidationReport baseline =
        validate(
            """
            securityProfile: StartsAsRoot
            securityContext: {capabilities: {add: [CHOWN, NET_ADMIN]}}
            """);
    ValidationReport privileged =
        validate(
            """
            securityProfile: Privileged
            securityContext: {capabilities: {add: [NET_ADMIN, SYS_ADMIN]}}
            """);

    assertThat(restricted.errors())
        .singleElement()
        .satisfies(
            e -> assertThat(e.message()).contains("has CHOWN").contains("NET_BIND_SERVICE only"));
    assertThat(baseline.errors())
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.message())
                    .contains("has NET_ADMIN")
                    .contains("securityProfile StartsAsRoot")
                    .contains("choose Privileged"));
    assertThat(privileged.errors()).isEmpty();
  }

  @Test
  void aCapabilityNameWithThePrefixOrInLowerCaseIsAnErrorEvenUnderPrivileged() {
    ValidationReport report =
        validate(
            """
            securityProfile: Privileged
            securityContext: {capabilities: {add: [CAP_NET_ADMIN, sys_time]}}
            """);

    assertThat(report.errors())
        .singleElement()
        .satisfies(
            e ->
                assertThat(e.message())
                    .contains("has CAP_NET_ADMIN, sys_time")
                    .contains("without the CAP_ prefix"));
  }

  @Test
  void rootUnderStartsAsRootOrBaselineIsFine() {
    assertThat(
            validate(
                    """
                    securityProfile: StartsAsRoot
                    securityContext: {runAsUser: 0, fsGroup: 1000, supplementalGroups: [44]}
                    """)
                .errors())
        .isEmpty();
  }

  private static ValidationReport validate(String fields) {
    MediaService sonarr = Specs.media("sonarr", Specs.MINIMAL + fields);
    return validateService(sonarr, ClusterFacts.offline());
  }
}
