package io.stackpilot.validation;

import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.LocalObjectReference;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks that the Secrets and ConfigMaps a spec refers to exist and hold the keys it names. Only
 * key names are ever read or shown, never values.
 */
final class ObjectReferenceChecks {

  private ObjectReferenceChecks() {}

  /**
   * A missing Secret or ConfigMap keeps the pod from starting (CreateContainerConfigError), so it
   * is an error, unless the reference is optional.
   *
   * @param path the env list, e.g. {@code spec.env}
   */
  static void env(String path, List<EnvVar> env, ClusterFacts facts, Findings findings) {
    for (int i = 0; i < Nulls.list(env).size(); i++) {
      EnvVar variable = env.get(i);
      EnvVarSource source = variable.getValueFrom();
      if (source == null) {
        continue;
      }
      String at = path + "[" + i + "].valueFrom.";
      SecretKeySelector secret = source.getSecretKeyRef();
      if (secret != null && !Boolean.TRUE.equals(secret.getOptional())) {
        keyExists(
            at + "secretKeyRef",
            variable.getName(),
            "Secret",
            secret.getName(),
            secret.getKey(),
            facts.secretKeys(),
            findings);
      }
      ConfigMapKeySelector configMap = source.getConfigMapKeyRef();
      if (configMap != null && !Boolean.TRUE.equals(configMap.getOptional())) {
        keyExists(
            at + "configMapKeyRef",
            variable.getName(),
            "ConfigMap",
            configMap.getName(),
            configMap.getKey(),
            facts.configMapKeys(),
            findings);
      }
    }
  }

  private static void keyExists(
      String reference,
      String variable,
      String kind,
      String name,
      String key,
      Map<String, Set<String>> objects,
      Findings findings) {
    if (name == null || name.isEmpty() || key == null || key.isEmpty()) {
      String field = reference + (name == null || name.isEmpty() ? ".name" : ".key");
      findings.error(
          field, field + " of " + variable + " is missing: name the " + kind + " and its key");
      return;
    }
    Set<String> keys = objects.get(name);
    if (keys == null) {
      String field = reference + ".name";
      findings.error(
          field,
          field
              + " of "
              + variable
              + " names "
              + kind
              + " "
              + name
              + ", which does not exist in this namespace: create it, fix the name, or set optional: true if the"
              + " variable may be absent");
    } else if (!keys.contains(key)) {
      String field = reference + ".key";
      findings.error(
          field,
          field
              + " of "
              + variable
              + " names key "
              + key
              + ", which "
              + kind
              + " "
              + name
              + " does not have (it has "
              + new TreeSet<>(keys)
              + "): fix the key, or add it to the "
              + kind);
    }
  }

  /** An entry of an imagePullSecrets list that names a Secret that does not exist. */
  record MissingPullSecret(String field, String secretName) {}

  /**
   * The pull secrets that do not exist. A missing one only matters for images from a private
   * registry, which validation cannot tell, so callers report them as warnings.
   *
   * @param path the list, e.g. {@code spec.base.imagePullSecrets}
   */
  static List<MissingPullSecret> missingPullSecrets(
      String path, List<LocalObjectReference> secrets, ClusterFacts facts) {
    List<MissingPullSecret> missing = new ArrayList<>();
    for (int i = 0; i < Nulls.list(secrets).size(); i++) {
      String name = secrets.get(i).getName();
      if (!facts.secretKeys().containsKey(name)) {
        missing.add(new MissingPullSecret(path + "[" + i + "].name", name));
      }
    }
    return missing;
  }
}
