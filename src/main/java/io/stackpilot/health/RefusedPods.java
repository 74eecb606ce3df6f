package io.stackpilot.health;

/**
 * Words for pods the cluster refuses to create (Pod Security admission, a quota, a LimitRange),
 * which the ReplicaSet controller reports only in its condition and events: shown in the service's
 * health and conditions, with the usual fix when the namespace's Pod Security level is the cause.
 */
public final class RefusedPods {

  /** Enough of the API server's refusal to act on; a status must stay small. */
  private static final int REFUSAL_LENGTH = 400;

  /** How the API server words a refusal by Pod Security admission. */
  private static final String POD_SECURITY = "violates PodSecurity";

  private RefusedPods() {}

  /** The namespace's Pod Security level refuses them: only a change of spec lets them start. */
  public static boolean byPodSecurity(String refusal) {
    return refusal.contains(POD_SECURITY);
  }

  /** What refuses the pods and, for Pod Security, what to change. */
  public static String explain(String refusal) {
    String shortened =
        refusal.length() <= REFUSAL_LENGTH ? refusal : refusal.substring(0, REFUSAL_LENGTH) + "...";
    String fix =
        byPodSecurity(refusal)
            ? ". The namespace's Pod Security level is stricter than the service's"
                + " securityProfile: label the namespace pod-security.kubernetes.io/enforce with"
                + " the level the profile needs (baseline for Baseline and StartsAsRoot), or"
                + " choose a stricter securityProfile"
            : "";
    return "the cluster refuses its pods: " + shortened + fix;
  }
}
