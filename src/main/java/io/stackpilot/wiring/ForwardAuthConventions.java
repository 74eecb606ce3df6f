package io.stackpilot.wiring;

import io.stackpilot.api.SecurityProvider;
import java.util.List;
import java.util.Optional;

/** What each kind of authentication proxy expects from the ingress controller in front of it. */
final class ForwardAuthConventions {

  /**
   * Where the sign-in page sends the user back to: the URL first asked for, in ingress-nginx's
   * variables, which it fills in per request.
   */
  private static final String RETURN_TO = "$scheme://$host$request_uri";

  private ForwardAuthConventions() {}

  /**
   * The sign-in page to send an unauthenticated user to, on the proxy's own public host; empty for
   * a generic proxy (no known page) or a proxy without a public host (the user gets its 401
   * instead).
   */
  static Optional<String> signInUrl(SecurityProvider provider, Optional<String> proxyHost) {
    return proxyHost.flatMap(
        host ->
            switch (provider) {
              case AUTHELIA -> Optional.of("https://" + host + "/?rd=" + RETURN_TO);
              case OAUTH2_PROXY -> Optional.of("https://" + host + "/oauth2/start?rd=" + RETURN_TO);
              case GENERIC -> Optional.empty();
            });
  }

  /**
   * The headers naming the signed-in user that the proxy answers with and the app should receive.
   */
  static List<String> responseHeaders(SecurityProvider provider) {
    return switch (provider) {
      case AUTHELIA -> List.of("Remote-User", "Remote-Groups", "Remote-Name", "Remote-Email");
      case OAUTH2_PROXY -> List.of("X-Auth-Request-User", "X-Auth-Request-Email");
      case GENERIC -> List.of();
    };
  }
}
