package io.stackpilot.realnode;

import static io.stackpilot.testing.ServiceQueries.eventually;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.stackpilot.devcluster.ToolVersions;
import io.stackpilot.devcluster.node.RealNode;
import io.stackpilot.testing.TestCluster;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Traefik as a cluster runs it, on the real node: in a namespace of its own, with a ServiceAccount
 * and the ClusterRole its Ingress, CRD (Middleware) and Gateway API providers read with, the
 * IngressClass and GatewayClass that name it, and the CRDs of both APIs. The images of Traefik and
 * oauth2-proxy are imported into the node first. Closing it removes all of it, the CRDs (and so
 * every Middleware, Gateway and HTTPRoute) included, so the shared control plane's other tests see
 * none of these APIs.
 */
final class EdgeOnTheRealNode implements AutoCloseable {

  static final String TRAEFIK_IMAGE =
      "stackpilot.test/traefik:" + ToolVersions.pinned("TRAEFIK_VERSION");
  static final String OAUTH2_PROXY_IMAGE =
      "stackpilot.test/oauth2-proxy:" + ToolVersions.pinned("OAUTH2_PROXY_VERSION");

  /** The port of Traefik's entry point, which the Gateway's listener names too. */
  static final int WEB_PORT = 8000;

  static final String CLASS = "traefik";

  private static final Duration WAIT = Duration.ofSeconds(120);

  private final TestCluster cluster;
  private final String namespace;
  private final String roleName;
  private final List<Path> crdFolders;

  private EdgeOnTheRealNode(TestCluster cluster, RealNode node) {
    this.cluster = cluster;
    String suffix = UUID.randomUUID().toString().substring(0, 6);
    this.namespace = "traefik-" + suffix;
    this.roleName = "stackpilot-test-traefik-" + suffix;
    this.crdFolders =
        List.of(
            node.imagesDirectory().resolve("traefik-crds"),
            cluster.controlPlane().binaries().path("gateway-api-crds"));
  }

  /** Installs Traefik and waits until it answers its ping. */
  static EdgeOnTheRealNode install(TestCluster cluster, RealNode node) {
    RealNode.EDGE_ARCHIVES.forEach(node::importArchive);
    EdgeOnTheRealNode edge = new EdgeOnTheRealNode(cluster, node);
    try {
      edge.start();
      return edge;
    } catch (RuntimeException | AssertionError e) {
      edge.close();
      throw e;
    }
  }

  private void start() {
    for (Path folder : crdFolders) {
      cluster
          .kubectl("apply", "--server-side", "--force-conflicts", "-f", folder.toString())
          .assertSuccess();
    }
    for (Path folder : crdFolders) {
      cluster
          .kubectl("wait", "--for=condition=Established", "--timeout=60s", "-f", folder.toString())
          .assertSuccess();
    }
    // The last --namespace wins over the test's own, which kubectl is given first.
    cluster
        .kubectlWithInput(manifests(), "apply", "--namespace=" + namespace, "-f", "-")
        .assertSuccess();
    eventually(WAIT)
        .untilAsserted(
            () -> {
              Pod pod = pod();
              assertThat(pod).as("Traefik's pod in %s", namespace).isNotNull();
              assertThat(pod.getStatus().getConditions())
                  .as("Traefik Ready: %s", pod.getStatus())
                  .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
            });
  }

  /** The namespace Traefik runs in. */
  String namespace() {
    return namespace;
  }

  /** Traefik's pod address, where requests for every exposed host go. */
  String address() {
    return pod().getStatus().getPodIP();
  }

  /** Traefik's log, for a failed assertion. */
  String log() {
    Pod pod = pod();
    if (pod == null) {
      return "(no Traefik pod)";
    }
    return cluster
        .client()
        .pods()
        .inNamespace(namespace)
        .withName(pod.getMetadata().getName())
        .tailingLines(40)
        .getLog();
  }

  private Pod pod() {
    return cluster
        .client()
        .pods()
        .inNamespace(namespace)
        .withLabel("app.kubernetes.io/name", "traefik")
        .list()
        .getItems()
        .stream()
        .findFirst()
        .orElse(null);
  }

