package io.stackpilot.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.stackpilot.lifecycle.FailureConditions;
import io.stackpilot.lifecycle.ReconcileFailure;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Reports the failures the reconciles of a service or a stack meet and says when to try again: what
 * failed and what is awaited or to be done goes into the status (Reconciling or Stalled, see {@link
 * FailureConditions}) and a Warning Event, once per cause rather than at every retry; the back-off
 * comes from {@link ReconcileFailure}, and it never runs out. A streak that ends is told in a
 * Recovered Event, which is how a failure that could not be told while it lasted (the API server
 * was unreachable) reaches the user at all. The status found is kept but for Reconciling and
 * Stalled, observedGeneration included: nothing of the spec was acted on.
 */
final class FailureReporter {

  private static final Logger log = LoggerFactory.getLogger(FailureReporter.class);
  private final OperatorContext operator;

  FailureReporter(OperatorContext operator) {
    this.operator = operator;
  }

  /**
   * A reconcile threw; {@code writeStatus} writes the resource's status with the failure in it
   * (Reconciling or Stalled, see {@link FailureConditions}), and may throw when it cannot.
   */
  <R extends HasMetadata> ErrorStatusUpdateControl<R> failed(
      R service, Exception error, Consumer<ReconcileFailure> writeStatus) {
    ResourceID id = ResourceID.fromResource(service);
    ReconcileFailure failure = ReconcileFailure.of(error);
    ReconcileFailures.Streak streak = operator.failures().failed(id, failure);
    log.atLevel(failure.worthTelling(streak.attempts()) ? Level.WARN : Level.DEBUG)
        .log(
            "Reconcile of {} {}/{} failed (attempt {}): {}",
            service.getKind(),
            service.getMetadata().getNamespace(),
            service.getMetadata().getName(),
            streak.attempts(),
            failure.message(),
            error);
    if (!streak.told() && failure.worthTelling(streak.attempts())) {
      try {
        writeStatus.accept(failure);
        if (operator
            .events()
            .record(service, EventRecorder.Type.Warning, failure.reason(), failure.message())) {
          operator.failures().told(id);
        }
      } catch (KubernetesClientException | IllegalStateException notWritten) {
        log.debug("Could not report the failure of {} yet: {}", id, notWritten.getMessage());
      }
    }
    return ErrorStatusUpdateControl.<R>noStatusUpdate()
        .withNoRetry()
        .rescheduleAfter(failure.retryAfter(streak.attempts()));
  }

  /** The resource reconciled: a streak of failures worth telling ends with a Recovered Event. */
  void succeeded(HasMetadata service) {
    operator
        .failures()
        .succeeded(ResourceID.fromResource(service))
        .filter(streak -> streak.failure().worthTelling(streak.attempts()))
        .ifPresent(
            streak -> {
              String causes =
                  streak.first().sameAs(streak.failure())
                      ? streak.failure().reason() + ": " + streak.failure().message()
                      : "first "
                          + streak.first().reason()
                          + ": "
                          + streak.first().message()
                          + "; last "
                          + streak.failure().reason()
                          + ": "
                          + streak.failure().message();
              operator
                  .events()
                  .record(
                      service,
                      EventRecorder.Type.Normal,
                      "Recovered",
                      "Reconciled again after "
                          + streak.attempts()
                          + " failed attempt(s) since "
                          + streak.since()
                          + " ("
                          + causes
                          + ")");
            });
  }
}
