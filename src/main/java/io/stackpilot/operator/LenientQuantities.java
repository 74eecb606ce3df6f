package io.stackpilot.operator;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.fabric8.kubernetes.api.model.Quantity;
import io.stackpilot.api.MalformedQuantity;
import io.stackpilot.api.QuantitySyntax;
import java.io.IOException;

/**
 * Reads a quantity that does not parse as a {@link MalformedQuantity} instead of failing. One such
 * value in one resource would otherwise fail the informer's list and watch of its whole kind, and
 * the operator framework stops the operator when an informer fails: a single bad ServiceStack took
 * down every namespace. Validation reports the malformed value on the resource instead.
 */
final class LenientQuantities {

  private LenientQuantities() {}

  static ObjectMapper configure(ObjectMapper mapper) {
    // A mix-in, because Quantity names its own deserializer in an annotation, which a module cannot
    // override.
    return mapper.addMixIn(Quantity.class, Mixin.class);
  }

  @JsonDeserialize(using = Reader.class)
  private abstract static class Mixin {}

  static final class Reader extends JsonDeserializer<Quantity> {
    @Override
    public Quantity deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      JsonNode node = parser.readValueAsTree();
      String text =
          node.isObject()
              ? node.path("amount").asText("") + node.path("format").asText("")
              : node.asText();
      // Kubernetes' grammar first: fabric8's parser takes some text (1.5.5Gi) the API server
      // refuses.
      if (!QuantitySyntax.isQuantity(text)) {
        return new MalformedQuantity(text);
      }
      try {
        Quantity quantity = new Quantity(text);
        // Parsed is not enough: the amount must also be a number, as every use of it will ask.
        quantity.getNumericalAmount();
        return quantity;
      } catch (IllegalArgumentException | ArithmeticException notAQuantity) {
        return new MalformedQuantity(text);
      }
    }
  }
}
