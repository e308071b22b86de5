package org.omnisila.app.cli;

import ai.djl.Device;
import org.omnisila.engine.icm.DeviceChoice;
import picocli.CommandLine.Option;

/** {@code --device auto|cpu|cuda[:N]}, for the commands that run models (a picocli mixin). */
final class DeviceOption {
    @Option(names = "--device", defaultValue = "auto", paramLabel = "auto|cpu|cuda[:N]",
            description = "Device (default: ${DEFAULT-VALUE}: CUDA when present, else CPU).")
    String device;

    /** @return the device asked for; auto is CUDA when present, else the CPU */
    Device choose() {
        return DeviceChoice.choose(device, DeviceChoice.gpuCount());
    }
}
