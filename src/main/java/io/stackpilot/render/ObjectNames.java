package io.stackpilot.render;

import io.stackpilot.api.StorageSpec;

/**
 * Names of the objects rendered for a service. API validation keeps service names to 40 characters
 * so these fit.
 */
public final class ObjectNames {

  private ObjectNames() {}

  public static String configMap(String service, String contentHash) {
    return service + "-cfg-" + contentHash;
  }

  public static String filesConfigMap(String service, String contentHash) {
    return service + "-files-" + contentHash;
  }

  /** The claim a storage item uses: the user's own, or the one Stackpilot creates. */
  public static String claim(String service, StorageSpec storage) {
    if (storage.getExistingClaim() != null && !storage.getExistingClaim().isEmpty()) {
      return storage.getExistingClaim();
    }
    return service + "-" + storage.getName();
  }
}
