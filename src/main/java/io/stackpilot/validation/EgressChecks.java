package io.stackpilot.validation;

import io.stackpilot.api.EgressCidrSpec;
import io.stackpilot.api.EgressSpec;
import io.stackpilot.api.IsolationSpec;
import io.stackpilot.api.ServiceStack;
import io.stackpilot.api.ServiceStackSpec;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The stack's egress ranges, which the API server would only refuse once the NetworkPolicy is
 * applied, after the stack was accepted: each must be a range in CIDR notation, and each exception
 * a range inside it. Written here rather than in CEL, where Kubernetes' CIDR functions are not in
 * the offline validator's library.
 */
final class EgressChecks {

  private static final Pattern IPV4 = Pattern.compile("^[0-9]{1,3}(\\.[0-9]{1,3}){3}$");
  private static final Pattern IPV6 = Pattern.compile("^[0-9a-fA-F:.]*:[0-9a-fA-F:.]*$");

  /** A parsed range: its address as a number, its prefix length and its family's bit width. */
  private record Range(BigInteger address, int prefix, int bits) {
    boolean contains(Range other) {
      return other.bits == bits
          && other.prefix >= prefix
          && other.address.shiftRight(bits - prefix).equals(address.shiftRight(bits - prefix));
    }
  }

  private EgressChecks() {}

  static void check(ServiceStack stack, Findings findings) {
    List<EgressCidrSpec> cidrs =
        Optional.ofNullable(stack.getSpec())
            .map(ServiceStackSpec::getIsolation)
            .map(IsolationSpec::getEgress)
            .map(EgressSpec::getToCIDRs)
            .orElse(List.of());
    for (int i = 0; i < cidrs.size(); i++) {
      String path = "spec.isolation.egress.toCIDRs[" + i + "]";
      EgressCidrSpec spec = cidrs.get(i);
      Optional<Range> range = parse(spec.getCidr());
      if (range.isEmpty()) {
        findings.error(
            path + ".cidr",
            path
                + ".cidr: '"
                + spec.getCidr()
                + "' is not a range in CIDR notation: write an address and a prefix length, e.g."
                + " 192.168.1.0/24, or 0.0.0.0/0 for every IPv4 address");
        continue;
      }
      List<String> except = Optional.ofNullable(spec.getExcept()).orElse(List.of());
      for (int j = 0; j < except.size(); j++) {
        String field = path + ".except[" + j + "]";
        Optional<Range> hole = parse(except.get(j));
        if (hole.isEmpty()) {
          findings.error(
              field,
              field
                  + ": '"
                  + except.get(j)
                  + "' is not a range in CIDR notation: write an address and a prefix length, e.g."
                  + " 10.0.0.0/8");
        } else if (!range.get().contains(hole.get())) {
          findings.error(
              field,
              field
                  + ": "
                  + except.get(j)
                  + " is not inside "
                  + spec.getCidr()
                  + ", and Kubernetes refuses an exception outside its range: remove it, or widen"
                  + " cidr");
        }
      }
    }
  }

  /** The range, when {@code cidr} is an IPv4 or IPv6 address, a slash and a prefix length. */
  private static Optional<Range> parse(String cidr) {
    if (cidr == null) {
      return Optional.empty();
    }
    int slash = cidr.indexOf('/');
    if (slash < 0 || slash != cidr.lastIndexOf('/')) {
      return Optional.empty();
    }
    String address = cidr.substring(0, slash);
    String length = cidr.substring(slash + 1);
    boolean v4 = IPV4.matcher(address).matches();
    if (!v4 && !IPV6.matcher(address).matches()) {
      return Optional.empty();
    }
    if (!length.matches("^[0-9]{1,3}$")) {
      return Optional.empty();
    }
    int prefix = Integer.parseInt(length);
    int bits = v4 ? 32 : 128;
    if (prefix > bits) {
      return Optional.empty();
    }
    if (v4) {
      for (String octet : address.split("\\.")) {
        if (Integer.parseInt(octet) > 255) {
          return Optional.empty();
        }
      }
    }
    try {
      // Only literal addresses reach this point, so no name is ever looked up.
      byte[] bytes = InetAddress.getByName(address).getAddress();
      if (bytes.length * 8 != bits) {
        return Optional.empty();
      }
      return Optional.of(new Range(new BigInteger(1, bytes), prefix, bits));
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
