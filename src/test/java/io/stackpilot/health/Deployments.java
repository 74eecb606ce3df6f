package io.stackpilot.health;

/**
 * The Deployment of a service as the assessor sees it: by default it runs the given revision, the
 * controller has seen its template, and every desired pod is updated, ready and available.
 */
final class Deployments {

  private final String revision;
  private long generation = 2;
  private long observedGeneration = 2;
  private int desired = 1;
  private int updated = 1;
  private int ready = 1;
  private int available = 1;
  private boolean deadlineExceeded;
  private String restartedAt = "";
  private String podsRefused = "";

  private Deployments(String revision) {
    this.revision = revision;
  }

  static Deployments runs(String revision) {
    return new Deployments(revision);
  }

  Deployments replicas(int count) {
    desired = count;
    updated = count;
    ready = count;
    available = count;
    return this;
  }

  /** The controller reports this many ready (and available) pods of the desired count. */
  Deployments readyReplicas(int count) {
    ready = count;
    available = count;
    return this;
  }

  /** The template changed and the Deployment controller has not acted on it yet. */
  Deployments templateNotYetObserved() {
    observedGeneration = generation - 1;
    return this;
  }

  /** Its template carries a restart of the revision made at this moment. */
  Deployments restartedAt(String at) {
    restartedAt = at;
    return this;
  }

  /** The ReplicaSet controller may not create the pods, for this reason. */
  Deployments podsRefused(String message) {
    podsRefused = message;
    return readyReplicas(0);
  }

  Deployments progressDeadlineExceeded() {
    deadlineExceeded = true;
    return readyReplicas(0);
  }

  DeploymentObservation observed() {
    return new DeploymentObservation(
        revision,
        "app:" + revision,
        "stable",
        generation,
        observedGeneration,
        desired,
        updated,
        ready,
        available,
        available >= desired,
        deadlineExceeded,
        restartedAt,
        podsRefused);
  }
}
