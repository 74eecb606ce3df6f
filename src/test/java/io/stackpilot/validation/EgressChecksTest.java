package io.stackpilot.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.stackpilot.api.EgressCidrSpec;
import io.stackpilot.api.EgressSpec;
import io.stackpilot.api.IsolationSpec;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.api.ServiceStackSpec;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EgressChecksTest {

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0/0", "192.168.1.0/24", "10.1.2.3/32", "::/0", "fd00::/8"})
  void rangesInCidrNotationPass(String cidr) {
    assertThat(findings(cidr, List.of())).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"192.168.1.0", "192.168.1.0/33", "300.1.1.1/8", "nas.home/24", "fd00::/129", "/8"})
  void anythingElseIsAnErrorOnTheFieldWithAnExample(String cidr) {
    List<Finding> findings = findings(cidr, List.of());

    assertThat(findings)
        .singleElement()
        .satisfies(
            finding -> {
              assertThat(finding.field()).isEqualTo("spec.isolation.egress.toCIDRs[0].cidr");
              assertThat(finding.message())
                  .contains("'" + cidr + "'")
                  .contains("e.g. 192.168.1.0/24");
            });
  }

  @Test
  void exceptionsMustLieInsideTheirRange() {
    List<Finding> findings =
        findings("10.0.0.0/8", List.of("10.1.0.0/16", "192.168.0.0/16", "fd00::/8", "10.0.0.0/x"));

    assertThat(findings)
        .extracting(Finding::field)
        .containsExactly(
            "spec.isolation.egress.toCIDRs[0].except[1]",
            "spec.isolation.egress.toCIDRs[0].except[2]",
            "spec.isolation.egress.toCIDRs[0].except[3]");
    assertThat(findings.get(0).message()).contains("is not inside 10.0.0.0/8").contains("widen");
  }

  private static List<Finding> findings(String cidr, List<String> except) {
    EgressCidrSpec range = new EgressCidrSpec();
    range.setCidr(cidr);
    range.setExcept(except);
    EgressSpec egress = new EgressSpec();
    egress.setToCIDRs(List.of(range));
    IsolationSpec isolation = new IsolationSpec();
    isolation.setEgress(egress);
    ServiceStackSpec spec = new ServiceStackSpec();
    spec.setIsolation(isolation);
    ServiceStack stack = new ServiceStack();
    stack.setMetadata(new ObjectMetaBuilder().withName("home").withNamespace("apps").build());
    stack.setSpec(spec);
    Findings findings = new Findings();
    EgressChecks.check(stack, findings);
    return findings.report().errors();
  }
}
