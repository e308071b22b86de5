package org.omnisila.app.platform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PackageVariantTest {

    @Test
    void theLauncherPropertyNamesTheVariant() {
        assertEquals(PackageVariant.SOURCE, PackageVariant.of(null));
        assertEquals(PackageVariant.CPU, PackageVariant.of("cpu"));
        assertEquals(PackageVariant.CUDA, PackageVariant.of(" CUDA "));
        assertEquals(PackageVariant.SOURCE, PackageVariant.of("rocm"));
    }

    @Test
    void onlyTheCudaPackageOnTheCpuSaysItFellBack() {
        assertTrue(PackageVariant.CUDA.describeDevice("CPU").startsWith("CPU (no usable CUDA GPU"));
        assertEquals("CUDA", PackageVariant.CUDA.describeDevice("CUDA"));
        assertEquals("CPU", PackageVariant.CPU.describeDevice("CPU"));
        assertEquals("CPU", PackageVariant.SOURCE.describeDevice("CPU"));
        assertEquals("", PackageVariant.CUDA.describeDevice(""));
    }
}
