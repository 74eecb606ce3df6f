package io.stackpilot.validation;

import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.List;
import java.util.Map;

/**
 * Reports literal env values and config entries that look like secrets. Both are errors: once such
 * a spec is applied the secret sits in the resource, its history and (for config) a ConfigMap.
 */
final class LiteralSecretChecks {

  private LiteralSecretChecks() {}

  /**
   * @param path the env list, e.g. {@code spec.env}
   */
  static void env(String path, List<EnvVar> env, Findings findings) {
    for (int i = 0; i < Nulls.list(env).size(); i++) {
      EnvVar variable = env.get(i);
      String field = path + "[" + i + "].value";
      LiteralSecretDetector.suspicion(variable.getName(), variable.getValue())
          .ifPresent(
              reason ->
                  findings.error(
                      field,
                      field
                          + " of "
                          + variable.getName()
                          + " is a literal value that looks like a secret ("
                          + reason
                          + "); anyone who can read this resource can read it: put the value in a Secret and use"
                          + " valueFrom.secretKeyRef instead of value"));
    }
  }

  /**
   * @param path the config map, e.g. {@code spec.config}
   */
  static void config(String path, Map<String, String> config, Findings findings) {
    Nulls.map(config)
        .forEach(
            (key, value) -> {
              String field = path + "[" + key + "]";
              LiteralSecretDetector.suspicion(key, value)
                  .ifPresent(
                      reason ->
                          findings.error(
                              field,
                              field
                                  + " looks like a secret ("
                                  + reason
                                  + "), and config is rendered into a ConfigMap, where"
                                  + " secrets must never be: put the value in a Secret and pass it through spec.env with"
                                  + " valueFrom.secretKeyRef"));
            });
  }
}
