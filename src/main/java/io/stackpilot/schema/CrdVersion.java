package io.stackpilot.schema;

import java.util.List;

/** One version of a CRD: whether it is served and stored, its printer columns and its schema. */
public record CrdVersion(
    String name,
    boolean served,
    boolean storage,
    List<PrinterColumn> printerColumns,
    StructuralSchema schema) {

  public CrdVersion {
    printerColumns = List.copyOf(printerColumns);
  }
}
