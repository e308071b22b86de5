package org.omnisila.app.platform;

import java.util.Locale;

/**
 * Which build of the product runs: an installed package says so in {@code -Domnisila.variant} (its launcher sets
 * {@code cpu} or {@code cuda}, docs/install.md); run from the sources ({@code ./omnisila}) there is none.
 */
public enum PackageVariant {
    /** The CPU package: PyTorch's CPU natives only. */
    CPU,
    /** The CUDA package: PyTorch's CUDA natives beside the CPU ones, the GPU used when a driver and a GPU are there. */
    CUDA,
    /** Not an installed package: built from the sources. */
    SOURCE;

    /** The variant of this process. */
    public static PackageVariant current() {
        return of(System.getProperty("omnisila.variant"));
    }

    /** @param property the {@code omnisila.variant} value, or null */
    public static PackageVariant of(String property) {
        if (property == null) {
            return SOURCE;
        }
        return switch (property.strip().toLowerCase(Locale.ROOT)) {
            case "cpu" -> CPU;
            case "cuda" -> CUDA;
            default -> SOURCE;
        };
    }

    /**
     * What the window's status bar says of the device: the device itself, and, for the CUDA package running on the
     * CPU, that it fell back (so nobody waits for GPU speed that is not there).
     *
     * @param device "CPU" or "CUDA", or empty while unknown
     */
    public String describeDevice(String device) {
        if (this == CUDA && "CPU".equals(device)) {
            return "CPU (no usable CUDA GPU: this CUDA package fell back to the CPU; omnisila doctor says why)";
        }
        return device;
    }
}
