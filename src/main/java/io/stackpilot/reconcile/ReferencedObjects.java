package io.stackpilot.reconcile;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.stackpilot.datasafety.SnapshotEnvironment;
import io.stackpilot.render.Labels;
import io.stackpilot.validation.SpecReferences;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The Secrets, ConfigMaps and claims of the watched namespaces that a spec may name, kept by
 * informers so that validation reads them from memory and a change of one wakes the services that
 * name it. In a GitOps repository these arrive in no set order, and Secrets often come from another
 * controller minutes after the service that needs them: a service must notice at once, not at the
 * next resync.
 *
 * <p>No value is kept. The stores hold of a Secret or ConfigMap its name and the names of its keys
 * (every value replaced by an empty string the moment it is stored), and of a claim its name: what
 * the checks read. A metadata-only watch would not say which keys exist, which validation checks.
 * ConfigMaps Stackpilot renders itself are left out by label: no spec names them.
 */
public final class ReferencedObjects implements AutoCloseable {

  /**
   * Told of an object a spec may name that came, went, or changed its keys, after the store holds
   * it.
   */
  @FunctionalInterface
  interface Listener {
    void changed(SpecReferences.Kind kind, String namespace, String name);
  }

  private record Source(
      SpecReferences.Kind kind,
      String namespace,
      SharedIndexInformer<? extends HasMetadata> informer) {
    boolean covers(SpecReferences.Kind wanted, String other) {
      return kind == wanted && (namespace == null || namespace.equals(other));
    }
  }

  private final List<Source> sources = new ArrayList<>();
  private final List<Listener> listeners = new CopyOnWriteArrayList<>();

  /**
   * @param namespaces the watched namespaces; empty means all
   */
  ReferencedObjects(KubernetesClient client, Set<String> namespaces) {
    List<String> scopes =
        namespaces.isEmpty()
            ? Collections.singletonList(null)
            : namespaces.stream().sorted().toList();
    for (String namespace : scopes) {
      var secrets =
          namespace == null
              ? client.secrets().inAnyNamespace()
              : client.secrets().inNamespace(namespace);
      add(
          SpecReferences.Kind.SECRET,
          namespace,
          secrets.runnableInformer(0),
          ReferencedObjects::keysOfSecret);
      var maps =
          namespace == null
              ? client.configMaps().inAnyNamespace()
              : client.configMaps().inNamespace(namespace);
      add(
          SpecReferences.Kind.CONFIG_MAP,
          namespace,
          maps.withoutLabel(Labels.MANAGED_BY, Labels.MANAGER).runnableInformer(0),
          ReferencedObjects::keysOfConfigMap);
      var claims =
          namespace == null
              ? client.persistentVolumeClaims().inAnyNamespace()
              : client.persistentVolumeClaims().inNamespace(namespace);
      add(SpecReferences.Kind.CLAIM, namespace, claims.runnableInformer(0), claim -> Set.of());
    }
  }

