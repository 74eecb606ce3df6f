package io.stackpilot.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LeaseWriteGateTest {

  private static final String LEASE =
      "/apis/coordination.k8s.io/v1/namespaces/ops/leases/stackpilot-leader";
  private static final String LEASES = "/apis/coordination.k8s.io/v1/namespaces/ops/leases";
  private static final String DEPLOYMENT = "/apis/apps/v1/namespaces/media/deployments/sonarr";

  private final AtomicLong clock = new AtomicLong(1_000_000_000L);
  private final LeaseWriteGate gate = new LeaseWriteGate("ops", Duration.ofSeconds(10), clock::get);

  private void advance(Duration by) {
    clock.addAndGet(by.toNanos());
  }

  private void renew(int answer) {
    gate.sending("PUT", LEASE);
    advance(Duration.ofMillis(30));
    gate.answered("PUT", LEASE, answer);
  }

  @Test
  void readsAlwaysPassAndWritesWaitForTheFirstRenewal() {
    assertThat(gate.mayWrite("GET", DEPLOYMENT)).isTrue();
    assertThat(gate.mayWrite("PATCH", DEPLOYMENT)).isFalse();
    assertThat(gate.mayWrite("POST", LEASES)).as("acquiring the lease").isTrue();
    assertThat(gate.mayWrite("PUT", LEASE)).as("renewing the lease").isTrue();
  }

  @Test
  void questionsPutAsCreationsAndDryRunsChangeNothingAndPass() {
    assertThat(gate.mayWrite("POST", "/apis/authorization.k8s.io/v1/selfsubjectrulesreviews"))
        .isTrue();
    assertThat(gate.mayWrite("POST", "/apis/authentication.k8s.io/v1/selfsubjectreviews")).isTrue();
    assertThat(gate.mayWrite("PATCH", DEPLOYMENT, "fieldManager=stackpilot&dryRun=All&force=true"))
        .isTrue();
    assertThat(gate.mayWrite("PATCH", DEPLOYMENT, "fieldManager=stackpilot&force=true")).isFalse();
  }

  @Test
  void aTakenCreationOfTheLeaseOpensTheGate() {
    gate.sending("POST", LEASES);
    gate.answered("POST", LEASES, 201);

    assertThat(gate.mayWrite("PATCH", DEPLOYMENT)).isTrue();
  }

  @Test
  void writesPassWhileRenewalsKeepComing() {
    renew(200);
    for (int i = 0; i < 10; i++) {
      advance(Duration.ofMillis(2_100));
      assertThat(gate.mayWrite("PATCH", DEPLOYMENT)).isTrue();
      assertThat(gate.mayWrite("DELETE", DEPLOYMENT)).isTrue();
      renew(200);
    }
  }

  @Test
  void aReplicaFrozenPastTheRenewDeadlineWritesNothingWhenItWakes() {
    renew(200);
    advance(Duration.ofSeconds(40)); // SIGSTOP, then SIGCONT

    assertThat(gate.mayWrite("PATCH", DEPLOYMENT)).isFalse();
    assertThat(gate.mayWrite("POST", "/api/v1/namespaces/media/events")).isFalse();
    assertThat(gate.sinceLastRenewal()).isGreaterThanOrEqualTo(Duration.ofSeconds(40));
    assertThat(gate.mayWrite("GET", DEPLOYMENT)).isTrue();
  }

  @Test
  void theDeadlineCountsFromWhenTheRenewalWasSentNotAnswered() {
    gate.sending("PUT", LEASE);
    advance(Duration.ofSeconds(9));
    gate.answered("PUT", LEASE, 200);
    advance(Duration.ofMillis(999));
    assertThat(gate.mayWrite("PATCH", DEPLOYMENT)).isTrue();
    advance(Duration.ofMillis(2));
    assertThat(gate.mayWrite("PATCH", DEPLOYMENT)).isFalse();
  }

  @Test
  void aRefusedOrUnansweredRenewalDoesNotExtendTheLeadership() {
    renew(200);
    advance(Duration.ofSeconds(5));
    renew(409); // another replica holds the lease now
    gate.sending("PUT", LEASE);
    gate.failed("PUT", LEASE);
    advance(Duration.ofSeconds(5));

    assertThat(gate.mayWrite("PATCH", DEPLOYMENT)).isFalse();
  }

  @Test
  void leasesOfOtherNamespacesAreWritesLikeAnyOther() {
    assertThat(gate.mayWrite("PUT", "/apis/coordination.k8s.io/v1/namespaces/media/leases/x"))
        .isFalse();
  }
}
