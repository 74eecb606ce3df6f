package io.stackpilot.wiring;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.stackpilot.validation.Finding;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The APIs of add-ons that a feature of Stackpilot renders objects of, which a cluster may not
 * have. Rendering an object of a missing API fails at the API server (fabric8 cannot even find a
 * handler for it), so each is checked first, from API discovery, and a missing one is a finding
 * that names the field that asked for it and what to install: never an exception in a reconcile.
 */
public enum CompanionApi {
  TRAEFIK_MIDDLEWARE(
      "traefik.io",
      "v1alpha1",
      "Middleware",
      "middlewares",
      "spec.expose.ingressClassName",
      "forward auth through Traefik renders a Middleware (traefik.io/v1alpha1), and this cluster has no such API:"
          + " install Traefik's CRDs, or expose the service through another ingress class"),
  GATEWAY_HTTP_ROUTE(
      "gateway.networking.k8s.io",
      "v1",
      "HTTPRoute",
      "httproutes",
      "spec.expose.gateway",
      "exposing through a Gateway renders an HTTPRoute (gateway.networking.k8s.io/v1), and this cluster"
          + " has no such API: install the Gateway API's CRDs (standard channel) and a Gateway"
          + " implementation, or remove expose.gateway to expose the service through an Ingress"),
  VOLUME_SNAPSHOT(
      "snapshot.storage.k8s.io",
      "v1",
      "VolumeSnapshot",
      "volumesnapshots",
      "spec.storage[].snapshotBeforeUpgrade",
      "snapshots before upgrades need the CSI snapshot API (snapshot.storage.k8s.io/v1): install the"
          + " external-snapshotter's CRDs and snapshot controller, or set snapshotBeforeUpgrade: false"),
  SERVICE_MONITOR(
      "monitoring.coreos.com",
      "v1",
      "ServiceMonitor",
      "servicemonitors",
      "spec.serviceMonitor",
      "a stack's ServiceMonitor needs the Prometheus Operator's CRDs (monitoring.coreos.com/v1):"
          + " install them, or set serviceMonitor.mode: Off"),
  VOLUME_SNAPSHOT_CLASS(
      "snapshot.storage.k8s.io",
      "v1",
      "VolumeSnapshotClass",
      "volumesnapshotclasses",
      "spec.storage[].volumeSnapshotClassName",
      "snapshot classes need the CSI snapshot API (snapshot.storage.k8s.io/v1): install the external-snapshotter's"
          + " CRDs, or set snapshotBeforeUpgrade: false");

  private final String group;
  private final String version;
  private final String kind;
  private final String plural;
  private final String field;
  private final String fix;

  CompanionApi(String group, String version, String kind, String plural, String field, String fix) {
    this.group = group;
    this.version = version;
    this.kind = kind;
    this.plural = plural;
    this.field = field;
    this.fix = fix;
  }

  public String group() {
    return group;
  }

  public String apiVersion() {
    return group + "/" + version;
  }

  public String kind() {
    return kind;
  }

  public String plural() {
    return plural;
  }

  /** The name of the CustomResourceDefinition that brings the API. */
  public String crdName() {
    return plural + "." + group;
  }

  /** The API an object belongs to, when it is one of these. */
  public static Optional<CompanionApi> of(HasMetadata object) {
    return Arrays.stream(values())
        .filter(
            api ->
                api.apiVersion().equals(object.getApiVersion())
                    && api.kind.equals(object.getKind()))
        .findFirst();
  }

  /** The API whose CustomResourceDefinition has this name. */
  public static Optional<CompanionApi> ofCrd(String crdName) {
    return Arrays.stream(values()).filter(api -> api.crdName().equals(crdName)).findFirst();
  }

  /**
   * One finding for each missing API that a rendered object belongs to, naming the field that asked
   * for it.
   */
  public static List<Finding> missing(
      List<? extends HasMetadata> rendered, Predicate<CompanionApi> present) {
    List<Finding> findings = new ArrayList<>();
    rendered.stream()
        .map(CompanionApi::of)
        .flatMap(Optional::stream)
        .distinct()
        .filter(present.negate())
        .forEach(
            api ->
                findings.add(
                    new Finding(
                        api.field,
                        api.field
                            + ": "
                            + api.fix
                            + "; Stackpilot applies it as soon as the API appears, and what runs keeps running")));
    return findings;
  }
}