  @Override
  public void close() {
    cluster.kubectl("delete", "namespace", namespace, "--ignore-not-found", "--wait=true");
    cluster.kubectl(
        "delete", "clusterrolebinding,clusterrole", roleName, "--ignore-not-found", "--wait=true");
    cluster.kubectl("delete", "ingressclass", CLASS, "--ignore-not-found", "--wait=true");
    cluster.kubectl("delete", "gatewayclass", CLASS, "--ignore-not-found", "--wait=true");
    for (Path folder : crdFolders) {
      cluster.kubectl("delete", "-f", folder.toString(), "--ignore-not-found", "--wait=true");
    }
  }

  /**
   * Traefik with the rules its three Kubernetes providers read with (as its own documentation lists
   * them), on the real node, listening on {@value #WEB_PORT} with its ping there as readiness.
   */
  private String manifests() {
    return """
        apiVersion: v1
        kind: Namespace
        metadata: {name: %1$s}
        ---
        apiVersion: v1
        kind: ServiceAccount
        metadata: {name: traefik, namespace: %1$s}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRole
        metadata: {name: %2$s}
        rules:
          - apiGroups: [""]
            resources: [services, secrets, nodes, configmaps, namespaces]
            verbs: [get, list, watch]
          - apiGroups: [discovery.k8s.io]
            resources: [endpointslices]
            verbs: [list, watch]
          - apiGroups: [networking.k8s.io]
            resources: [ingresses, ingressclasses]
            verbs: [get, list, watch]
          - apiGroups: [networking.k8s.io]
            resources: [ingresses/status]
            verbs: [update]
          - apiGroups: [traefik.io]
            resources: [middlewares, middlewaretcps, ingressroutes, traefikservices, ingressroutetcps,
              ingressrouteudps, tlsoptions, tlsstores, serverstransports, serverstransporttcps]
            verbs: [get, list, watch]
          - apiGroups: [gateway.networking.k8s.io]
            resources: [gatewayclasses, gateways, httproutes, grpcroutes, tcproutes, tlsroutes,
              udproutes, referencegrants, backendtlspolicies, listenersets]
            verbs: [get, list, watch]
          - apiGroups: [gateway.networking.k8s.io]
            resources: [gatewayclasses/status, gateways/status, httproutes/status, grpcroutes/status,
              tcproutes/status, tlsroutes/status, udproutes/status, referencegrants/status,
              backendtlspolicies/status, listenersets/status]
            verbs: [update]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata: {name: %2$s}
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: %2$s}
        subjects: [{kind: ServiceAccount, name: traefik, namespace: %1$s}]
        ---
        apiVersion: networking.k8s.io/v1
        kind: IngressClass
        metadata: {name: %3$s}
        spec: {controller: traefik.io/ingress-controller}
        ---
        apiVersion: gateway.networking.k8s.io/v1
        kind: GatewayClass
        metadata: {name: %3$s}
        spec: {controllerName: traefik.io/gateway-controller}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: traefik, namespace: %1$s}
        spec:
          replicas: 1
          selector: {matchLabels: {app.kubernetes.io/name: traefik}}
          template:
            metadata: {labels: {app.kubernetes.io/name: traefik}}
            spec:
              serviceAccountName: traefik
              nodeSelector: {%4$s: real}
              tolerations: [{key: %5$s, operator: Exists, effect: NoSchedule}]
              securityContext:
                runAsNonRoot: true
                runAsUser: 65534
                seccompProfile: {type: RuntimeDefault}
              containers:
                - name: traefik
                  image: %6$s
                  args:
                    - --entryPoints.web.address=:%7$d
                    - --ping=true
                    - --ping.entryPoint=web
                    - --providers.kubernetesingress=true
                    - --providers.kubernetescrd=true
                    - --providers.kubernetesgateway=true
                    - --global.checkNewVersion=false
                    - --global.sendAnonymousUsage=false
                    - --log.level=INFO
                  ports: [{name: web, containerPort: %7$d}]
                  readinessProbe:
                    httpGet: {path: /ping, port: %7$d}
                    periodSeconds: 1
                  securityContext:
                    allowPrivilegeEscalation: false
                    capabilities: {drop: [ALL]}
        """
        .formatted(
            namespace, roleName, CLASS, RealNode.LABEL, RealNode.TAINT, TRAEFIK_IMAGE, WEB_PORT);
  }
}
