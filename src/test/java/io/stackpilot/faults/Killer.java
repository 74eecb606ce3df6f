package io.stackpilot.faults;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.stackpilot.testing.OnEveryChange;
import io.stackpilot.testing.OperatorProcess;
import io.stackpilot.testing.TestCluster;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Sends SIGKILL to the operator process, on a timer or, when armed, the moment the operator
 * announces an action (an Event such as RolledBack or BetaStageStarted appears): that lands the
 * kill inside the reconcile that is carrying the action out, between its writes, where a crash
 * hurts most.
 */
final class Killer implements AutoCloseable {

  static final Set<String> ANNOUNCEMENTS =
      Set.of(
          "RollingOut", "Healthy", "RolledBack", "BetaStageStarted", "BetaPromoted", "BetaFailed");

  private final AtomicReference<OperatorProcess> target = new AtomicReference<>();
  private final AtomicReference<Instant> armedSince = new AtomicReference<>();
  private final SharedIndexInformer<Event> events;
  private final Consumer<String> beforeKill;

  /** {@code beforeKill} is told why, just before the signal, to note where the work stood. */
  Killer(TestCluster cluster, Consumer<String> beforeKill) {
    this.beforeKill = beforeKill;
    this.events =
        OnEveryChange.inform(
            cluster.client().v1().events().inNamespace(cluster.namespace()), this::seen);
  }

  void target(OperatorProcess operator) {
    target.set(operator);
  }

  /** The next announcement made from now on kills the operator. */
  void arm() {
    armedSince.set(Instant.now());
  }

  /** Disarms; true when an announcement had already fired it. */
  boolean disarm() {
    return armedSince.getAndSet(null) == null;
  }

  private void seen(Event event) {
    Instant since = armedSince.get();
    if (since == null
        || !ANNOUNCEMENTS.contains(event.getReason())
        || event.getFirstTimestamp() == null
        || !"MediaService".equals(event.getInvolvedObject().getKind())
        || Instant.parse(event.getFirstTimestamp()).isBefore(since)) {
      return;
    }
    if (armedSince.compareAndSet(since, null)) {
      kill("on " + event.getReason() + " Event");
    }
  }

  synchronized void kill(String why) {
    OperatorProcess operator = target.get();
    if (operator != null && operator.isAlive()) {
      beforeKill.accept(why);
      operator.kill();
    }
  }

  @Override
  public void close() {
    events.close();
  }
}
