package io.stackpilot.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.crd.generator.annotation.SchemaFrom;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;
import io.fabric8.generator.annotation.ValidationRule;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/**
 * The spec every service kind shares: channels, ports, env, config, storage, health, recovery and
 * rollout.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(
    value = "!has(self.channel) || self.channel != 'beta' || has(self.channels.beta)",
    message =
        "channel beta needs channels.beta.image: add channels.beta with an image, or set channel: stable",
    fieldPath = ".channel")
@ValidationRule(
    value =
        "!has(self.health) || !has(self.health.http) || (has(self.ports) && self.ports.exists(p, p.name == self.health.http.port))",
    message = "health.http.port must name one of spec.ports: add the port or fix the name",
    fieldPath = ".health.http.port")
@ValidationRule(
    value =
        "!has(self.health) || !has(self.health.tcp) || (has(self.ports) && self.ports.exists(p, p.name == self.health.tcp.port))",
    message = "health.tcp.port must name one of spec.ports: add the port or fix the name",
    fieldPath = ".health.tcp.port")
@ValidationRule(
    value = "!has(self.expose) || (has(self.ports) && self.ports.size() > 0)",
    message = "expose needs at least one port in spec.ports",
    fieldPath = ".expose")
@ValidationRule(
    value =
        "!has(self.expose) || !has(self.expose.port) || (has(self.ports) && self.ports.exists(p, p.name == self.expose.port))",
    message = "expose.port must name one of spec.ports",
    fieldPath = ".expose.port")
@ValidationRule(
    value =
        "!has(self.ports) || self.ports.all(p, !has(p.nodePort)) || (has(self.service) && has(self.service.type) && self.service.type != 'ClusterIP')",
    message =
        "ports[].nodePort needs service.type NodePort or LoadBalancer: set the type, or remove nodePort",
    fieldPath = ".ports")
@ValidationRule(
    value = "!has(self.serviceMonitor) || !has(self.stack)",
    message =
        "serviceMonitor is for a service in no stack: a stack's members are scraped through the"
            + " stack's spec.serviceMonitor; set it there, or remove spec.stack",
    fieldPath = ".serviceMonitor")
public class ServiceSpec {

  @JsonPropertyDescription("Name of the ServiceStack in the same namespace whose defaults apply.")
  @Pattern("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")
  @Size(max = 63)
  private String stack;

  @JsonPropertyDescription(
      "Channel to run: stable or beta. Default: the stack's channel, else stable.")
  private Channel channel;

  @JsonPropertyDescription("The images (and overrides) of the stable and beta channels.")
  @Required
  private Channels channels;

  @JsonPropertyDescription("Number of pods. Most self-hosted apps run one.")
  @Min(0)
  @Max(50)
  private Integer replicas;

  @JsonPropertyDescription("Ports the container listens on.")
  @Size(max = 16)
  @ValidationRule(
      value = "self.all(a, self.exists_one(b, b.name == a.name))",
      message = "ports must have unique names: two ports share a name")
  @ValidationRule(
      value = "self.all(a, self.exists_one(b, b.port == a.port))",
      message = "ports must have unique ports: two ports share a port")
  private List<PortSpec> ports;

  @JsonPropertyDescription(
      "Environment variables. Pass secrets with valueFrom.secretKeyRef, never as a literal value.")
  @Size(max = 64)
  @ValidationRule(
      value = "self.all(a, self.exists_one(b, b.name == a.name))",
      message = "env must have unique names: two variables share a name")
  @ValidationRule(
      value = "self.all(e, e.name.matches('^[-._a-zA-Z][-._a-zA-Z0-9]*$'))",
      message =
          "env names must be valid environment variable names (letters, digits, '_', '-', '.')")
  @SchemaFrom(type = EnvVarSchema[].class)
  private List<EnvVar> env;

  @JsonPropertyDescription(
      "Configuration entries, rendered into a content-addressed ConfigMap and passed as environment variables.")
  @Size(max = 128)
  @ValidationRule(
      value = "self.all(k, k.matches('^[-._a-zA-Z][-._a-zA-Z0-9]*$'))",
      message =
          "config keys must be valid environment variable names (letters, digits, '_', '-', '.'); rename the key")
  private Map<String, String> config;

  @JsonPropertyDescription(
      "Files rendered into a content-addressed ConfigMap and mounted read-only.")
  @Size(max = 16)
  @ValidationRule(
      value = "self.all(a, self.exists_one(b, b.path == a.path))",
      message = "configFiles must have unique paths: two files share a path")
  private List<ConfigFile> configFiles;

  @JsonPropertyDescription("Persistent volumes.")
  @Size(max = 8)
  @ValidationRule(
      value = "self.all(a, self.exists_one(b, b.name == a.name))",
      message = "storage must have unique names: two volumes share a name")
  @ValidationRule(
      value = "self.all(a, self.exists_one(b, b.mountPath == a.mountPath))",
      message = "storage must have unique mountPaths: two volumes share a mountPath")
  private List<StorageSpec> storage;

  @JsonPropertyDescription("Health check.")
  private HealthSpec health;

  @JsonPropertyDescription("Automatic restart and rollback settings.")
  private RecoverySpec recovery;

  @JsonPropertyDescription("How the beta channel is rolled out.")
  private BetaRolloutSpec betaRollout;

  @JsonPropertyDescription("Services that must be Ready before this one rolls out.")
  @Size(max = 16)
  private List<Dependency> dependsOn;

  @JsonPropertyDescription("Ingress for reaching the service from outside.")
  private ExposeSpec expose;

  @JsonPropertyDescription(
      "A Prometheus Operator ServiceMonitor for the metrics port of a service in no stack (a"
          + " stack's members have the stack's). Default: mode Auto, when a port is named metrics.")
  private ServiceMonitorSpec serviceMonitor;

  @JsonPropertyDescription(
      "The Kubernetes Service's type (ClusterIP, NodePort, LoadBalancer) and annotations.")
  private KubeServiceSpec service;

  @JsonPropertyDescription("CPU and memory requests and limits.")
  private ResourceRequirements resources;

  @JsonPropertyDescription(
      "Pod Security level the pods are hardened for: Restricted, Baseline, StartsAsRoot (images that"
          + " start as root and drop to PUID/PGID) or Privileged. Default: the stack's, else"
          + " StartsAsRoot for media services and Restricted for the others.")
  private SecurityProfile securityProfile;

  @JsonPropertyDescription(
      "The uid, gid, volume group, extra groups and added capabilities the app runs with, over"
          + " what securityProfile sets.")
  private SecurityContextSpec securityContext;

  @JsonPropertyDescription(
      "The container's entrypoint, replacing the image's ENTRYPOINT (Kubernetes' command).")
  @Size(max = 64)
  private List<String> command;

  @JsonPropertyDescription(
      "Arguments to the entrypoint, replacing the image's CMD (Kubernetes' args), e.g. Prometheus'"
          + " --config.file.")
  @Size(max = 256)
  private List<String> args;

  @JsonPropertyDescription("The working directory of the container's process (absolute).")
  @Pattern("^/.*")
  @Size(max = 4096)
  private String workingDir;

  @JsonPropertyDescription(
      "Volumes beside spec.storage: NFS shares, node paths, Secret or ConfigMap files, scratch"
          + " space (emptyDir, in memory with medium: Memory). Mounted with volumeMounts.")
  @Size(max = 16)
  @ValidationRule(
      value = "self.all(a, self.exists_one(b, b.name == a.name))",
      message = "volumes must have unique names: two volumes share a name")
  private List<ExtraVolume> volumes;

  @JsonPropertyDescription(
      "Where the app's container mounts volumes of spec.volumes or spec.storage beyond their own"
          + " mountPath, whole or a subPath.")
  @Size(max = 16)
  @ValidationRule(
      value = "self.all(a, self.exists_one(b, b.mountPath == a.mountPath))",
      message = "volumeMounts must have unique mountPaths: two mounts share a mountPath")
  private List<VolumeMountSpec> volumeMounts;

  @JsonPropertyDescription(
      "Containers that run to completion before the app starts, in order; with restartPolicy:"
          + " Always, a sidecar that starts first and runs beside the app.")
  @Size(max = 8)
  @ValidationRule(
      value = "self.all(a, self.exists_one(b, b.name == a.name))",
      message = "initContainers must have unique names: two containers share a name")
  private List<ExtraContainer> initContainers;

  @JsonPropertyDescription(
      "Containers that run beside the app in its pod, e.g. a VPN client for a download client.")
  @Size(max = 8)
  @ValidationRule(
      value = "self.all(a, self.exists_one(b, b.name == a.name))",
      message = "containers must have unique names: two containers share a name")
  @ValidationRule(
      value = "self.all(c, !has(c.restartPolicy))",
      message =
          "restartPolicy is only for initContainers (Always makes one a sidecar): remove it here")
  private List<ExtraContainer> containers;

  @JsonPropertyDescription("Node selector for the pods.")
  private Map<String, String> nodeSelector;

  @JsonPropertyDescription("Tolerations for the pods.")
  @Size(max = 32)
  private List<Toleration> tolerations;

  @JsonPropertyDescription("Annotations for the pods (keys under stackpilot.io/ are reserved).")
  @ValidationRule(
      value = "self.all(k, !k.startsWith('stackpilot.io/'))",
      message =
          "podAnnotations keys under stackpilot.io/ are reserved for Stackpilot: choose another prefix")
  private Map<String, String> podAnnotations;

  public String getStack() {
    return stack;
  }

  public void setStack(String stack) {
    this.stack = stack;
  }

  public Channel getChannel() {
    return channel;
  }

  public void setChannel(Channel channel) {
    this.channel = channel;
  }

  public Channels getChannels() {
    return channels;
  }

  public void setChannels(Channels channels) {
    this.channels = channels;
  }

  public Integer getReplicas() {
    return replicas;
  }

  public void setReplicas(Integer replicas) {
    this.replicas = replicas;
  }

  public List<PortSpec> getPorts() {
    return ports;
  }

  public void setPorts(List<PortSpec> ports) {
    this.ports = ports;
  }

  public List<EnvVar> getEnv() {
    return env;
  }

  public void setEnv(List<EnvVar> env) {
    this.env = env;
  }

  public Map<String, String> getConfig() {
    return config;
  }

  public void setConfig(Map<String, String> config) {
    this.config = config;
  }

  public List<ConfigFile> getConfigFiles() {
    return configFiles;
  }

  public void setConfigFiles(List<ConfigFile> configFiles) {
    this.configFiles = configFiles;
  }

  public List<StorageSpec> getStorage() {
    return storage;
  }

  public void setStorage(List<StorageSpec> storage) {
    this.storage = storage;
  }

  public HealthSpec getHealth() {
    return health;
  }

  public void setHealth(HealthSpec health) {
    this.health = health;
  }

  public RecoverySpec getRecovery() {
    return recovery;
  }

  public void setRecovery(RecoverySpec recovery) {
    this.recovery = recovery;
  }

  public BetaRolloutSpec getBetaRollout() {
    return betaRollout;
  }

  public void setBetaRollout(BetaRolloutSpec betaRollout) {
    this.betaRollout = betaRollout;
  }

  public List<Dependency> getDependsOn() {
    return dependsOn;
  }

  public void setDependsOn(List<Dependency> dependsOn) {
    this.dependsOn = dependsOn;
  }

  public ExposeSpec getExpose() {
    return expose;
  }

  public void setExpose(ExposeSpec expose) {
    this.expose = expose;
  }

  public KubeServiceSpec getService() {
    return service;
  }

  public void setService(KubeServiceSpec service) {
    this.service = service;
  }

  public ResourceRequirements getResources() {
    return resources;
  }

  public void setResources(ResourceRequirements resources) {
    this.resources = resources;
  }

  public SecurityContextSpec getSecurityContext() {
    return securityContext;
  }

  public void setSecurityContext(SecurityContextSpec securityContext) {
    this.securityContext = securityContext;
  }

  public List<String> getCommand() {
    return command;
  }

  public void setCommand(List<String> command) {
    this.command = command;
  }

  public List<String> getArgs() {
    return args;
  }

  public void setArgs(List<String> args) {
    this.args = args;
  }

  public String getWorkingDir() {
    return workingDir;
  }

  public void setWorkingDir(String workingDir) {
    this.workingDir = workingDir;
  }

  public SecurityProfile getSecurityProfile() {
    return securityProfile;
  }

  public void setSecurityProfile(SecurityProfile securityProfile) {
    this.securityProfile = securityProfile;
  }

  public List<ExtraVolume> getVolumes() {
    return volumes;
  }

  public void setVolumes(List<ExtraVolume> volumes) {
    this.volumes = volumes;
  }

  public List<VolumeMountSpec> getVolumeMounts() {
    return volumeMounts;
  }

  public void setVolumeMounts(List<VolumeMountSpec> volumeMounts) {
    this.volumeMounts = volumeMounts;
  }

  public List<ExtraContainer> getInitContainers() {
    return initContainers;
  }

  public void setInitContainers(List<ExtraContainer> initContainers) {
    this.initContainers = initContainers;
  }

  public List<ExtraContainer> getContainers() {
    return containers;
  }

  public void setContainers(List<ExtraContainer> containers) {
    this.containers = containers;
  }

  public Map<String, String> getNodeSelector() {
    return nodeSelector;
  }

  public void setNodeSelector(Map<String, String> nodeSelector) {
    this.nodeSelector = nodeSelector;
  }

  public List<Toleration> getTolerations() {
    return tolerations;
  }

  public void setTolerations(List<Toleration> tolerations) {
    this.tolerations = tolerations;
  }

  public Map<String, String> getPodAnnotations() {
    return podAnnotations;
  }

  public void setPodAnnotations(Map<String, String> podAnnotations) {
    this.podAnnotations = podAnnotations;
  }

  public ServiceMonitorSpec getServiceMonitor() {
    return serviceMonitor;
  }

  public void setServiceMonitor(ServiceMonitorSpec serviceMonitor) {
    this.serviceMonitor = serviceMonitor;
  }
}
