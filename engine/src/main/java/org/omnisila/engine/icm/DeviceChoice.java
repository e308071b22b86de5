package org.omnisila.engine.icm;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/**
 * Which device the model runs on: CUDA when the PyTorch engine sees a GPU, else the CPU; {@code cpu} or
 * {@code cuda[:N]} forces one, and a forced GPU that is not there is an error that says so.
 */
public final class DeviceChoice {
    private DeviceChoice() {
    }

    /**
     * @param requested {@code auto} (or null), {@code cpu}, {@code cuda} or {@code cuda:N}
     * @param gpuCount  GPUs the engine sees (see {@link #gpuCount()})
     */
    public static Device choose(String requested, int gpuCount) {
        String r = requested == null ? "auto" : requested.trim().toLowerCase(Locale.ROOT);
        if (r.equals("auto")) {
            return gpuCount > 0 ? Device.gpu(0) : Device.cpu();
        }
        if (r.equals("cpu")) {
            return Device.cpu();
        }
        if (r.equals("cuda") || r.equals("gpu") || r.startsWith("cuda:")) {
            int index = 0;
            if (r.startsWith("cuda:")) {
                try {
                    index = Integer.parseInt(r.substring(5));
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("device \"" + requested + "\": expected cuda:N with a number N");
                }
            }
            if (index < 0 || index >= gpuCount) {
                throw new IllegalArgumentException("device \"" + requested + "\" asked for, but "
                        + (gpuCount == 0 ? "no CUDA GPU is visible to PyTorch (is the CUDA build installed and the "
                        + "NVIDIA driver loaded?); use --device cpu" : "only " + gpuCount + " GPU(s) are visible"));
            }
            return Device.gpu(index);
        }
        throw new IllegalArgumentException("device \"" + requested + "\" is not one of auto, cpu, cuda, cuda:N");
    }

    /** GPUs the PyTorch engine sees (0 on a CPU-only build or machine). */
    public static int gpuCount() {
        return Engine.getEngine("PyTorch").getGpuCount();
    }

    /** A short name for status bars and result files: {@code cpu} or {@code cuda:0}. */
    public static String describe(Device device) {
        return device.isGpu() ? "cuda:" + device.getDeviceId() : "cpu";
    }
}
