package io.stackpilot.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.ConditionBuilder;
import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconcileFailureTest {

  private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

  private static KubernetesClientException refused(int code, String message) {
    Status status = new StatusBuilder().withCode(code).withMessage(message).build();
    return new KubernetesClientException(status);
  }

  @Test
  void anUnreachableApiServerIsTransientAndLookedAtOften() {
    var error =
        new KubernetesClientException(
            "Failure executing: GET", new ConnectException("Connection refused"));

    ReconcileFailure failure = ReconcileFailure.of(error);

    assertThat(failure.terminal()).isFalse();
    assertThat(failure.reason()).isEqualTo(ReconcileFailure.UNREACHABLE);
    assertThat(failure.message()).contains("could not be reached", "Connection refused");
    assertThat(failure.retryAfter(1)).isEqualTo(Duration.ofSeconds(1));
    assertThat(failure.retryAfter(2)).isEqualTo(Duration.ofSeconds(2));
    assertThat(failure.retryAfter(50))
        .as("never longer than a few seconds")
        .isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void anAdmissionPolicysRefusalIsTheClustersNotTheSpecs() {
    ReconcileFailure failure =
        ReconcileFailure.of(
            refused(
                422,
                "deployments.apps \"sonarr\" is forbidden:"
                    + " ValidatingAdmissionPolicy 'no-deployments' with binding 'no-deployments' denied request: not today"));

    assertThat(failure.terminal()).isFalse();
    assertThat(failure.reason()).isEqualTo(ReconcileFailure.ADMISSION_DENIED);
    assertThat(failure.message())
        .contains("no-deployments", "not today", "change the policy or the spec");
    assertThat(
            ReconcileFailure.of(
                    refused(400, "admission webhook \"policy.example\" denied the request: no"))
                .reason())
        .isEqualTo(ReconcileFailure.ADMISSION_DENIED);
  }

  @Test
  void aSchemaRefusalIsTerminalAndWaitsLonger() {
    ReconcileFailure failure =
        ReconcileFailure.of(refused(422, "Deployment.apps \"x\" is invalid: spec.replicas: bad"));

    assertThat(failure.terminal()).isTrue();
    assertThat(failure.reason()).isEqualTo("Refused");
    assertThat(failure.retryAfter(20)).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void eachKindOfRefusalSaysWhatToDo() {
    assertThat(ReconcileFailure.of(refused(403, "forbidden: cannot list secrets")).message())
        .contains("grant it in the operator's role");
    assertThat(ReconcileFailure.of(refused(409, "the object has been modified")).reason())
        .isEqualTo("Conflict");
    assertThat(ReconcileFailure.of(refused(429, "too many requests")).reason())
        .isEqualTo("Throttled");
    assertThat(ReconcileFailure.of(refused(500, "etcd unavailable")).reason())
        .isEqualTo("ApiServerError");
    assertThat(ReconcileFailure.of(refused(500, "etcd unavailable")).terminal()).isFalse();
    assertThat(ReconcileFailure.of(refused(500, "x")).retryAfter(10))
        .isEqualTo(Duration.ofSeconds(30));
    ReconcileFailure starting =
        ReconcileFailure.of(refused(503, "paths not installed yet, please try again"));
    assertThat(starting.reason())
        .as("an API server starting up is looked at as often as one unreachable")
        .isEqualTo(ReconcileFailure.STARTING);
    assertThat(starting.retryAfter(10)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void aConflictIsTriedAgainAtOnceAndToldOnlyWhenItPersists() {
    ReconcileFailure conflict = ReconcileFailure.of(refused(409, "the object has been modified"));

    assertThat(conflict.retryAfter(1)).isEqualTo(Duration.ofMillis(100));
    assertThat(conflict.worthTelling(1)).isFalse();
    assertThat(conflict.worthTelling(3)).isFalse();
    assertThat(conflict.worthTelling(4)).isTrue();
    assertThat(conflict.retryAfter(4)).isGreaterThan(Duration.ofMillis(100));
    assertThat(ReconcileFailure.of(refused(503, "x")).worthTelling(1)).isTrue();
  }

  @Test
  void aMissingApiBehindAnObjectIsAwaited() {
    var error =
        new IllegalStateException(
            "Could not find a registered handler for item: [GenericKubernetesResource("
                + "apiVersion=traefik.io/v1alpha1, kind=Middleware)]");

    ReconcileFailure failure = ReconcileFailure.of(error);

    assertThat(failure.terminal()).isFalse();
    assertThat(failure.reason()).isEqualTo("ApiMissing");
    assertThat(failure.message()).contains("install it");
  }

  @Test
  void aFailureOfStackpilotItselfNeedsAPersonAndIsStillRetried() {
    ReconcileFailure failure = ReconcileFailure.of(new NullPointerException("boom"));

    assertThat(failure.terminal()).isTrue();
    assertThat(failure.reason()).isEqualTo("InternalError");
    assertThat(failure.message()).contains("NullPointerException", "boom", "report");
    assertThat(failure.retryAfter(100)).isPositive();
  }

  @Test
  void longMessagesAreCutAndTheSameCauseIsRecognised() {
    ReconcileFailure first = ReconcileFailure.of(refused(500, "x".repeat(2000)));
    ReconcileFailure again = ReconcileFailure.of(refused(500, "x".repeat(2000)));

    assertThat(first.message()).hasSizeLessThanOrEqualTo(403).endsWith("...");
    assertThat(first.sameAs(again)).isTrue();
    assertThat(first.sameAs(ReconcileFailure.of(refused(500, "other")))).isFalse();
  }

  @Test
  void aTransientFailureSaysWhatIsAwaitedAndKeepsWhatWasKnownOfReadiness() {
    Condition ready =
        new ConditionBuilder()
            .withType("Ready")
            .withStatus("True")
            .withReason("Healthy")
            .withObservedGeneration(3L)
            .withLastTransitionTime("2026-12-06T09:00:00Z")
            .build();
    ReconcileFailure failure = ReconcileFailure.of(refused(500, "etcd unavailable"));

    List<Condition> conditions = FailureConditions.of(List.of(ready), failure, 4, NOW);

    assertThat(Conditions.find(conditions, "Ready")).contains(ready);
    assertThat(Conditions.find(conditions, "Reconciling").orElseThrow())
        .extracting(Condition::getStatus, Condition::getReason, Condition::getObservedGeneration)
        .containsExactly("True", "ApiServerError", 4L);
    assertThat(Conditions.find(conditions, "Stalled").orElseThrow().getStatus()).isEqualTo("False");
  }

  @Test
  void aTerminalFailureOfANewResourceIsStalledAndNotReady() {
    ReconcileFailure failure =
        ReconcileFailure.of(refused(422, "Deployment.apps \"x\" is invalid"));

    List<Condition> conditions = FailureConditions.of(null, failure, 1, NOW);

    assertThat(Conditions.find(conditions, "Ready").orElseThrow().getStatus()).isEqualTo("False");
    assertThat(Conditions.find(conditions, "Stalled").orElseThrow())
        .extracting(Condition::getStatus, Condition::getReason)
        .containsExactly("True", "Refused");
    assertThat(Conditions.find(conditions, "Reconciling").orElseThrow().getStatus())
        .isEqualTo("False");
  }
}
