package io.stackpilot.testing;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.stackpilot.devcluster.LocalControlPlane;
import io.stackpilot.devcluster.node.RealNode;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One local control plane per test JVM (with its audit log on), started by the first test that asks
 * for it and stopped when the JVM's tests are done; a fresh namespace per test, deleted afterwards,
 * enforcing Pod Security {@code restricted} unless the test names a level ({@link
 * PodSecurityLevel}). A test method or constructor takes a {@link TestCluster} parameter. Both live
 * in JUnit's stores, which close them: the test's store when the test ends, the root store when the
 * JVM's tests end.
 */
public final class LocalClusterExtension implements ParameterResolver {

  /** The label by which the API server's Pod Security admission enforces a level in a namespace. */
  public static final String ENFORCE = "pod-security.kubernetes.io/enforce";

  private static final ExtensionContext.Namespace STORE =
      ExtensionContext.Namespace.create(LocalClusterExtension.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == TestCluster.class
        || parameter.getParameter().getType() == RealNode.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    SuiteRecord.started(context.getRequiredTestClass());
    if (parameter.getParameter().getType() == RealNode.class) {
      return realNode(context);
    }
    return context
        .getStore(STORE)
        .computeIfAbsent("cluster", key -> newTestCluster(context), PerTest.class)
        .cluster();
  }

  private static LocalControlPlane controlPlane(ExtensionContext context) {
    return context
        .getRoot()
        .getStore(STORE)
        .computeIfAbsent("control-plane", key -> new SharedControlPlane(), SharedControlPlane.class)
        .plane();
  }

  /**
   * A real node beside the shared control plane, one per test class: started by the class's first
   * test that asks for it (in about 2 s) and torn down when the class is done, so no other test
   * runs beside its processes.
   */
  private static RealNode realNode(ExtensionContext context) {
    LocalControlPlane plane = controlPlane(context);
    ExtensionContext testClass =
        context.getTestMethod().isPresent() ? context.getParent().orElseThrow() : context;
    return testClass
        .getStore(STORE)
        .computeIfAbsent("real-node", key -> new SharedRealNode(plane), SharedRealNode.class)
        .node();
  }

  private static PerTest newTestCluster(ExtensionContext context) {
    LocalControlPlane plane = controlPlane(context);
    KubernetesClient client = plane.client();
    String namespace = namespaceFor(context);
    client
        .namespaces()
        .resource(
            new NamespaceBuilder()
                .withNewMetadata()
                .withName(namespace)
                .addToLabels("stackpilot.io/test", "true")
                .addToLabels(ENFORCE, podSecurityLevel(context).label())
                .endMetadata()
                .build())
        .create();
    return new PerTest(new TestCluster(plane, client, namespace));
  }

  /**
   * The method's {@link PodSecurityLevel}, else the class's, else baseline: the level the default
   * profiles need, which a test of Restricted services raises to restricted.
   */
  private static PodSecurityLevel.Level podSecurityLevel(ExtensionContext context) {
    return context
        .getTestMethod()
        .map(m -> m.getAnnotation(PodSecurityLevel.class))
        .or(
            () ->
                Optional.ofNullable(
                    context.getRequiredTestClass().getAnnotation(PodSecurityLevel.class)))
        .map(PodSecurityLevel::value)
        .orElse(PodSecurityLevel.Level.BASELINE);
  }

  private static String namespaceFor(ExtensionContext context) {
    String test =
        context
            .getTestMethod()
            .map(m -> m.getName())
            .orElseGet(() -> context.getRequiredTestClass().getSimpleName());
    String slug =
        test.replaceAll("([a-z])([A-Z])", "$1-$2")
            .toLowerCase(Locale.ROOT)
            .replaceAll("[^a-z0-9-]", "-");
    slug = slug.substring(0, Math.min(slug.length(), 40)).replaceAll("-+$", "");
    return slug
        + "-"
        + Integer.toString(ThreadLocalRandom.current().nextInt(36 * 36 * 36 * 36), 36);
  }

  /**
   * The control plane shared by every test of this JVM. A failure to start is kept too, so that the
   * other tests report it at once instead of each trying again.
   */
  static final class SharedControlPlane implements AutoCloseable {
    private final LocalControlPlane plane;
    private final RuntimeException failure;

    SharedControlPlane() {
      LocalControlPlane started = null;
      RuntimeException failed = null;
      try {
        // Audited, so that a test can prove which requests the operator made over the whole run.
        started = LocalControlPlane.builder().auditLog(true).start();
      } catch (RuntimeException e) {
        failed = e;
      }
      this.plane = started;
      this.failure = failed;
    }

    LocalControlPlane plane() {
      if (failure != null) {
        throw new IllegalStateException(
            "the local control plane did not start: " + failure.getMessage(), failure);
      }
      return plane;
    }

    @Override
    public void close() {
      if (plane != null) {
        plane.close();
      }
    }
  }

  /** The shared real node, or why it did not start (told to every test that asks for it). */
  static final class SharedRealNode implements AutoCloseable {
    private final RealNode node;
    private final RuntimeException failure;

    SharedRealNode(LocalControlPlane plane) {
      RealNode started = null;
      RuntimeException failed = null;
      try {
        started = RealNode.start(plane);
      } catch (RuntimeException e) {
        failed = e;
      }
      this.node = started;
      this.failure = failed;
    }

    RealNode node() {
      if (failure != null) {
        throw new IllegalStateException(failure.getMessage(), failure);
      }
      return node;
    }

    @Override
    public void close() {
      if (node != null) {
        node.close();
      }
    }
  }

  /** One test's namespace and client; closing deletes the namespace without waiting for it. */
  record PerTest(TestCluster cluster) implements AutoCloseable {
    @Override
    public void close() {
      try (KubernetesClient client = cluster.client()) {
        client.namespaces().withName(cluster.namespace()).delete();
      }
    }
  }
}
