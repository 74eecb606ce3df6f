package io.stackpilot.rbac;

/**
 * One kind of request the operator made, as RBAC sees it: a verb on a resource (with its API group
 * and subresource) in a namespace or cluster-wide, or a verb on a non-resource path such as
 * /version.
 */
record OperatorRequest(
    String verb,
    String group,
    String resource,
    String subresource,
    boolean namespaced,
    String path) {

  boolean isResource() {
    return path == null;
  }

  /** The resource as RBAC rules name it: {@code mediaservices/status}. */
  String resourceWithSubresource() {
    return subresource == null ? resource : resource + "/" + subresource;
  }

  /**
   * The same request with another verb, e.g. the create that a server-side apply creating an object
   * needs.
   */
  OperatorRequest withVerb(String other) {
    return new OperatorRequest(other, group, resource, subresource, namespaced, path);
  }

  @Override
  public String toString() {
    return isResource()
        ? verb
            + " "
            + (group.isEmpty() ? "" : group + "/")
            + resourceWithSubresource()
            + (namespaced ? "" : " (cluster)")
        : verb + " " + path;
  }
}
