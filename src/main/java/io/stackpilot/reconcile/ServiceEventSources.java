package io.stackpilot.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.CustomResource;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.filter.OnUpdateFilter;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.stackpilot.api.ServiceSpec;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.api.ServiceStatus;
import io.stackpilot.api.StackService;
import io.stackpilot.render.Labels;
import io.stackpilot.validation.SpecReferences;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What wakes a service controller and what its reconciles read besides the services around them:
 * the objects it renders (its own kind's, by label), their pods and claims, its stack, its
 * neighbours' changes ({@link PeerWakes}) and the inputs its verdict reads ({@link
 * ReferenceWakes}).
 */
final class ServiceEventSources {

  private ServiceEventSources() {}

  static <S extends CustomResource<? extends ServiceSpec, ServiceStatus> & StackService>
      List<EventSource<?, S>> of(OperatorContext operator, EventSourceContext<S> context) {
    Class<S> kind = context.getPrimaryResourceClass();
    context
        .getPrimaryCache()
        .addIndexer(
            ServiceReconciler.STACK_INDEX,
            service -> {
              String stack =
                  service.serviceSpec() == null ? null : service.serviceSpec().getStack();
              return stack == null
                  ? List.of()
                  : List.of(stack + "/" + service.getMetadata().getNamespace());
            });
    InformerEventSource<ServiceStack, S> stacks =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(ServiceStack.class, kind)
                .withItemStore(TrimmedItemStore.withoutManagedFields(context))
                .withSecondaryToPrimaryMapper(
                    (ServiceStack stack) ->
                        context
                            .getPrimaryCache()
                            .byIndex(
                                ServiceReconciler.STACK_INDEX,
                                stack.getMetadata().getName()
                                    + "/"
                                    + stack.getMetadata().getNamespace())
                            .stream()
                            .map(ResourceID::fromResource)
                            .collect(Collectors.toSet()))
                .withPrimaryToSecondaryMapper(
                    (S service) ->
                        service.serviceSpec() == null || service.serviceSpec().getStack() == null
                            ? Set.of()
                            : Set.of(
                                new ResourceID(
                                    service.serviceSpec().getStack(),
                                    service.getMetadata().getNamespace())))
                .build(),
            context);
    InformerEventSource<Deployment, S> deployments =
        owned(Deployment.class, kind, context, HealthChanged.ofDeployments());
    operator.renderedDeployments().add(deployments);
    return List.of(
        new PeerWakes<>(operator.neighbours(), context),
        deployments,
        owned(Service.class, kind, context, null),
        owned(ConfigMap.class, kind, context, null),
        owned(Ingress.class, kind, context, null),
        owned(NetworkPolicy.class, kind, context, null),
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(Pod.class, kind)
                .withLabelSelector(renderedFor(kind))
                .withItemStore(TrimmedItemStore.podsAsHealthReadsThem(context))
                .withOnUpdateFilter(HealthChanged.ofPods())
                .withSecondaryToPrimaryMapper(pod -> byServiceLabel(pod, kind))
                .build(),
            context),
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(PersistentVolumeClaim.class, kind)
                .withLabelSelector(renderedFor(kind))
                .withItemStore(TrimmedItemStore.keepingOwnEntries(context))
                .withSecondaryToPrimaryMapper(claim -> byServiceLabel(claim, kind))
                .build(),
            context),
        stacks,
        new ReferenceWakes<S>(
            operator.referenced(),
            operator.companionApis(),
            namespace -> context.getPrimaryCache().list(namespace),
            () -> context.getPrimaryCache().list(),
            service -> SpecReferences.ofService(service, stackOf(service, stacks))));
  }

  private static <S extends StackService> Optional<ServiceStack> stackOf(
      S service, InformerEventSource<ServiceStack, S> stacks) {
    String stack = service.serviceSpec() == null ? null : service.serviceSpec().getStack();
    return stack == null
        ? Optional.empty()
        : stacks.get(new ResourceID(stack, service.getMetadata().getNamespace()));
  }

  /**
   * @param updates which updates wake the service; null for all
   */
  private static <R extends HasMetadata, P extends HasMetadata> InformerEventSource<R, P> owned(
      Class<R> type, Class<P> kind, EventSourceContext<P> context, OnUpdateFilter<R> updates) {
    return new InformerEventSource<>(
        InformerEventSourceConfiguration.from(type, kind)
            .withLabelSelector(renderedFor(kind))
            .withItemStore(TrimmedItemStore.keepingOwnEntries(context))
            .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(kind))
            .withOnUpdateFilter(updates)
            .build(),
        context);
  }

  /**
   * What a controller watches of what Stackpilot renders: its own kind's objects only, by the kind
   * label every rendered object carries. Selecting on the manager label alone had each of the three
   * controllers hold, and decode every change of, every Deployment, pod and ConfigMap of all three
   * kinds.
   */
  static String renderedFor(Class<?> kind) {
    return Labels.MANAGED_BY
        + "="
        + Labels.MANAGER
        + ","
        + Labels.KIND
        + "="
        + kind.getSimpleName();
  }

  /**
   * Pods and claims carry the service's name and kind in labels; claims have no owner on purpose.
   */
  private static Set<ResourceID> byServiceLabel(HasMetadata object, Class<?> kind) {
    var labels = object.getMetadata().getLabels();
    if (labels == null || !kind.getSimpleName().equals(labels.get(Labels.KIND))) {
      return Set.of();
    }
    return Labels.serviceOf(object)
        .map(service -> Set.of(new ResourceID(service, object.getMetadata().getNamespace())))
        .orElse(Set.of());
  }
}
