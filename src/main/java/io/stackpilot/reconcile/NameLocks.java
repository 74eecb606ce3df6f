package io.stackpilot.reconcile;

import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per service name in a namespace, across the three service controllers. Services of
 * different kinds with the same name render objects of the same names; each controller serialises
 * only its own kind, so two of them created together could both find the name free and both write.
 * Under this lock the second reconcile reads the first one's writes. A fixed set of stripes: the
 * memory does not grow with the names ever seen, and two names sharing a stripe only wait for each
 * other briefly.
 */
final class NameLocks {

  private static final int STRIPES = 1024;
  private final ReentrantLock[] locks = new ReentrantLock[STRIPES];

  NameLocks() {
    for (int i = 0; i < STRIPES; i++) {
      locks[i] = new ReentrantLock();
    }
  }

  /** Holds the lock of the name until the returned handle is closed. */
  Held hold(String namespace, String name) {
    ReentrantLock lock = locks[Math.floorMod((namespace + "/" + name).hashCode(), STRIPES)];
    lock.lock();
    return lock::unlock;
  }

  interface Held extends AutoCloseable {
    @Override
    void close();
  }
}