  private <T extends HasMetadata> void add(
      SpecReferences.Kind kind,
      String namespace,
      SharedIndexInformer<T> informer,
      Function<T, Set<String>> keys) {
    informer.itemStore(new KeysOnlyStore<>(keys));
    informer.addEventHandler(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(T object) {
            tell(kind, object);
          }

          @Override
          public void onUpdate(T before, T after) {
            // Values are not kept and do not change a verdict; keys do (a key a spec names may
            // appear), and so does a claim's driver (it decides the volume's snapshot class).
            if (!Objects.equals(KeysOnlyStore.keysOf(before), KeysOnlyStore.keysOf(after))
                || !Objects.equals(
                    before.getMetadata().getAnnotations(), after.getMetadata().getAnnotations())) {
              tell(kind, after);
            }
          }

          @Override
          public void onDelete(T object, boolean finalStateUnknown) {
            tell(kind, object);
          }
        });
    sources.add(new Source(kind, namespace, informer));
  }

  private void tell(SpecReferences.Kind kind, HasMetadata object) {
    for (Listener listener : listeners) {
      listener.changed(kind, object.getMetadata().getNamespace(), object.getMetadata().getName());
    }
  }

  void addListener(Listener listener) {
    listeners.add(listener);
  }

  void removeListener(Listener listener) {
    listeners.remove(listener);
  }

  /** Starts the informers; the returned futures complete once each has listed what exists. */
  List<CompletableFuture<Void>> start() {
    return sources.stream().map(s -> s.informer().start().toCompletableFuture()).toList();
  }

  boolean synced() {
    return sources.stream().allMatch(s -> s.informer().isRunning() && s.informer().hasSynced());
  }

  /** The key names of a Secret, or empty when there is no such Secret. */
  Optional<Set<String>> secretKeys(String namespace, String name) {
    return find(SpecReferences.Kind.SECRET, namespace, name).map(KeysOnlyStore::keysOf);
  }

  /**
   * The key names of a ConfigMap (data and binaryData), or empty when there is no such ConfigMap.
   */
  Optional<Set<String>> configMapKeys(String namespace, String name) {
    return find(SpecReferences.Kind.CONFIG_MAP, namespace, name).map(KeysOnlyStore::keysOf);
  }

  boolean claimExists(String namespace, String name) {
    return find(SpecReferences.Kind.CLAIM, namespace, name).isPresent();
  }

  /** The CSI driver provisioning a claim, as its annotations name it. */
  Optional<String> claimDriver(String namespace, String name) {
    return find(SpecReferences.Kind.CLAIM, namespace, name)
        .flatMap(claim -> SnapshotEnvironment.driverFrom(claim.getMetadata().getAnnotations()));
  }

  private Optional<HasMetadata> find(SpecReferences.Kind kind, String namespace, String name) {
    for (Source source : sources) {
      if (source.covers(kind, namespace)) {
        HasMetadata found = source.informer().getStore().getByKey(namespace + "/" + name);
        if (found != null) {
          return Optional.of(found);
        }
      }
    }
    return Optional.empty();
  }

  @Override
  public void close() {
    sources.forEach(s -> s.informer().stop());
  }

  private static Set<String> keysOfSecret(Secret secret) {
    Set<String> keys = new TreeSet<>();
    Optional.ofNullable(secret.getData()).map(Map::keySet).ifPresent(keys::addAll);
    Optional.ofNullable(secret.getStringData()).map(Map::keySet).ifPresent(keys::addAll);
    return keys;
  }

  private static Set<String> keysOfConfigMap(ConfigMap map) {
    Set<String> keys = new TreeSet<>();
    Optional.ofNullable(map.getData()).map(Map::keySet).ifPresent(keys::addAll);
    Optional.ofNullable(map.getBinaryData()).map(Map::keySet).ifPresent(keys::addAll);
    return keys;
  }

  /**
   * A store that keeps an object's identity and, as the data of a Secret or ConfigMap, its key
   * names with empty values. It empties the object it is given, before the informer tells any
   * handler of it, so no value outlives the decoding of the watch event that carried it.
   */
  static final class KeysOnlyStore<T extends HasMetadata> extends BasicItemStore<T> {

    private final Function<T, Set<String>> keys;

    KeysOnlyStore(Function<T, Set<String>> keys) {
      super(Cache::metaNamespaceKeyFunc);
      this.keys = keys;
    }

    @Override
    public T put(String key, T object) {
      Map<String, String> emptied = new TreeMap<>();
      keys.apply(object).forEach(name -> emptied.put(name, ""));
      ObjectMeta metadata = object.getMetadata();
      ObjectMeta kept =
          new ObjectMetaBuilder()
              .withName(metadata.getName())
              .withNamespace(metadata.getNamespace())
              .withUid(metadata.getUid())
              .withResourceVersion(metadata.getResourceVersion())
              .build();
      if (object instanceof PersistentVolumeClaim) {
        // Its driver decides the default snapshot class of a volume that mounts it.
        SnapshotEnvironment.driverFrom(metadata.getAnnotations())
            .ifPresent(
                driver ->
                    kept.setAnnotations(
                        Map.of(SnapshotEnvironment.PROVISIONER_ANNOTATION, driver)));
      }
      object.setMetadata(kept);
      if (object instanceof Secret secret) {
        secret.setData(emptied);
        secret.setStringData(null);
      } else if (object instanceof ConfigMap map) {
        map.setData(emptied);
        map.setBinaryData(null);
      } else if (object instanceof PersistentVolumeClaim claim) {
        claim.setSpec(null);
        claim.setStatus(null);
      }
      return super.put(key, object);
    }

    /** The key names an emptied Secret or ConfigMap keeps; none for anything else. */
    static Set<String> keysOf(HasMetadata object) {
      Map<String, String> data =
          object instanceof Secret secret
              ? secret.getData()
              : object instanceof ConfigMap map ? map.getData() : null;
      return data == null ? Set.of() : new TreeSet<>(data.keySet());
    }
  }
}
