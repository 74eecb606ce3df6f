package io.stackpilot.datasafety;

/**
 * A VolumeSnapshotClass as the snapshot defaults read it.
 *
 * @param name the class's name
 * @param driver the CSI driver whose volumes it snapshots
 * @param clusterDefault whether it is marked the default class of its driver (annotation {@value
 *     #DEFAULT_ANNOTATION})
 */
public record SnapshotClassInfo(String name, String driver, boolean clusterDefault) {

  public static final String DEFAULT_ANNOTATION = "snapshot.storage.kubernetes.io/is-default-class";
}
