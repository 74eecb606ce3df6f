package io.stackpilot.realnode;

import static io.stackpilot.testing.ServiceQueries.eventually;
import static io.stackpilot.testing.ServiceQueries.pods;
import static io.stackpilot.testing.ServiceQueries.ready;
import static org.assertj.core.api.Assertions.assertThat;

import io.stackpilot.api.StackService;
import io.stackpilot.devcluster.node.RealNode;
import io.stackpilot.realnode.PlainHttp.Answer;
import io.stackpilot.testing.RunningOperator;
import io.stackpilot.testing.ServiceQueries;
import io.stackpilot.testing.TestCluster;
import io.stackpilot.testing.WithLocalCluster;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Forward auth as users meet it, on the real node: Traefik routes the services' Ingresses and
 * HTTPRoutes, oauth2-proxy runs as the SecurityService that protects some of them (its htpasswd
 * sign-in), and requests go to Traefik as a browser's would, by host. An anonymous request to a
 * protected app gets oauth2-proxy's sign-in page, a signed-in one reaches the app (which sees the
 * user's name), an unprotected app answers anyone; the same through a Gateway. And while a
 * protector is not Ready, its app cannot be reached at all, shown by requests sent all along.
 */
@WithLocalCluster
class RealNodeForwardAuthIT {

  private static final Duration WAIT = Duration.ofSeconds(120);
  private static final String USER = "alice";

  /** What podinfo answers on / (and nothing in front of it does). */
  private static final String APP_SIGN = "\"hostname\"";

  private static final String SIGN_IN_PAGE = "Sign in";

  private final String password = HexFormat.of().formatHex(SecureRandom.getSeed(12));

  @Test
  void anonymousRequestsToAProtectedAppAreSentToSignInASessionReachesItAndAnOpenAppAnswersAnyone(
      TestCluster cluster, RealNode node) {
    try (EdgeOnTheRealNode edge = EdgeOnTheRealNode.install(cluster, node);
        RunningOperator operator = cluster.startOperator()) {
      apply(cluster, secret() + gateway() + protector("auth", "guarded", 1));
      apply(cluster, app("guarded", "guarded", ingress("guarded.test")));
      apply(cluster, app("routed", "guarded", gatewayRoute("routed.test")));
      apply(cluster, app("open", "none", ingress("open.test")));
      for (String name : List.of("auth", "guarded", "routed", "open")) {
        awaitReady(cluster, name);
      }
      String traefik = edge.address();
      Map<String, String> tried = new TreeMap<>();

      for (String host : List.of("guarded.test", "routed.test")) {
        Answer anonymous =
            answerFrom(WAIT, edge, () -> get(traefik, host, "/", Optional.empty()), signInPage());
        tried.put("1 anonymous GET http://" + host + "/", anonymous.summary());
        assertThat(anonymous.status()).as(anonymous.summary()).isEqualTo(403);
        assertThat(anonymous.body()).doesNotContain(APP_SIGN);
      }

      String proxy = pods(cluster, "auth").get(0).getStatus().getPodIP();
      Answer wrong =
          PlainHttp.postForm(
              proxy, 4180, "auth.test", "/oauth2/sign_in", "username=alice&password=wrong");
      tried.put("2 POST /oauth2/sign_in, wrong password", wrong.summary());
      assertThat(wrong.status()).as(wrong.summary()).isEqualTo(401);
      assertThat(wrong.cookie()).as("a session for a wrong password").isEmpty();
      Answer signIn =
          PlainHttp.postForm(
              proxy,
              4180,
              "auth.test",
              "/oauth2/sign_in",
              "username=" + USER + "&password=" + password);
      tried.put("3 POST /oauth2/sign_in, right password", signIn.summary());
      assertThat(signIn.status()).as(signIn.summary()).isEqualTo(302);
      String session = signIn.cookie().orElseThrow();
      assertThat(session).startsWith("_oauth2_proxy=");

      for (String host : List.of("guarded.test", "routed.test")) {
        Answer signedIn =
            answerFrom(
                WAIT,
                edge,
                () -> get(traefik, host, "/", Optional.of(session)),
                a -> a.status() == 200);
        tried.put("4 signed-in GET http://" + host + "/", signedIn.summary());
        assertThat(signedIn.body()).contains(APP_SIGN);
        Answer headers = get(traefik, host, "/headers", Optional.of(session));
        tried.put("5 signed-in GET http://" + host + "/headers", headers.summary());
        assertThat(headers.body())
            .as("the headers the app received")
            .contains("X-Auth-Request-User");
        assertThat(headers.body()).contains(USER);
        Answer forged = get(traefik, host, "/", Optional.of("_oauth2_proxy=forged"));
        tried.put("6 forged-cookie GET http://" + host + "/", forged.summary());
        assertThat(forged.status()).as(forged.summary()).isEqualTo(403);
      }

      Answer open =
          answerFrom(
              WAIT,
              edge,
              () -> get(traefik, "open.test", "/", Optional.empty()),
              a -> a.status() == 200);
      tried.put("7 anonymous GET http://open.test/", open.summary());
      assertThat(open.body()).contains(APP_SIGN);
      tried.forEach((request, answer) -> System.out.printf("[figure] %s -> %s%n", request, answer));
    }
  }

