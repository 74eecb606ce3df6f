package io.stackpilot.devcluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * The pinned versions of the local control plane, read from {@code scripts/versions.env}, which the
 * build copies onto the classpath so that the build script and the launcher cannot disagree.
 */
public record ToolVersions(String kubernetes, String etcd, String kwok, String helm) {

  private static final String RESOURCE = "/devcluster/versions.env";

  public static ToolVersions pinned() {
    Properties p = versions();
    return new ToolVersions(
        required(p, "K8S_VERSION"),
        required(p, "ETCD_VERSION"),
        required(p, "KWOK_VERSION"),
        required(p, "HELM_VERSION"));
  }

  /** Any other pin of versions.env, e.g. FLUX_SOURCE_CONTROLLER_VERSION. */
  public static String pinned(String key) {
    return required(versions(), key);
  }

  private static Properties versions() {
    try (InputStream in = ToolVersions.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            RESOURCE + " is missing from the classpath; build with Maven");
      }
      Properties p = new Properties();
      p.load(in);
      return p;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String required(Properties p, String key) {
    String value = p.getProperty(key);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException(RESOURCE + " does not set " + key);
    }
    return value.trim();
  }
}
