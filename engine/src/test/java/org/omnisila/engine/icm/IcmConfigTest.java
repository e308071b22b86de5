package org.omnisila.engine.icm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class IcmConfigTest {
    @Test
    void presetsAreValidAndRoundTripThroughJson() throws Exception {
        ObjectMapper m = new ObjectMapper();
        for (IcmConfig c : List.of(IcmConfig.small(), IcmConfig.paper())) {
            assertEquals(c, m.readValue(m.writeValueAsString(c), IcmConfig.class));
        }
        assertEquals(8, IcmConfig.paper().expertLayers());
        assertEquals(15, IcmConfig.small().labels().size()); // 3 explicit + 12 implicit
    }

    @Test
    void invalidSettingsNameTheValue() {
        IcmConfig s = IcmConfig.small();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new IcmConfig(1, "x",
                s.sceneWidths(), 8, 30, 2, 4, 16, 1, 0, 1e-4, 1e-2, s.labels()));
        assertEquals("hidden 30 is not divisible by heads 4", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new IcmConfig(1, "x", List.of(1, 2, 3), 8, 32, 2, 4,
                16, 1, 0, 1e-4, 1e-2, s.labels()));
        assertTrue(e.getMessage().contains("4 widths"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new IcmConfig(2, "x", s.sceneWidths(), 8, 32, 2, 4,
                16, 1, 0, 1e-4, 1e-2, s.labels()));
        assertTrue(e.getMessage().contains("version 2"), e.getMessage());
    }

    @Test
    void deviceChoice() {
        assertEquals(Device.cpu(), DeviceChoice.choose("auto", 0));
        assertEquals(Device.gpu(0), DeviceChoice.choose(null, 2));
        assertEquals(Device.cpu(), DeviceChoice.choose("CPU", 2));
        assertEquals(Device.gpu(1), DeviceChoice.choose("cuda:1", 2));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DeviceChoice.choose("cuda", 0));
        assertTrue(e.getMessage().contains("no CUDA GPU is visible"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DeviceChoice.choose("tpu", 1));
        assertEquals("cuda:0", DeviceChoice.describe(Device.gpu(0)));
        // This machine's engine reports a count without failing (0 on the CPU natives).
        assertTrue(DeviceChoice.gpuCount() >= 0);
    }
}