  @Test
  void aProtectedAppCannotBeReachedThroughTraefikUntilItsProtectorIsReady(
      TestCluster cluster, RealNode node) throws Exception {
    try (EdgeOnTheRealNode edge = EdgeOnTheRealNode.install(cluster, node);
        RunningOperator operator = cluster.startOperator()) {
      String traefik = edge.address();
      List<Sent> sent = new CopyOnWriteArrayList<>();
      ScheduledExecutorService requests = new ScheduledThreadPoolExecutor(1);
      Instant appReady;
      Instant protectorReady;
      try {
        requests.scheduleWithFixedDelay(
            () -> sent.add(Sent.now(() -> get(traefik, "late.test", "/", Optional.empty()))),
            0,
            200,
            TimeUnit.MILLISECONDS);
        // Applied together, as a GitOps tool would; the protector turns Ready only after its
        // readiness probe's delay, well after the app.
        apply(
            cluster,
            secret()
                + protector("slow-auth", "late", 15)
                + "---\n"
                + app("late", "late", ingress("late.test")));
        appReady = awaitReady(cluster, "late");
        protectorReady = awaitReady(cluster, "slow-auth");
        answerFrom(
            WAIT, edge, () -> get(traefik, "late.test", "/", Optional.empty()), signInPage());
        // The requests sent all along see the sign-in page too before they stop.
        eventually(WAIT).until(() -> sent.stream().anyMatch(s -> s.answer().startsWith("403")));
      } finally {
        requests.shutdownNow();
        requests.awaitTermination(10, TimeUnit.SECONDS);
      }
      assertThat(appReady).as("the app was Ready before its protector").isBefore(protectorReady);
      List<Sent> window =
          sent.stream()
              .filter(s -> s.at().isAfter(appReady) && s.at().isBefore(protectorReady))
              .toList();
      System.out.printf(
          "[figure] no unprotected window: %d anonymous requests to late.test, %d of them while the"
              + " app was Ready and its protector not (%d ms); answers by status: %s; in the window: %s%n",
          sent.size(),
          window.size(),
          Duration.between(appReady, protectorReady).toMillis(),
          byStatus(sent),
          byStatus(window));
      assertThat(window)
          .as("requests sent while the app was Ready and its protector not")
          .isNotEmpty();
      assertThat(sent)
          .as("no anonymous request reached the app")
          .noneMatch(s -> s.answer().contains(APP_SIGN));
      assertThat(window).allMatch(s -> s.answer().startsWith("404"));
      assertThat(sent)
          .as("every answer: Traefik's 404 before the protector, its sign-in page after")
          .allMatch(s -> s.answer().startsWith("404") || s.answer().startsWith("403"));

      // The app itself answered all along to a signed-in user: only its exposure was withheld.
      String proxy = pods(cluster, "slow-auth").get(0).getStatus().getPodIP();
      String session =
          PlainHttp.postForm(
                  proxy,
                  4180,
                  "auth.test",
                  "/oauth2/sign_in",
                  "username=" + USER + "&password=" + password)
              .cookie()
              .orElseThrow();
      assertThat(get(traefik, "late.test", "/", Optional.of(session)).body()).contains(APP_SIGN);
    }
  }

  /** A request sent while the protector rolled out, and what came back (or the failure). */
  private record Sent(Instant at, String answer) {
    static Sent now(Supplier<Answer> request) {
      Instant at = Instant.now();
      try {
        return new Sent(at, request.get().summary());
      } catch (RuntimeException e) {
        return new Sent(at, "no answer: " + e.getMessage());
      }
    }
  }

  private static Map<String, Long> byStatus(List<Sent> sent) {
    return sent.stream()
        .collect(
            Collectors.groupingBy(
                s -> s.answer().split(" ", 2)[0], TreeMap::new, Collectors.counting()));
  }

  private static Predicate<Answer> signInPage() {
    return a -> a.status() == 403 && a.body().contains(SIGN_IN_PAGE);
  }

  private static Answer get(String traefik, String host, String path, Optional<String> cookie) {
    return PlainHttp.get(traefik, EdgeOnTheRealNode.WEB_PORT, host, path, cookie);
  }

  /**
   * Asks until the answer is the one expected; on time out, says the last answer and Traefik's log.
   */
  private static Answer answerFrom(
      Duration atMost,
      EdgeOnTheRealNode edge,
      Supplier<Answer> request,
      Predicate<Answer> expected) {
    List<String> last = new ArrayList<>(List.of("none"));
    try {
      return ServiceQueries.eventually(atMost)
          .until(
              () -> {
                try {
                  Answer answer = request.get();
                  last.set(0, answer.summary());
                  return expected.test(answer) ? answer : null;
                } catch (RuntimeException e) {
                  last.set(0, e.toString());
                  return null;
                }
              },
              answer -> answer != null);
    } catch (RuntimeException e) {
      throw new AssertionError(
          "the expected answer never came; last: " + last.get(0) + "\nTraefik: " + edge.log(), e);
    }
  }

