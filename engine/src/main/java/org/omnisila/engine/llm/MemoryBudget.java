package org.omnisila.engine.llm;

import ai.djl.Device;
import ai.djl.util.cuda.CudaUtils;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;

/**
 * What a device can give the decoder, and the refusal when a {@link MemoryEstimate} does not fit, made before
 * anything is loaded.
 *
 * <p>On a GPU: CUDA's free memory (total - used, as the driver reports it). On the CPU the parameters are
 * PyTorch tensors in native memory, outside the Java heap, so the heap limit does not bound them; they share the
 * machine's memory with the heap, which may grow to its maximum. So the CPU budget is physical memory minus the
 * JVM's maximum heap. It ignores other programs and the operating system's own needs: a rough bound that
 * catches a model several times too large, not one a few percent too large.
 *
 * <p>The estimate must fit within the budget less a 10 % margin for what it does not count (activations, the
 * CUDA context, allocator slack).
 */
public final class MemoryBudget {
    /** The share of the budget the estimate may use. */
    static final double USABLE = 0.9;

    private MemoryBudget() {
    }

    /** @return the bytes {@code device} can give: free CUDA memory, or physical memory minus the maximum heap */
    public static long available(Device device) {
        if (device.isGpu()) {
            MemoryUsage gpu = CudaUtils.getGpuMemory(device);
            return gpu.getMax() - gpu.getUsed();
        }
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        return Math.max(0, os.getTotalMemorySize() - Runtime.getRuntime().maxMemory());
    }

    /**
     * @param estimate  what the model needs
     * @param available what the device can give (see {@link #available})
     * @param device    the device's name for the message
     * @throws IllegalStateException saying what is needed, what is there and what to try
     */
    public static void require(MemoryEstimate estimate, long available, String device) {
        if (estimate.totalBytes() <= available * USABLE) {
            return;
        }
        String where = device.startsWith("cuda") ? device + " has " + MemoryEstimate.gib(available) + " free"
                : "this machine has " + MemoryEstimate.gib(available) + " for native memory (physical memory minus "
                + "the Java heap's maximum)";
        throw new IllegalStateException("not enough memory for this model: it needs " + estimate.describe()
                + ", and " + where + "; at most " + Math.round(USABLE * 100) + " % of that is used. Try "
                + (estimate.precision() == Precision.FP32 ? "fp16 on a CUDA GPU, " : "")
                + "a shorter context or a smaller model.");
    }
}
