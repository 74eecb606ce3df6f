package io.stackpilot.config;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import io.stackpilot.api.Channel;
import io.stackpilot.api.ChannelSpec;
import io.stackpilot.api.Channels;
import io.stackpilot.api.ConfigFile;
import io.stackpilot.api.MediaServiceSpec;
import io.stackpilot.api.MonitoringServiceSpec;
import io.stackpilot.api.PortSpec;
import io.stackpilot.api.PromotionPolicy;
import io.stackpilot.api.SecurityProfile;
import io.stackpilot.api.SecurityServiceSpec;
import io.stackpilot.api.ServiceDefaults;
import io.stackpilot.api.ServiceKind;
import io.stackpilot.api.ServiceSpec;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.api.ServiceStackSpec;
import io.stackpilot.api.StackService;
import io.stackpilot.api.StorageSpec;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Layered configuration: the effective configuration of a service, each layer over the one before:
 * built-in defaults, the stack's base, the stack's defaults for the service's category, the service
 * spec, the channel's overrides, the security overlay and the monitoring overlay.
 *
 * <p>A pure function of its arguments. It never changes them (they are the user's resources, which
 * the operator must not write) and shares no mutable object with them.
 */
public final class Layering {

  private Layering() {}

  /** The channel a service runs: its spec.channel, else its stack's spec.channel, else stable. */
  public static Channel selectedChannel(ServiceSpec spec, Optional<ServiceStack> stack) {
    return ChannelSelection.selected(spec, stack);
  }

  /**
   * The effective configuration of {@code service} on {@code channel}. The caller picks the channel
   * rather than layering the selected one, because a beta canary runs the stable and the beta
   * configuration side by side.
   *
   * @param stack the ServiceStack that the service's spec.stack names, if it exists
   * @param overlays what the security and monitoring services in front of this one add
   * @throws IllegalArgumentException when {@code channel} has no image, when {@code stack} is not
   *     the stack the service names, or when a duration does not parse; validation reports these
   *     first
   */
  public static EffectiveService layer(
      StackService service, Optional<ServiceStack> stack, Channel channel, Overlays overlays) {
    ServiceSpec spec = service.serviceSpec();
    String serviceName = service.serviceKind().value() + " " + service.getMetadata().getName();
    String serviceLocation = serviceName + ": spec";
    requireTheNamedStack(serviceName, spec, stack);
    ChannelSpec channelSpec = channelWithImage(serviceName, spec, channel);
    List<LayerInput> layers = new ArrayList<>();
    stack.ifPresent(s -> layers.addAll(stackLayers(s, service.serviceKind())));
    layers.add(LayerInput.serviceSpec(serviceLocation, spec));
    layers.add(
        LayerInput.channelOverrides(serviceLocation + ".channels." + channel.value(), channelSpec));

    Map<String, Layer> provenance = new TreeMap<>();
    provenance.put("channel", ChannelSelection.chosenBy(channel, spec, stack));
    provenance.put("image", Layer.CHANNEL);
    var replicas = new LayeredValue<>("replicas", BuiltInDefaults.REPLICAS, provenance);
    replicas.set(Layer.SERVICE, spec.getReplicas());
    var ports = new LayeredList<>("ports", PortSpec::getName, provenance);
    ports.put(Layer.SERVICE, spec.getPorts());
    var configFiles = new LayeredList<>("configFiles", ConfigFile::getPath, provenance);
    configFiles.put(Layer.SERVICE, spec.getConfigFiles());

    var env = new LayeredList<>("env", EnvVar::getName, provenance);
    LayeredMap<String> config = LayeredMap.ofStrings("config", provenance);
    var securityProfile =
        new LayeredValue<>(
            "securityProfile", SecurityProfile.defaultFor(service.serviceKind()), provenance);
    LayeredMap<String> nodeSelector = LayeredMap.ofStrings("nodeSelector", provenance);
    var imagePullSecrets =
        new LayeredList<>("imagePullSecrets", LocalObjectReference::getName, provenance);
    LayeredMap<String> podAnnotations = LayeredMap.ofStrings("podAnnotations", provenance);
    LayeredMap<String> podLabels = LayeredMap.ofStrings("podLabels", provenance);
    // Tolerations have no name to merge by: the stack's come first, and a repeat adds nothing.
    Set<Toleration> tolerations = new LinkedHashSet<>();
    for (LayerInput input : layers) {
      env.put(input.layer(), input.env());
      config.put(input.layer(), input.config());
      securityProfile.set(input.layer(), input.securityProfile());
      nodeSelector.put(input.layer(), input.nodeSelector());
      imagePullSecrets.put(input.layer(), input.imagePullSecrets());
      podAnnotations.put(input.layer(), input.podAnnotations());
      podLabels.put(input.layer(), input.podLabels());
      if (input.tolerations() != null) {
        input.tolerations().forEach(toleration -> tolerations.add(Copies.deep(toleration)));
      }
    }
    OverlayLayering.apply(overlays, ports.items(), podLabels, podAnnotations);

    List<StorageSpec> storage = StorageLayering.layer(spec.getStorage(), layers, provenance);
    HealthSettings health = HealthLayering.layer(layers, provenance);
    ContainerSettings container = ContainerLayering.layer(spec, layers, provenance);
    PodAdditions additions = PodAdditionsLayering.layer(spec, channelSpec, provenance);
    RecoverySettings recovery = RecoveryLayering.layer(layers, provenance);
    ResourceRequirements resources = ResourcesLayering.layer(layers, provenance);
    List<RolloutStageSettings> betaStages =
        BetaRolloutLayering.stages(spec.getBetaRollout(), serviceLocation, provenance);
    PromotionPolicy promotion = BetaRolloutLayering.promotion(spec.getBetaRollout(), provenance);
    return new EffectiveService(
        service.getMetadata().getNamespace(),
        service.getMetadata().getName(),
        service.serviceKind(),
        Optional.ofNullable(spec.getStack()),
        channel,
        channelSpec.getImage(),
        replicas.value(),
        ports.items(),
        env.items(),
        config.entries(),
        configFiles.items(),
        storage,
        health,
        recovery,
        resources,
        securityProfile.value(),
        container,
        additions,
        nodeSelector.entries(),
        List.copyOf(tolerations),
        imagePullSecrets.items(),
        podAnnotations.entries(),
        podLabels.entries(),
        ExposureLayering.layer(spec.getExpose(), layers, provenance),
        Optional.ofNullable(Copies.deep(spec.getService())),
        categoryBlock(spec, MediaServiceSpec.class, MediaServiceSpec::getMedia),
        categoryBlock(spec, SecurityServiceSpec.class, SecurityServiceSpec::getSecurity),
        categoryBlock(spec, MonitoringServiceSpec.class, MonitoringServiceSpec::getMonitoring),
        betaStages,
        promotion,
        Copies.deepEach(spec.getDependsOn()),
        Provenance.of(provenance));
  }