  private static Instant awaitReady(TestCluster cluster, String name) {
    eventually(WAIT)
        .untilAsserted(
            () -> {
              StackService service = service(cluster, name);
              assertThat(service).as(name).isNotNull();
              assertThat(ready(service))
                  .as(
                      "%s Ready; status: %s%npods: %s",
                      name, service.getStatus(), RealNodeServices.podStates(cluster, name))
                  .isTrue();
            });
    return Instant.now();
  }

  private static StackService service(TestCluster cluster, String name) {
    StackService security = ServiceQueries.security(cluster, name);
    return security != null ? security : ServiceQueries.media(cluster, name);
  }

  private static void apply(TestCluster cluster, String yaml) {
    cluster.kubectlWithInput(yaml, "apply", "-f", "-").assertSuccess();
  }

  /** oauth2-proxy's secrets: its client secret, its cookie secret and the htpasswd of the user. */
  private String secret() {
    return """
        apiVersion: v1
        kind: Secret
        metadata: {name: oauth2-proxy}
        stringData:
          client-secret: %s
          cookie-secret: %s
          htpasswd: "%s:{SHA}%s"
        ---
        """
        .formatted(
            HexFormat.of().formatHex(SecureRandom.getSeed(8)),
            HexFormat.of().formatHex(SecureRandom.getSeed(16)),
            USER,
            sha1(password));
  }

  private static String sha1(String text) {
    try {
      return Base64.getEncoder()
          .encodeToString(
              MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String gateway() {
    return """
        apiVersion: gateway.networking.k8s.io/v1
        kind: Gateway
        metadata: {name: edge}
        spec:
          gatewayClassName: %s
          listeners: [{name: web, port: %d, protocol: HTTP}]
        ---
        """
        .formatted(EdgeOnTheRealNode.CLASS, EdgeOnTheRealNode.WEB_PORT);
  }

  /**
   * oauth2-proxy as a SecurityService protecting the services labelled {@code tier}: its htpasswd
   * sign-in, every session checked at / (which answers 202 to a signed-in request and the sign-in
   * page to any other), Ready {@code readyAfter} seconds after its start.
   */
  private static String protector(String name, String tier, int readyAfter) {
    return """
        apiVersion: stackpilot.io/v1alpha1
        kind: SecurityService
        metadata: {name: %1$s}
        spec:
          channels: {stable: {image: %2$s}}
          ports: [{name: http, port: 4180}]
          args:
            - --http-address=0.0.0.0:4180
            - --provider=google
            - --client-id=stackpilot-test
            - --email-domain=*
            - --htpasswd-file=/etc/oauth2-proxy/htpasswd
            - --upstream=static://202
            - --reverse-proxy=true
            - --set-xauthrequest=true
            - --cookie-secure=false
          env:
            - name: OAUTH2_PROXY_CLIENT_SECRET
              valueFrom: {secretKeyRef: {name: oauth2-proxy, key: client-secret}}
            - name: OAUTH2_PROXY_COOKIE_SECRET
              valueFrom: {secretKeyRef: {name: oauth2-proxy, key: cookie-secret}}
          volumes: [{name: htpasswd, secret: {secretName: oauth2-proxy, items: [{key: htpasswd, path: htpasswd}]}}]
          volumeMounts: [{name: htpasswd, mountPath: /etc/oauth2-proxy, readOnly: true}]
          health:
            http: {path: /ping, port: http}
            initialDelaySeconds: %3$d
            periodSeconds: 1
            startup: {timeout: 60s, periodSeconds: 1}
          nodeSelector: {%4$s: real}
          tolerations: [{key: %5$s, operator: Exists, effect: NoSchedule}]
          security:
            provider: OAuth2Proxy
            forwardAuth: {path: /, port: http}
            protects: {matchLabels: {tier: %6$s}}
        """
        .formatted(
            name,
            EdgeOnTheRealNode.OAUTH2_PROXY_IMAGE,
            readyAfter,
            RealNode.LABEL,
            RealNode.TAINT,
            tier);
  }

  private static String ingress(String host) {
    return "{host: %s, ingressClassName: %s}".formatted(host, EdgeOnTheRealNode.CLASS);
  }

  private static String gatewayRoute(String host) {
    return "{host: %s, gateway: {name: edge, sectionName: web}}".formatted(host);
  }

  /** podinfo on the real node, labelled {@code tier}, exposed as {@code expose} says. */
  private static String app(String name, String tier, String expose) {
    return RealNodeServices.podinfo(name, "healthy")
            .replace(
                "metadata:\n  name: " + name + "\n",
                "metadata:\n  name: " + name + "\n  labels: {tier: " + tier + "}\n")
        + "  expose: "
        + expose
        + "\n";
  }
}
