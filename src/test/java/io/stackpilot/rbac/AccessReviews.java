package io.stackpilot.rbac;

import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReview;
import io.fabric8.kubernetes.api.model.authorization.v1.SubjectAccessReviewBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;

/**
 * Asks the API server's own authorizer whether a ServiceAccount may make a request: RBAC with every
 * role bound to it, the chart's and the cluster's defaults (discovery, self-reviews) alike.
 */
final class AccessReviews {

  private final KubernetesClient admin;
  private final String user;
  private final List<String> groups;
  private final String namespace;

  /**
   * The ServiceAccount {@code name} in {@code namespace}, asked about requests in that namespace.
   */
  AccessReviews(KubernetesClient admin, String namespace, String name) {
    this.admin = admin;
    this.namespace = namespace;
    this.user = "system:serviceaccount:" + namespace + ":" + name;
    this.groups =
        List.of(
            "system:serviceaccounts",
            "system:serviceaccounts:" + namespace,
            "system:authenticated");
  }

  boolean allowed(OperatorRequest request) {
    SubjectAccessReviewBuilder review =
        new SubjectAccessReviewBuilder().withNewSpec().withUser(user).withGroups(groups).endSpec();
    if (request.isResource()) {
      review
          .editSpec()
          .withNewResourceAttributes()
          .withVerb(request.verb())
          .withGroup(request.group())
          .withResource(request.resource())
          .withSubresource(request.subresource())
          .withNamespace(request.namespaced() ? namespace : null)
          .endResourceAttributes()
          .endSpec();
    } else {
      review
          .editSpec()
          .withNewNonResourceAttributes()
          .withVerb(request.verb())
          .withPath(request.path())
          .endNonResourceAttributes()
          .endSpec();
    }
    SubjectAccessReview answer =
        admin.authorization().v1().subjectAccessReview().create(review.build());
    return Boolean.TRUE.equals(answer.getStatus().getAllowed());
  }
}
