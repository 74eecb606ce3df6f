package io.stackpilot.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Which test classes of this JVM have used the shared control plane, in order, and whether the one
 * that must run last ({@link RunsLast}) has started: any other class starting after it fails at
 * once.
 */
public final class SuiteRecord {

  private static final Set<String> started = new LinkedHashSet<>();
  private static String last;

  private SuiteRecord() {}

  /** Called by {@link LocalClusterExtension} whenever a test class asks for the cluster. */
  static synchronized void started(Class<?> testClass) {
    String name = testClass.getName();
    if (last != null && !last.equals(name) && !started.contains(name)) {
      throw new IllegalStateException(
          testClass.getSimpleName()
              + " started after "
              + last
              + ", which must run"
              + " last to judge the whole run: the failsafe run does not order classes by @Order");
    }
    started.add(name);
    if (testClass.isAnnotationPresent(RunsLast.class)) {
      last = name;
    }
  }

  /** The classes that used the control plane before the one asking, in the order they started. */
  public static synchronized Set<String> startedBefore(Class<?> testClass) {
    Set<String> before = new LinkedHashSet<>(started);
    before.remove(testClass.getName());
    return before;
  }

  /** Every integration test class on the classpath that uses the shared control plane. */
  public static Set<String> clusterTestClasses() {
    Set<String> classes = new TreeSet<>();
    Path root = testClassesRoot();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file :
          files.filter(f -> f.getFileName().toString().endsWith("IT.class")).toList()) {
        String name =
            root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
        Class<?> candidate = Class.forName(name, false, SuiteRecord.class.getClassLoader());
        if (candidate.isAnnotationPresent(WithLocalCluster.class)) {
          classes.add(name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(e);
    }
    return classes;
  }

  private static Path testClassesRoot() {
    try {
      return Path.of(SuiteRecord.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }
}
