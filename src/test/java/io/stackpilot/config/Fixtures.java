package io.stackpilot.config;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.stackpilot.api.BetaRolloutSpec;
import io.stackpilot.api.Channel;
import io.stackpilot.api.ChannelSpec;
import io.stackpilot.api.Channels;
import io.stackpilot.api.ConfigFile;
import io.stackpilot.api.Dependency;
import io.stackpilot.api.ExposeSpec;
import io.stackpilot.api.HealthSpec;
import io.stackpilot.api.HttpCheck;
import io.stackpilot.api.MediaService;
import io.stackpilot.api.MediaServiceSpec;
import io.stackpilot.api.MediaSpec;
import io.stackpilot.api.MonitoringRole;
import io.stackpilot.api.MonitoringService;
import io.stackpilot.api.MonitoringServiceSpec;
import io.stackpilot.api.MonitoringSpec;
import io.stackpilot.api.PortSpec;
import io.stackpilot.api.PromotionPolicy;
import io.stackpilot.api.RecoverySpec;
import io.stackpilot.api.SecurityContextSpec;
import io.stackpilot.api.SecurityProfile;
import io.stackpilot.api.SecurityProvider;
import io.stackpilot.api.SecurityService;
import io.stackpilot.api.SecurityServiceSpec;
import io.stackpilot.api.SecuritySpec;
import io.stackpilot.api.ServiceDefaults;
import io.stackpilot.api.ServiceKind;
import io.stackpilot.api.ServiceSpec;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.api.ServiceStackSpec;
import io.stackpilot.api.StackService;
import io.stackpilot.api.StorageSpec;
import io.stackpilot.api.TcpCheck;
import io.stackpilot.api.TranscodeSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Small builders for the resources that layering reads. Each starts from a minimal valid object (a
 * member of stack {@value #STACK} with a stable image) and takes a lambda that sets only what a
 * test is about.
 */
final class Fixtures {

  static final String NAMESPACE = "apps";
  static final String STACK = "home";
  static final String STABLE_IMAGE = "lscr.io/linuxserver/sonarr:4.0.9";
  static final String BETA_IMAGE = "lscr.io/linuxserver/sonarr:4.0.10.2544-develop";

  private Fixtures() {}

  static MediaService mediaService(Consumer<MediaServiceSpec> customize) {
    MediaService service = new MediaService();
    service.setMetadata(metadata("sonarr"));
    service.setSpec(member(new MediaServiceSpec(), customize));
    return service;
  }

  static SecurityService securityService(Consumer<SecurityServiceSpec> customize) {
    SecurityService service = new SecurityService();
    service.setMetadata(metadata("authelia"));
    SecuritySpec security = new SecuritySpec();
    security.setProvider(SecurityProvider.AUTHELIA);
    service.setSpec(
        member(
            new SecurityServiceSpec(),
            spec -> {
              spec.setSecurity(security);
              customize.accept(spec);
            }));
    return service;
  }

  static MonitoringService monitoringService(Consumer<MonitoringServiceSpec> customize) {
    MonitoringService service = new MonitoringService();
    service.setMetadata(metadata("prometheus"));
    MonitoringSpec monitoring = new MonitoringSpec();
    monitoring.setRole(MonitoringRole.METRICS);
    service.setSpec(
        member(
            new MonitoringServiceSpec(),
            spec -> {
              spec.setMonitoring(monitoring);
              customize.accept(spec);
            }));
    return service;
  }

  static ServiceStack stack(Consumer<ServiceStackSpec> customize) {
    ServiceStack stack = new ServiceStack();
    stack.setMetadata(metadata(STACK));
    stack.setSpec(with(new ServiceStackSpec(), customize));
    return stack;
  }

  static ServiceDefaults defaults(Consumer<ServiceDefaults> customize) {
    return with(new ServiceDefaults(), customize);
  }

  static ChannelSpec channel(String image, Consumer<ChannelSpec> customize) {
    ChannelSpec channel = new ChannelSpec();
    channel.setImage(image);
    return with(channel, customize);
  }

  static EnvVar env(String name, String value) {
    return new EnvVarBuilder().withName(name).withValue(value).build();
  }

  static EnvVar secretEnv(String name, String secret, String key) {
    return new EnvVarBuilder()
        .withName(name)
        .withNewValueFrom()
        .withNewSecretKeyRef()
        .withName(secret)
        .withKey(key)
        .endSecretKeyRef()
        .endValueFrom()
        .build();
  }

  static PortSpec port(String name, int number) {
    PortSpec port = new PortSpec();
    port.setName(name);
    port.setPort(number);
    return port;
  }

  /** A volume Stackpilot creates: 1Gi mounted at /name. */
  static StorageSpec volume(String name, Consumer<StorageSpec> customize) {
    StorageSpec volume = new StorageSpec();
    volume.setName(name);
    volume.setMountPath("/" + name);
    volume.setSize("1Gi");
    return with(volume, customize);
  }

  static ConfigFile file(String path, String content) {
    ConfigFile file = new ConfigFile();
    file.setPath(path);
    file.setContent(content);
    return file;
  }

  static ResourceRequirements resources(Map<String, String> requests, Map<String, String> limits) {
    ResourceRequirements resources = new ResourceRequirements();
    resources.setRequests(quantities(requests));
    resources.setLimits(quantities(limits));
    return resources;
  }

  static RecoverySpec recovery(Consumer<RecoverySpec> customize) {
    return with(new RecoverySpec(), customize);
  }

  static HealthSpec health(Consumer<HealthSpec> customize) {
    return with(new HealthSpec(), customize);
  }

  static HttpCheck http(String path, String port) {
    HttpCheck check = new HttpCheck();
    check.setPath(path);
    check.setPort(port);
    return check;
  }

  static TcpCheck tcp(String port) {
    TcpCheck check = new TcpCheck();
    check.setPort(port);
    return check;
  }

  static Toleration toleration(String key, String value) {
    return new TolerationBuilder()
        .withKey(key)
        .withOperator("Equal")
        .withValue(value)
        .withEffect("NoSchedule")
        .build();
  }

  static LocalObjectReference pullSecret(String name) {
    return new LocalObjectReference(name);
  }

  /** A stack whose base and media defaults set something of everything a stack can set. */
  static ServiceStack stackThatSetsEverything() {
    return stack(
        s -> {
          s.setChannel(Channel.STABLE);
          s.setBase(
              defaults(
                  d -> {
                    d.setEnv(List.of(env("TZ", "UTC"), env("PUID", "1000")));
                    d.setConfig(Map.of("LOG_LEVEL", "info", "UMASK", "022"));
                    d.setResources(
                        resources(
                            Map.of("cpu", "100m", "memory", "128Mi"), Map.of("memory", "512Mi")));
                    d.setSecurityProfile(SecurityProfile.BASELINE);
                    d.setRecovery(recovery(r -> r.setFailureWindow("3m")));
                    d.setHealth(health(h -> h.setPeriodSeconds(20)));
                    d.setStorageClassName("local-path");
                    d.setNodeSelector(Map.of("kubernetes.io/arch", "amd64"));
                    d.setTolerations(List.of(toleration("dedicated", "homelab")));
                    d.setImagePullSecrets(List.of(pullSecret("regcred")));
                    d.setPodAnnotations(Map.of("backup.velero.io/enabled", "true"));
                    d.setPodLabels(Map.of("owner", "ops"));
                    SecurityContextSpec context = new SecurityContextSpec();
                    context.setFsGroup(1000L);
                    context.setSupplementalGroups(List.of(2000L));
                    d.setSecurityContext(context);
                  }));
          s.setMedia(
              defaults(
                  d -> {
                    d.setEnv(List.of(env("PGID", "1000")));
                    d.setConfig(Map.of("LOG_LEVEL", "warn"));
                    d.setResources(resources(Map.of(), Map.of("memory", "2Gi")));
                    d.setRecovery(recovery(r -> r.setRestartWindow("1h")));
                    d.setHealth(health(h -> h.setInitialDelaySeconds(30)));
                    d.setStorageClassName("nfs");
                    d.setNodeSelector(Map.of("media", "yes"));
                    d.setTolerations(List.of(toleration("gpu", "intel")));
                    d.setImagePullSecrets(List.of(pullSecret("ghcr")));
                    d.setPodAnnotations(Map.of("team", "media"));
                    d.setPodLabels(Map.of("tier", "media"));
                  }));
        });
  }

  /**
   * A media service of stack {@value #STACK} that sets something of everything a service can set.
   */
  static MediaService serviceThatSetsEverything() {
    return mediaService(
        spec -> {
          spec.setChannel(Channel.BETA);
          spec.getChannels().getStable().setEnv(List.of(env("CHANNEL", "stable")));
          spec.getChannels()
              .setBeta(
                  channel(
                      BETA_IMAGE,
                      beta -> {
                        beta.setEnv(List.of(env("CHANNEL", "beta")));
                        beta.setConfig(Map.of("EXPERIMENTS", "on"));
                      }));
          spec.setReplicas(2);
          spec.setPorts(List.of(port("http", 8989), port("metrics", 9707)));
          spec.setEnv(
              List.of(env("TZ", "Europe/Berlin"), secretEnv("API_KEY", "sonarr", "api-key")));
          spec.setConfig(Map.of("THEME", "dark"));
          spec.setConfigFiles(List.of(file("/config/config.xml", "<Config/>")));
          spec.setStorage(
              List.of(
                  volume("config", v -> {}),
                  volume("cache", v -> v.setStorageClassName("longhorn")),
                  volume(
                      "tv",
                      v -> {
                        v.setSize(null);
                        v.setExistingClaim("tv-library");
                      })));
          spec.setHealth(health(h -> h.setHttp(http("/ping", "http"))));
          spec.setRecovery(recovery(r -> r.setMaxRestarts(5)));
          BetaRolloutSpec rollout = new BetaRolloutSpec();
          rollout.setPromotion(PromotionPolicy.MANUAL);
          spec.setBetaRollout(rollout);
          spec.setResources(resources(Map.of("cpu", "250m"), Map.of()));
          spec.setSecurityProfile(SecurityProfile.RESTRICTED);
          SecurityContextSpec context = new SecurityContextSpec();
          context.setRunAsUser(1001L);
          context.setRunAsGroup(1001L);
          spec.setSecurityContext(context);
          spec.setCommand(List.of("/init"));
          spec.setArgs(List.of("--verbose"));
          spec.setWorkingDir("/app");
          spec.setNodeSelector(Map.of("disk", "ssd"));
          spec.setTolerations(
              List.of(toleration("dedicated", "homelab"), toleration("spot", "ok")));
          spec.setPodAnnotations(Map.of("team", "sonarr"));
          Dependency auth = new Dependency();
          auth.setKind(ServiceKind.SECURITY_SERVICE);
          auth.setName("authelia");
          spec.setDependsOn(List.of(auth));
          ExposeSpec expose = new ExposeSpec();
          expose.setHost("sonarr.home.example");
          spec.setExpose(expose);
          MediaSpec media = new MediaSpec();
          TranscodeSpec transcode = new TranscodeSpec();
          transcode.setScratchSize("10Gi");
          media.setTranscode(transcode);
          spec.setMedia(media);
        });
  }

  /** Layers the service over the stack on its selected channel, with no overlays. */
  static EffectiveService layer(StackService service, ServiceStack stack) {
    Optional<ServiceStack> theStack = Optional.of(stack);
    return Layering.layer(
        service,
        theStack,
        Layering.selectedChannel(service.serviceSpec(), theStack),
        Overlays.none());
  }

  /** Layers a service that has no stack on its selected channel, with no overlays. */
  static EffectiveService layerAlone(StackService service) {
    return Layering.layer(
        service,
        Optional.empty(),
        Layering.selectedChannel(service.serviceSpec(), Optional.empty()),
        Overlays.none());
  }

  private static <S extends ServiceSpec> S member(S spec, Consumer<? super S> customize) {
    spec.setStack(STACK);
    Channels channels = new Channels();
    channels.setStable(channel(STABLE_IMAGE, c -> {}));
    spec.setChannels(channels);
    return with(spec, customize);
  }

  private static ObjectMeta metadata(String name) {
    ObjectMeta metadata = new ObjectMeta();
    metadata.setName(name);
    metadata.setNamespace(NAMESPACE);
    return metadata;
  }

  private static Map<String, Quantity> quantities(Map<String, String> amounts) {
    Map<String, Quantity> quantities = new LinkedHashMap<>();
    amounts.forEach((resource, amount) -> quantities.put(resource, new Quantity(amount)));
    return quantities;
  }

  private static <T> T with(T value, Consumer<? super T> customize) {
    customize.accept(value);
    return value;
  }
}