  // Layering a service over some other stack would silently give it that stack's defaults.
  private static void requireTheNamedStack(
      String serviceName, ServiceSpec spec, Optional<ServiceStack> stack) {
    stack
        .map(s -> s.getMetadata().getName())
        .filter(stackName -> !stackName.equals(spec.getStack()))
        .ifPresent(
            stackName -> {
              throw new IllegalArgumentException(
                  serviceName
                      + " has spec.stack "
                      + spec.getStack()
                      + " but was layered over ServiceStack "
                      + stackName
                      + ": pass the stack that spec.stack names, or none");
            });
  }

  private static ChannelSpec channelWithImage(
      String serviceName, ServiceSpec spec, Channel channel) {
    Channels channels = spec.getChannels();
    ChannelSpec channelSpec =
        channels == null
            ? null
            : switch (channel) {
              case STABLE -> channels.getStable();
              case BETA -> channels.getBeta();
            };
    if (channelSpec == null || channelSpec.getImage() == null || channelSpec.getImage().isBlank()) {
      String fix =
          switch (channel) {
            case STABLE -> "set channels.stable.image to the image the service runs";
            case BETA -> "add channels.beta with an image, or set channel: stable";
          };
      throw new IllegalArgumentException(
          serviceName
              + ": spec.channels."
              + channel.value()
              + ".image is missing, so channel "
              + channel.value()
              + " has nothing to run: "
              + fix);
    }
    return channelSpec;
  }

  private static List<LayerInput> stackLayers(ServiceStack stack, ServiceKind kind) {
    ServiceStackSpec stackSpec = stack.getSpec();
    if (stackSpec == null) {
      return List.of();
    }
    String location = "ServiceStack " + stack.getMetadata().getName() + ": spec.";
    List<LayerInput> layers = new ArrayList<>();
    stackDefaults(Layer.STACK_BASE, location + "base", stackSpec.getBase()).ifPresent(layers::add);
    Optional<LayerInput> categoryDefaults =
        switch (kind) {
          case MEDIA_SERVICE ->
              stackDefaults(Layer.STACK_CATEGORY, location + "media", stackSpec.getMedia());
          case SECURITY_SERVICE ->
              stackDefaults(Layer.STACK_CATEGORY, location + "security", stackSpec.getSecurity());
          case MONITORING_SERVICE ->
              stackDefaults(
                  Layer.STACK_CATEGORY, location + "monitoring", stackSpec.getMonitoring());
        };
    categoryDefaults.ifPresent(layers::add);
    return layers;
  }

  private static Optional<LayerInput> stackDefaults(
      Layer layer, String location, ServiceDefaults defaults) {
    return Optional.ofNullable(defaults).map(d -> LayerInput.stackDefaults(layer, location, d));
  }

  /** The block only services of one kind have, e.g. spec.media of a MediaService. */
  private static <S extends ServiceSpec, T> Optional<T> categoryBlock(
      ServiceSpec spec, Class<S> kindSpec, Function<S, T> block) {
    return kindSpec.isInstance(spec)
        ? Optional.ofNullable(Copies.deep(block.apply(kindSpec.cast(spec))))
        : Optional.empty();
  }
}
