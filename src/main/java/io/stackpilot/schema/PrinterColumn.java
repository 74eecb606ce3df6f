package io.stackpilot.schema;

/** One of a CRD version's additionalPrinterColumns: what {@code kubectl get} shows. */
public record PrinterColumn(
    String name, String type, String jsonPath, int priority, String description) {}
