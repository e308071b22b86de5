package org.omnisila.app.doctor;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.util.cuda.CudaUtils;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import org.bytedeco.ffmpeg.global.avutil;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.opencv.global.opencv_core;
import org.omnisila.app.platform.PackageVariant;
import org.omnisila.engine.models.ModelFileException;
import org.omnisila.engine.models.ModelFiles;
import org.omnisila.engine.models.ModelManifest;

/** The natives the engine loads (FFmpeg, OpenCV, PyTorch), the GPU, and the bundled models' files. */
final class EngineChecks {
    private static final String REINSTALL = "Reinstall Omni-SILA (or rebuild: ./mvnw package); nothing is "
            + "downloaded at run time, so the natives must come with the installation.";

    private EngineChecks() {
    }

    static Finding ffmpeg() {
        try {
            Loader.load(avutil.class);
            return Finding.ok("FFmpeg natives", "FFmpeg " + avutil.av_version_info().getString());
        } catch (Throwable e) { // UnsatisfiedLinkError and friends: what we are here to report
            return Finding.problem("FFmpeg natives", "cannot be loaded: " + e, REINSTALL);
        }
    }

    static Finding opencv() {
        try {
            Loader.load(opencv_core.class);
            return Finding.ok("OpenCV natives", "OpenCV " + opencv_core.CV_VERSION());
        } catch (Throwable e) {
            return Finding.problem("OpenCV natives", "cannot be loaded: " + e, REINSTALL);
        }
    }

    static Finding pytorch() {
        try {
            Engine engine = Engine.getEngine("PyTorch");
            return Finding.ok("PyTorch (DJL)", "PyTorch " + engine.getVersion() + ", DJL " + Engine.getDjlVersion()
                    + ", sees " + engine.getGpuCount() + " CUDA GPU(s)");
        } catch (Throwable e) {
            return Finding.problem("PyTorch (DJL)", "the engine cannot start: " + e, REINSTALL);
        }
    }

    static Finding gpu() {
        int count;
        try {
            count = CudaUtils.getGpuCount();
        } catch (Throwable e) {
            count = 0;
        }
        if (count == 0) {
            if (PackageVariant.current() == PackageVariant.CUDA) {
                return Finding.note("GPU", "no CUDA GPU found: this CUDA package falls back to the CPU",
                        "For the GPU: an NVIDIA GPU and its driver for CUDA 12.4 or newer (nvidia-smi must list "
                                + "the GPU and a CUDA version of 12.4 or more).");
            }
            return Finding.note("GPU", "no CUDA GPU found: analysis runs on the CPU",
                    "For the GPU: an NVIDIA GPU, its driver (nvidia-smi must list it) and the CUDA variant of "
                            + "the installer.");
        }
        List<String> gpus = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            try {
                MemoryUsage m = CudaUtils.getGpuMemory(Device.gpu(i));
                gpus.add("cuda:" + i + " compute " + CudaUtils.getComputeCapability(i) + ", "
                        + m.getCommitted() / (1024 * 1024) + " of " + m.getMax() / (1024 * 1024) + " MiB in use");
            } catch (Throwable e) {
                gpus.add("cuda:" + i + " (memory unknown: " + e.getMessage() + ")");
            }
        }
        if (PackageVariant.current() == PackageVariant.CPU) {
            return Finding.note("GPU", "CUDA " + CudaUtils.getCudaVersionString() + "; " + String.join("; ", gpus)
                    + "; but this is the CPU package, which does not use it",
                    "Install the CUDA package (omnisila-workbench-cuda) to analyse on the GPU.");
        }
        return Finding.ok("GPU", "CUDA " + CudaUtils.getCudaVersionString() + "; " + String.join("; ", gpus));
    }

    /** Copies each bundled model out (as first use does) and checks every file's size and SHA-256. */
    static List<Finding> models(ModelFiles files) {
        List<Finding> found = new ArrayList<>();
        for (String name : ModelManifest.BUNDLED) {
            try {
                ModelManifest manifest = ModelManifest.load(name);
                files.materialise(manifest);
                long bytes = manifest.files().stream().mapToLong(ModelManifest.FileEntry::bytes).sum();
                found.add(Finding.ok("Model " + name, manifest.files().size() + " file(s), "
                        + String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6) + ", SHA-256 verified"));
            } catch (ModelFileException e) {
                found.add(Finding.problem("Model " + name, e.getMessage(), "Delete the folder "
                        + files.cacheRoot().resolve("models") + " so that the files are copied again; if that "
                        + "does not help, reinstall Omni-SILA."));
            }
        }
        return found;
    }
}
