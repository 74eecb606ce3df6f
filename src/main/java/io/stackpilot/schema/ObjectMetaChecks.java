package io.stackpilot.schema;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The API server's checks of metadata that every object gets, whatever its schema: a name that is a
 * DNS subdomain, a namespace that is a DNS label, and well-formed labels.
 */
final class ObjectMetaChecks {

  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
  private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  private static final Pattern QUALIFIED_NAME_PART =
      Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");
  private static final Pattern LABEL_VALUE =
      Pattern.compile("(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?");

  private ObjectMetaChecks() {}

  static void check(JsonNode metadata, List<Violation> found) {
    FieldPath path = FieldPath.root().child("metadata");
    JsonNode name = metadata.get("name");
    if (name == null || name.asText().isEmpty()) {
      found.add(
          new Violation(
              path.child("name"),
              ViolationType.REQUIRED,
              "is required but missing (name the object)"));
    } else if (name.asText().length() > 253 || !DNS_SUBDOMAIN.matcher(name.asText()).matches()) {
      found.add(
          new Violation(
              path.child("name"),
              ViolationType.INVALID,
              "\""
                  + name.asText()
                  + "\" is not a DNS subdomain (use lower-case letters, digits, '-' and '.', starting and ending with a letter or digit)"));
    }
    JsonNode namespace = metadata.get("namespace");
    if (namespace != null
        && (namespace.asText().length() > 63 || !DNS_LABEL.matcher(namespace.asText()).matches())) {
      found.add(
          new Violation(
              path.child("namespace"),
              ViolationType.INVALID,
              "\""
                  + namespace.asText()
                  + "\" is not a DNS label (use at most 63 lower-case letters, digits and '-')"));
    }
    for (Map.Entry<String, JsonNode> label : metadata.path("labels").properties()) {
      if (!isQualifiedName(label.getKey())) {
        found.add(
            new Violation(
                path.child("labels"),
                ViolationType.INVALID,
                "label key \""
                    + label.getKey()
                    + "\" is not a qualified name (use an optional DNS prefix and '/', then at most 63 letters, digits, '-', '_' or '.')"));
      }
      String value = label.getValue().asText();
      if (value.length() > 63 || !LABEL_VALUE.matcher(value).matches()) {
        found.add(
            new Violation(
                path.child("labels"),
                ViolationType.INVALID,
                "the value of label \""
                    + label.getKey()
                    + "\" is not a valid label value (use at most 63 letters, digits, '-', '_' or '.', starting and ending with a letter or digit)"));
      }
    }
  }

  private static boolean isQualifiedName(String key) {
    int slash = key.indexOf('/');
    String name = slash < 0 ? key : key.substring(slash + 1);
    if (slash >= 0) {
      String prefix = key.substring(0, slash);
      if (prefix.isEmpty() || prefix.length() > 253 || !DNS_SUBDOMAIN.matcher(prefix).matches()) {
        return false;
      }
    }
    return !name.isEmpty() && name.length() <= 63 && QUALIFIED_NAME_PART.matcher(name).matches();
  }
}
