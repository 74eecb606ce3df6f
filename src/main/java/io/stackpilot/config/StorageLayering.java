package io.stackpilot.config;

import io.stackpilot.api.StorageSpec;
import java.util.List;
import java.util.Map;

/**
 * Effective storage: the service's volumes, with the StorageClass of every claim Stackpilot creates
 * resolved: the volume's own, else the stack's default (category over base), else none, which asks
 * the cluster for its default class. A volume whose snapshots are not turned off gets the stack's
 * VolumeSnapshotClass the same way; without one, the cluster's default class for the claim's driver
 * is chosen later, from the claim ({@code SnapshotDefaults}).
 */
final class StorageLayering {

  private StorageLayering() {}

  static List<StorageSpec> layer(
      List<StorageSpec> serviceStorage, List<LayerInput> layers, Map<String, Layer> provenance) {
    var storage = new LayeredList<>("storage", StorageSpec::getName, provenance);
    storage.put(Layer.SERVICE, serviceStorage);
    LayerInput stackDefault = null;
    LayerInput snapshotDefault = null;
    for (LayerInput input : layers) {
      if (isSet(input.storageClassName())) {
        stackDefault = input;
      }
      if (isSet(input.volumeSnapshotClassName())) {
        snapshotDefault = input;
      }
    }
    // The items are layering's own copies, so completing them changes nothing the user wrote.
    List<StorageSpec> volumes = storage.items();
    for (StorageSpec volume : volumes) {
      // Unset leaves snapshots to the cluster's defaults, which a stack's class takes part in.
      if (!Boolean.FALSE.equals(volume.getSnapshotBeforeUpgrade())
          && !isSet(volume.getVolumeSnapshotClassName())
          && snapshotDefault != null) {
        volume.setVolumeSnapshotClassName(snapshotDefault.volumeSnapshotClassName());
        provenance.put(
            "storage." + volume.getName() + ".volumeSnapshotClassName", snapshotDefault.layer());
      }
      if (isSet(volume.getExistingClaim())) {
        continue; // the user's own claim already has its class; Stackpilot creates nothing
      }
      String path = "storage." + volume.getName() + ".storageClassName";
      if (isSet(volume.getStorageClassName())) {
        provenance.put(path, Layer.SERVICE);
      } else if (stackDefault != null) {
        volume.setStorageClassName(stackDefault.storageClassName());
        provenance.put(path, stackDefault.layer());
      } else {
        // Unset, not "": on a claim "" means no class at all and disables dynamic provisioning.
        volume.setStorageClassName(null);
        provenance.put(path, Layer.BUILT_IN);
      }
    }
    return volumes;
  }

  // The spec documents "" as "use the default", like an absent field.
  private static boolean isSet(String value) {
    return value != null && !value.isBlank();
  }
}
