package io.stackpilot.lifecycle;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.TimeoutException;

/**
 * What a reconcile that threw met, told apart as a user needs it: a transient cause (the API server
 * unreachable or overloaded, a conflict, an API or permission not there yet, a cluster policy that
 * refuses) that Stackpilot waits out, saying what it waits for, or a terminal one (the API server
 * refuses what the spec asks for, or Stackpilot itself failed) that needs a person. Either way the
 * reconcile is tried again with back-off for as long as the cause lasts: nothing here gives up.
 *
 * @param terminal whether a person must act (reported as Stalled) rather than wait (Reconciling)
 * @param reason a condition reason, CamelCase
 * @param message what failed and what to do, short enough for a condition
 */
public record ReconcileFailure(boolean terminal, String reason, String message) {

  private static final int MESSAGE_LIMIT = 400;
  private static final Duration FIRST_RETRY = Duration.ofSeconds(1);

  /** The API server coming back is not watched for: look often, it costs one request. */
  private static final Duration MOST_WHILE_UNREACHABLE = Duration.ofSeconds(2);

  private static final Duration MOST_WHILE_WAITING = Duration.ofSeconds(30);
  private static final Duration MOST_WHEN_TERMINAL = Duration.ofMinutes(5);

  public static final String UNREACHABLE = "ApiServerUnreachable";
  public static final String CONFLICT = "Conflict";

  /** The API server answers but is not ready yet (503), as right after it starts. */
  public static final String STARTING = "ApiServerUnavailable";

  /**
   * Conflicts are the normal way of concurrent writers: tried again at once, told only when they
   * persist.
   */
  private static final int QUIET_CONFLICTS = 3;

  private static final Duration CONFLICT_RETRY = Duration.ofMillis(100);
  public static final String ADMISSION_DENIED = "AdmissionDenied";

  public static ReconcileFailure of(Throwable error) {
    KubernetesClientException api = find(error, KubernetesClientException.class);
    String said = said(error, api);
    if (unreachable(error, api)) {
      return new ReconcileFailure(
          false,
          UNREACHABLE,
          "The API server could not be reached ("
              + rootCause(error)
              + ": "
              + said
              + "); Stackpilot tries again with back-off and carries on where it stopped");
    }
    if (said.contains("Could not find a registered handler")) {
      return new ReconcileFailure(
          false,
          "ApiMissing",
          "The cluster does not serve an API this service renders ("
              + said
              + "): install it; Stackpilot applies the service as soon as the API appears");
    }
    if (api == null) {
      return new ReconcileFailure(
          true,
          "InternalError",
          "Stackpilot failed on this resource ("
              + error.getClass().getSimpleName()
              + ": "
              + said
              + "); it keeps trying with back-off. Please report this with the"
              + " operator's log");
    }
    int code = api.getCode();
    if (admissionDenied(said)) {
      return new ReconcileFailure(
          false,
          ADMISSION_DENIED,
          "An admission policy of the cluster refused an object"
              + " rendered for this service ("
              + said
              + "): change the policy or the spec; Stackpilot tries again with"
              + " back-off, and what runs keeps running");
    }
    return switch (code) {
      case 401 ->
          new ReconcileFailure(
              false,
              "Unauthorized",
              "The API server did not accept the operator's"
                  + " credentials ("
                  + said
                  + "): check its ServiceAccount token; Stackpilot tries again with back-off");
      case 403 ->
          new ReconcileFailure(
              false,
              "Forbidden",
              "The API server refused the operator ("
                  + said
                  + "): grant it in the operator's role (the chart's RBAC rules); Stackpilot tries again with back-off");
      case 404 ->
          new ReconcileFailure(
              false,
              "NotFound",
              "Something this service needs is not there ("
                  + said
                  + "); Stackpilot tries again with back-off");
      case 409 ->
          new ReconcileFailure(
              false,
              CONFLICT,
              "Another writer changed an object at the same time ("
                  + said
                  + "); Stackpilot tries again");
      case 429 ->
          new ReconcileFailure(
              false,
              "Throttled",
              "The API server asked the operator to slow down ("
                  + said
                  + "); Stackpilot tries again with back-off");
      case 400, 422 ->
          new ReconcileFailure(
              true,
              "Refused",
              "The API server refused an object rendered for this"
                  + " service ("
                  + said
                  + "): fix the spec; what runs keeps running");
      case 503 ->
          new ReconcileFailure(
              false,
              STARTING,
              "The API server is not ready (" + said + "); Stackpilot tries again with back-off");
      default ->
          code >= 500
              ? new ReconcileFailure(
                  false,
                  "ApiServerError",
                  "The API server failed (" + said + "); Stackpilot tries again with back-off")
              : new ReconcileFailure(
                  true,
                  "Failed",
                  "A request failed (" + said + "); Stackpilot tries again with" + " back-off");
    };
  }

