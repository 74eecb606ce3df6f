package io.stackpilot.operator;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Whether a replica that leads may write now, judged from its own renewals of the leader Lease. A
 * leader frozen (SIGSTOP, a long GC pause, a suspended VM) wakes with reconciles in flight, and
 * they would write before the leader elector notices that another replica took over. A write is let
 * through only while the last successful renewal was sent less than the renew deadline ago, on the
 * monotonic clock, which keeps counting while the process is frozen; a standby takes over only a
 * whole lease duration after the last renewal it saw, so the gate closes first.
 *
 * <p>What it cannot close: a freeze between the check and the request leaving the process.
 */
public final class LeaseWriteGate {

  private final String leasesPath;
  private final long renewDeadlineNanos;
  private final LongSupplier nanoTime;
  private final Map<String, Long> leaseWritesInFlight = new ConcurrentHashMap<>();
  private volatile boolean renewedOnce;
  private volatile long lastRenewalSentAt;

  public LeaseWriteGate(String leaseNamespace, Duration renewDeadline, LongSupplier nanoTime) {
    this.leasesPath = "/apis/coordination.k8s.io/v1/namespaces/" + leaseNamespace + "/leases";
    this.renewDeadlineNanos = renewDeadline.toNanos();
    this.nanoTime = nanoTime;
  }

  /**
   * Reads, questions put as creations (may I, who am I), dry runs and the lease's own writes
   * (acquiring and renewing it) always pass; other writes only while led.
   */
  public boolean mayWrite(String method, String path) {
    return mayWrite(method, path, null);
  }

  /**
   * @param query the request's query string, or null
   */
  public boolean mayWrite(String method, String path, String query) {
    if (!isWrite(method) || isLease(path) || changesNothing(path, query)) {
      return true;
    }
    return renewedOnce && nanoTime.getAsLong() - lastRenewalSentAt < renewDeadlineNanos;
  }

  /** How long ago the last renewal was sent, for the message of a refused write. */
  public Duration sinceLastRenewal() {
    return renewedOnce ? Duration.ofNanos(nanoTime.getAsLong() - lastRenewalSentAt) : null;
  }

  /**
   * A request is about to leave: a write of the lease is timed from now. Writes of the lease are
   * told apart by method and path: the leader elector makes one at a time (the client gives the
   * request a new id once interceptors have seen it, so ids do not match up).
   */
  public void sending(String method, String path) {
    if (isWrite(method) && isLease(path)) {
      leaseWritesInFlight.put(method + " " + path, nanoTime.getAsLong());
    }
  }

  /** The API server answered: a lease write it took renews the leadership from when it was sent. */
  public void answered(String method, String path, int code) {
    Long sentAt = leaseWritesInFlight.remove(method + " " + path);
    if (sentAt == null || code < 200 || code >= 300) {
      return;
    }
    synchronized (this) {
      if (!renewedOnce || sentAt - lastRenewalSentAt > 0) {
        lastRenewalSentAt = sentAt;
        renewedOnce = true;
      }
    }
  }

  /** The request never got an answer. */
  public void failed(String method, String path) {
    leaseWritesInFlight.remove(method + " " + path);
  }

  private static boolean changesNothing(String path, String query) {
    return path.startsWith("/apis/authorization.k8s.io/")
        || path.startsWith("/apis/authentication.k8s.io/")
        || query != null && query.contains("dryRun=All");
  }

  private boolean isLease(String path) {
    return path.startsWith(leasesPath);
  }

  private static boolean isWrite(String method) {
    return !("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method));
  }
}
