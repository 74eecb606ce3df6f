package io.stackpilot.reconcile;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.GroupVersionKind;
import io.javaoperatorsdk.operator.processing.event.EventSourceRetriever;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.Mappers;
import io.stackpilot.render.HttpRouteRenderer;
import io.stackpilot.wiring.CompanionApi;
import java.util.List;
import java.util.Optional;

/**
 * The HTTPRoutes a controller's services own, watched only while the cluster serves the Gateway
 * API, which is an add-on: the informer is added to the controller the first time a reconcile finds
 * the API there, and removed once it is gone (an informer on a missing API would only fail). Its
 * cache lets a route be compared without a read, a route deleted by hand wake its service, and a
 * route the spec no longer asks for (exposure removed, or moved to an Ingress) be pruned.
 */
final class RouteWatch {

  static final String NAME = "httproutes";

  private static final GroupVersionKind ROUTES =
      new GroupVersionKind(
          CompanionApi.GATEWAY_HTTP_ROUTE.group(),
          HttpRouteRenderer.API_VERSION.substring(HttpRouteRenderer.API_VERSION.indexOf('/') + 1),
          HttpRouteRenderer.KIND);

  private RouteWatch() {}

  /** The routes the service owns; none while the cluster has no Gateway API. */
  static <S extends HasMetadata> List<GenericKubernetesResource> routesOf(
      OperatorContext operator, S service, Context<S> context) {
    EventSourceRetriever<S> sources = context.eventSourceRetriever();
    boolean served = operator.companionApis().present(CompanionApi.GATEWAY_HTTP_ROUTE);
    synchronized (sources) {
      Optional<InformerEventSource<GenericKubernetesResource, S>> watching = registered(sources);
      if (!served) {
        if (watching.isPresent()) {
          sources.dynamicallyDeRegisterEventSource(NAME);
        }
        return List.of();
      }
      InformerEventSource<GenericKubernetesResource, S> routes =
          watching.orElseGet(() -> register(sources, service));
      return List.copyOf(routes.getSecondaryResources(service));
    }
  }

  @SuppressWarnings("unchecked")
  private static <S extends HasMetadata>
      Optional<InformerEventSource<GenericKubernetesResource, S>> registered(
          EventSourceRetriever<S> sources) {
    return sources.getEventSourcesFor(GenericKubernetesResource.class).stream()
        .filter(source -> NAME.equals(source.name()))
        .map(source -> (InformerEventSource<GenericKubernetesResource, S>) source)
        .findFirst();
  }

  @SuppressWarnings("unchecked")
  private static <S extends HasMetadata> InformerEventSource<GenericKubernetesResource, S> register(
      EventSourceRetriever<S> sources, S service) {
    var context = sources.eventSourceContextForDynamicRegistration();
    Class<S> kind = (Class<S>) service.getClass();
    InformerEventSource<GenericKubernetesResource, S> routes =
        new InformerEventSource<>(
            InformerEventSourceConfiguration.from(ROUTES, kind)
                .withName(NAME)
                .withLabelSelector(ServiceEventSources.renderedFor(kind))
                .withItemStore(TrimmedItemStore.keepingOwnEntries(context))
                .withSecondaryToPrimaryMapper(Mappers.fromOwnerReferences(kind))
                .build(),
            context);
    return (InformerEventSource<GenericKubernetesResource, S>)
        sources.dynamicallyRegisterEventSource(routes);
  }
}
