package io.stackpilot.reconcile;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.event.EventSourceRetriever;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.stackpilot.wiring.CompanionApi;
import java.util.List;
import java.util.Optional;

/**
 * The objects of an add-on's API that a controller's services own (HTTPRoutes, ServiceMonitors),
 * watched only while the cluster serves that API: the informer is added to the controller the first
 * time a reconcile finds the API there, and removed once it is gone (an informer on a missing API
 * would only fail). Its cache lets such an object be compared without a read, one deleted by hand
 * wake its service, and one the spec no longer asks for be pruned.
 */
enum CompanionWatch {
  ROUTES(CompanionApi.GATEWAY_HTTP_ROUTE, "httproutes"),
  MONITORS(CompanionApi.SERVICE_MONITOR, "servicemonitors");

  private final CompanionApi api;
  private final String name;
  private final GroupVersionKind kind;

  CompanionWatch(CompanionApi api, String name) {
    this.api = api;
    this.name = name;
    this.kind = new GroupVersionKind(api.apiVersion(), api.kind());
  }

  /** An object of a kind one of these watches keeps: compared from its cache, never read. */
  static boolean watched(HasMetadata object) {
    for (CompanionWatch watch : values()) {
      if (watch.api.kind().equals(object.getKind())
          && watch.api.apiVersion().equals(object.getApiVersion())) {
        return true;
      }
    }
    return false;
  }

  /** The objects the service owns; none while the cluster does not serve the API. */
  <S extends HasMetadata> List<GenericKubernetesResource> ownedBy(
      OperatorContext operator, S service, Context<S> context) {
    EventSourceRetriever<S> sources = context.eventSourceRetriever();
    boolean served = operator.companionApis().present(api);
    synchronized (sources) {
      Optional<InformerEventSource<GenericKubernetesResource, S>> watching = registered(sources);
      if (!served) {
        if (watching.isPresent()) {
          sources.dynamicallyDeRegisterEventSource(name);
        }
        return List.of();
      }
      InformerEventSource<GenericKubernetesResource, S> owned =
          watching.orElseGet(() -> register(sources, service));
      return List.copyOf(owned.getSecondaryResources(service));
    }
  }

  @SuppressWarnings("unchecked")
  private <S extends HasMetadata>
      Optional<InformerEventSource<GenericKubernetesResource, S>> registered(
          EventSourceRetriever<S> sources) {
    return sources.getEventSourcesFor(GenericKubernetesResource.class).stream()
        .filter(source -> name.equals(source.name()))
        .map(source -> (InformerEventSource<GenericKubernetesResource, S>) source)
        .findFirst();
  }

  @SuppressWarnings("unchecked")
  private <S extends HasMetadata> InformerEventSource<GenericKubernetesResource, S> register(
      EventSourceRetriever<S> sources, S service) {
    var context = sources.eventSourceContextForDynamicRegistration();
    Class<S> serviceKind = (Class<S>) service.getClass();
    InformerEventSource<GenericKubernetesResource, S> owned =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(kind, serviceKind)
                .withName(name)
                .withLabelSelector(ServiceEventSources.renderedFor(serviceKind))
                .withItemStore(TrimmedItemStore.keepingOwnEntries(context))
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(serviceKind))
                .build(),
            context);
    return (InformerEventSource<GenericKubernetesResource, S>)
        sources.dynamicallyRegisterEventSource(owned);
  }
}
