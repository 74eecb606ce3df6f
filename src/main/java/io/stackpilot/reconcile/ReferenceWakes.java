package io.stackpilot.reconcile;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import io.stackpilot.validation.SpecReferences;
import io.stackpilot.wiring.CompanionApi;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Wakes the resources of a controller whose verdict reads an object that came, went or changed its
 * keys (a Secret, ConfigMap or claim their spec names, see {@link SpecReferences}), and every
 * resource when a companion API appeared or went (rare, and any of them may render its objects).
 *
 * <p>The wakes come from the handlers of the very informers validation reads ({@link
 * ReferencedObjects}, {@link CompanionApis}), which run only after the informer holds the change:
 * the reconcile they cause sees it. Nothing here waits for the periodic resync.
 */
final class ReferenceWakes<P extends HasMetadata> extends AbstractEventSource<HasMetadata, P> {

  /** A change of an object a spec may name, in a namespace. */
  record Change(SpecReferences.Kind kind, String namespace, String name) {}

  private final ReferencedObjects referenced;
  private final CompanionApis companionApis;
  private final Function<String, Stream<P>> inNamespace;
  private final Function<P, SpecReferences> referencesOf;
  private final Supplier<Stream<P>> all;
  private final ReferencedObjects.Listener onReference = this::referenceChanged;
  private final Consumer<CompanionApi> onApi = api -> wake(allResources());

  /**
   * @param inNamespace the controller's resources in a namespace, from its cache
   * @param all every resource of the controller, from its cache
   * @param referencesOf what a resource's verdict reads
   */
  ReferenceWakes(
      ReferencedObjects referenced,
      CompanionApis companionApis,
      Function<String, Stream<P>> inNamespace,
      Supplier<Stream<P>> all,
      Function<P, SpecReferences> referencesOf) {
    super(HasMetadata.class, "references");
    this.referenced = referenced;
    this.companionApis = companionApis;
    this.inNamespace = inNamespace;
    this.all = all;
    this.referencesOf = referencesOf;
  }

  private Stream<P> allResources() {
    return all.get();
  }

  private void referenceChanged(SpecReferences.Kind kind, String namespace, String name) {
    wake(inNamespace.apply(namespace).filter(naming(new Change(kind, namespace, name))));
  }

  /** Whether a resource's verdict reads the changed object. */
  Predicate<P> naming(Change change) {
    return resource -> referencesOf.apply(resource).names(change.kind(), change.name());
  }

  private void wake(Stream<P> resources) {
    resources.forEach(
        resource -> getEventHandler().handleEvent(new Event(ResourceID.fromResource(resource))));
  }

  @Override
  public void start() {
    referenced.addListener(onReference);
    companionApis.addListener(onApi);
    super.start();
  }

  @Override
  public void stop() {
    referenced.removeListener(onReference);
    companionApis.removeListener(onApi);
    super.stop();
  }

  @Override
  public Set<HasMetadata> getSecondaryResources(P primary) {
    return Set.of();
  }
}