  public ReconcileFailure {
    message =
        message.length() <= MESSAGE_LIMIT ? message : message.substring(0, MESSAGE_LIMIT) + "...";
  }

  /**
   * How long to wait before the given attempt (1 for the first retry): doubling from a second, up
   * to a bound that depends on what is awaited. A change of the resource or of what it reads wakes
   * it before.
   */
  public Duration retryAfter(int attempt) {
    if (CONFLICT.equals(reason) && attempt <= QUIET_CONFLICTS) {
      return CONFLICT_RETRY;
    }
    Duration most =
        UNREACHABLE.equals(reason) || STARTING.equals(reason)
            ? MOST_WHILE_UNREACHABLE
            : terminal ? MOST_WHEN_TERMINAL : MOST_WHILE_WAITING;
    int doublings = Math.max(0, Math.min(attempt - 1, 20));
    Duration next = FIRST_RETRY.multipliedBy(1L << doublings);
    return next.compareTo(most) > 0 ? most : next;
  }

  /**
   * Whether the user is to be told at this attempt: a conflict is only when it keeps coming back.
   */
  public boolean worthTelling(int attempt) {
    return !CONFLICT.equals(reason) || attempt > QUIET_CONFLICTS;
  }

  /** The same failure as far as a user is concerned: told once, not at every retry. */
  public boolean sameAs(ReconcileFailure other) {
    return other != null && reason.equals(other.reason) && message.equals(other.message);
  }

  private static boolean unreachable(Throwable error, KubernetesClientException api) {
    if (api != null && api.getCode() > 0) {
      return false;
    }
    return find(error, IOException.class) != null
        || find(error, TimeoutException.class) != null
        || find(error, InterruptedIOException.class) != null;
  }

  /**
   * A ValidatingAdmissionPolicy, a webhook or another admission plugin said no, not the object's
   * schema.
   */
  public static boolean admissionDenied(String said) {
    String text = said.toLowerCase(Locale.ROOT);
    return text.contains("validatingadmissionpolicy") && text.contains("denied")
        || text.contains("admission webhook") && text.contains("denied the request");
  }

  private static String said(Throwable error, KubernetesClientException api) {
    String text =
        api != null && api.getStatus() != null && api.getStatus().getMessage() != null
            ? api.getStatus().getMessage()
            : deepestMessage(error);
    return text == null ? error.getClass().getSimpleName() : text.replaceAll("\\s+", " ").trim();
  }

  /**
   * The innermost cause, by its class and message: a refused connection often has no message at
   * all.
   */
  private static String rootCause(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName()
        + (root.getMessage() == null ? "" : " " + root.getMessage());
  }

  private static String deepestMessage(Throwable error) {
    String message = error.getMessage();
    for (Throwable cause = error.getCause();
        cause != null && cause != cause.getCause();
        cause = cause.getCause()) {
      if (cause.getMessage() != null) {
        message = cause.getMessage();
      }
    }
    return message;
  }

  private static <T extends Throwable> T find(Throwable error, Class<T> type) {
    for (Throwable cause = error;
        cause != null;
        cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
    }
    return null;
  }
}
