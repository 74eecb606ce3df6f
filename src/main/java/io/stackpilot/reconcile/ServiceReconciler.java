package io.stackpilot.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.stackpilot.api.Channel;
import io.stackpilot.api.ServiceSpec;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.api.ServiceStatus;
import io.stackpilot.api.StackService;
import io.stackpilot.config.EffectiveService;
import io.stackpilot.config.Layering;
import io.stackpilot.config.Overlays;
import io.stackpilot.health.DeploymentObservation;
import io.stackpilot.lifecycle.DesiredRevision;
import io.stackpilot.lifecycle.Phase;
import io.stackpilot.lifecycle.ServiceObservation;
import io.stackpilot.lifecycle.ServiceStatusCalculator;
import io.stackpilot.render.Labels;
import io.stackpilot.render.RenderedService;
import io.stackpilot.render.ServiceRenderer;
import io.stackpilot.validation.ClusterFacts;
import io.stackpilot.validation.SpecValidator;
import io.stackpilot.validation.ValidationReport;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The reconciler every service kind shares. It reads the service, its stack and what it owns from
 * the informer caches, asks the pure core what to run (validate, layer, render, compute status), and
 * writes only what differs from the cluster. An invalid spec never touches what is running.
 */
public abstract class ServiceReconciler<S extends CustomResource<? extends ServiceSpec, ServiceStatus> & StackService>
    implements Reconciler<S> {

  static final String STACK_INDEX = "stackpilot-stack";
  private static final String MANAGED = Labels.MANAGED_BY + "=" + Labels.MANAGER;

  private final OperatorContext operator;

  protected ServiceReconciler(OperatorContext operator) {
    this.operator = operator;
  }

  @Override
  public List<EventSource<?, S>> prepareEventSources(EventSourceContext<S> context) {
    Class<S> kind = context.getPrimaryResourceClass();
    context.getPrimaryCache().addIndexer(STACK_INDEX, service -> {
      String stack = service.serviceSpec() == null ? null : service.serviceSpec().getStack();
      return stack == null ? List.of() : List.of(stack + "/" + service.getMetadata().getNamespace());
    });
    return List.of(
        owned(Deployment.class, kind, context),
        owned(Service.class, kind, context),
        owned(ConfigMap.class, kind, context),
        owned(Ingress.class, kind, context),
        new InformerEventSource<>(InformerEventSourceConfiguration.from(Pod.class, kind)
            .withLabelSelector(MANAGED)
            .withSecondaryToPrimaryMapper(pod -> byInstanceLabel(pod, kind))
            .build(), context),
        new InformerEventSource<>(InformerEventSourceConfiguration.from(PersistentVolumeClaim.class, kind)
            .withLabelSelector(MANAGED)
            .withSecondaryToPrimaryMapper(claim -> byInstanceLabel(claim, kind))
            .build(), context),
        new InformerEventSource<>(InformerEventSourceConfiguration.from(ServiceStack.class, kind)
            .withSecondaryToPrimaryMapper((ServiceStack stack) -> context.getPrimaryCache()
                .byIndex(STACK_INDEX, stack.getMetadata().getName() + "/" + stack.getMetadata().getNamespace())
                .stream().map(ResourceID::fromResource).collect(java.util.stream.Collectors.toSet()))
            .withPrimaryToSecondaryMapper((S service) -> service.serviceSpec().getStack() == null ? Set.of()
                : Set.of(new ResourceID(service.serviceSpec().getStack(), service.getMetadata().getNamespace())))
            .build(), context));
  }

  private static <R extends HasMetadata, P extends HasMetadata> InformerEventSource<R, P> owned(Class<R> type,
      Class<P> kind, EventSourceContext<P> context) {
    return new InformerEventSource<>(InformerEventSourceConfiguration.from(type, kind)
        .withLabelSelector(MANAGED)
        .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(kind))
        .build(), context);
  }

  /** Pods and claims carry the service's name and kind in labels; claims have no owner on purpose. */
  private static Set<ResourceID> byInstanceLabel(HasMetadata object, Class<?> kind) {
    var labels = object.getMetadata().getLabels();
    if (labels == null || !kind.getSimpleName().equals(labels.get(Labels.KIND))) {
      return Set.of();
    }
    String instance = labels.get(Labels.INSTANCE);
    return instance == null ? Set.of() : Set.of(new ResourceID(instance, object.getMetadata().getNamespace()));
  }

  @Override
  public UpdateControl<S> reconcile(S service, Context<S> context) {
    Optional<ServiceStack> stack = context.getSecondaryResource(ServiceStack.class);
    ClusterFacts facts = operator.factsReader().forService(service, stack);
    ValidationReport report = SpecValidator.validateService(service, facts);

    Optional<DesiredRevision> desired = Optional.empty();
    if (report.isValid()) {
      desired = Optional.of(applyDesired(service, stack, context));
    }

    Optional<Deployment> deployment = context.getSecondaryResources(Deployment.class).stream()
        .filter(d -> d.getMetadata().getName().equals(service.getMetadata().getName()))
        .findFirst();
    ServiceStatus previous = service.getStatus();
    ServiceStatus next = ServiceStatusCalculator.compute(new ServiceObservation(
        service.getMetadata().getGeneration(),
        report.toStatus(),
        desired,
        deployment.map(DeploymentObservation::of),
        previous), operator.clock().instant());

    recordTransitions(service, previous, next);
    operator.meters().counter("stackpilot_reconciles_total", "kind", service.getKind()).increment();
    if (StatusComparison.same(previous, next)) {
      return UpdateControl.noUpdate();
    }
    service.setStatus(next);
    operator.writes().record(service.getKind() + "/status");
    return UpdateControl.patchStatus(service);
  }

  private DesiredRevision applyDesired(S service, Optional<ServiceStack> stack, Context<S> context) {
    Channel channel = Layering.selectedChannel(service.serviceSpec(), stack);
    EffectiveService effective = Layering.layer(service, stack, channel, Overlays.none());
    RenderedService rendered = ServiceRenderer.render(effective, OwnerReferences.controllerOf(service));
    for (HasMetadata object : rendered.objects()) {
      applyOne(object, context);
    }
    return new DesiredRevision(rendered.revision(), channel.value(), effective.image(), effective.replicas());
  }

  @SuppressWarnings("unchecked")
  private <R extends HasMetadata> void applyOne(R desired, Context<S> context) {
    Class<R> type = (Class<R>) desired.getClass();
    Optional<R> actual = context.getSecondaryResources(type).stream()
        .filter(o -> o.getMetadata().getName().equals(desired.getMetadata().getName()))
        .findFirst();
    operator.applier().apply(desired, actual, context);
  }

  private void recordTransitions(S service, ServiceStatus previous, ServiceStatus next) {
    String before = previous == null ? null : previous.getPhase();
    if (Objects.equals(before, next.getPhase())) {
      return;
    }
    Phase phase = Phase.parse(next.getPhase());
    switch (phase) {
      case INVALID -> operator.events().record(service, EventRecorder.Type.Warning, "InvalidSpec",
          ValidationSummary.of(next.getValidation()));
      case HEALTHY -> operator.events().record(service, EventRecorder.Type.Normal, "Healthy",
          "Revision " + next.getRevision() + " (" + next.getImage() + ") is live and ready");
      case PROGRESSING -> operator.events().record(service, EventRecorder.Type.Normal, "RollingOut",
          "Rolling out revision " + next.getDesiredRevision());
      case DEGRADED -> operator.events().record(service, EventRecorder.Type.Warning, "Degraded",
          "Revision " + next.getDesiredRevision() + " did not become ready in time");
      default -> { }
    }
  }
}
