package io.stackpilot.testing;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.dsl.Informable;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.function.Consumer;

/**
 * Watches objects and hands each one to a consumer whenever it appears or changes; deletions are
 * ignored.
 */
public final class OnEveryChange {

  private OnEveryChange() {}

  public static <T extends HasMetadata> SharedIndexInformer<T> inform(
      Informable<T> objects, Consumer<T> consumer) {
    return objects.inform(
        new ResourceEventHandler<>() {
          @Override
          public void onAdd(T object) {
            consumer.accept(object);
          }

          @Override
          public void onUpdate(T old, T object) {
            consumer.accept(object);
          }

          @Override
          public void onDelete(T object, boolean unknown) {}
        });
  }
}
