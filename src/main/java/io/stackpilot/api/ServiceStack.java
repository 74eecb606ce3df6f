package io.stackpilot.api;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Categories;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

/** Shared layers for the services of a stack, and their health as a whole. */
@Group(ApiGroup.GROUP)
@Version(ApiGroup.VERSION)
@ShortNames("stack")
@Categories(ApiGroup.CATEGORY)
@AdditionalPrinterColumn(
    name = "Channel",
    jsonPath = ".spec.channel",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Ready",
    jsonPath = ".status.ready",
    type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(
    name = "Degraded",
    jsonPath = ".status.degradedCount",
    type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(
    name = "Age",
    jsonPath = ".metadata.creationTimestamp",
    type = AdditionalPrinterColumn.Type.DATE)
public class ServiceStack extends CustomResource<ServiceStackSpec, ServiceStackStatus>
    implements Namespaced {}
