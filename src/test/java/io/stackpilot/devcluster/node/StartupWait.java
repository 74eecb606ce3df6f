package io.stackpilot.devcluster.node;

import io.stackpilot.devcluster.ManagedProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Waits for a part of the node to come up, and fails at once with the log of a process it depends
 * on that exited, or with their logs when the time is up.
 */
final class StartupWait {

  private StartupWait() {}

  static void until(
      String what, Duration timeout, BooleanSupplier ready, ManagedProcess... watched) {
    Instant deadline = Instant.now().plus(timeout);
    while (!ready.getAsBoolean()) {
      for (ManagedProcess p : watched) {
        if (!p.isAlive()) {
          throw new IllegalStateException(
              p.name() + " exited while waiting for " + what + ":\n" + p.tail(30));
        }
      }
      if (Instant.now().isAfter(deadline)) {
        StringBuilder logs = new StringBuilder();
        for (ManagedProcess p : watched) {
          logs.append("\n--- ").append(p.name()).append("\n").append(p.tail(20));
        }
        throw new IllegalStateException("Timed out waiting for " + what + logs);
      }
      LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
    }
  }
}
