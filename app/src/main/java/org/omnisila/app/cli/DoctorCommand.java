package org.omnisila.app.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.omnisila.app.doctor.Doctor;
import org.omnisila.app.doctor.Finding;
import org.omnisila.app.workbench.RecentVideos;
import org.omnisila.engine.models.ModelFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code omnisila doctor}: checks the installation and says what is wrong and how to fix it. */
@Command(name = "doctor", mixinStandardHelpOptions = true,
        description = {"Check the installation: Java, JavaFX and GTK, the FFmpeg, OpenCV and PyTorch natives, the GPU,",
            "audio, the bundled models (SHA-256) and the cache and settings folders; say what is wrong and how to",
            "fix it. Exit status 0 when nothing is wrong, 1 otherwise."})
public final class DoctorCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<Finding> findings = new Doctor(new ModelFiles(), RecentVideos.settingsFolder()).run(f -> {
            out.printf(Locale.ROOT, "%-8s %-34s %s%n", f.status(), f.area(), f.detail());
            if (!f.fix().isEmpty()) {
                out.printf(Locale.ROOT, "%-8s %-34s -> %s%n", "", "", f.fix());
            }
            out.flush();
        });
        long problems = findings.stream().filter(f -> f.status() == Finding.Status.PROBLEM).count();
        long notes = findings.stream().filter(f -> f.status() == Finding.Status.NOTE).count();
        out.printf(Locale.ROOT, "%n%d checks: %d problem(s), %d note(s).%s%n", findings.size(), problems, notes,
                problems == 0 ? " Omni-SILA can run here." : " Fix the problems above (-> lines).");
        return problems == 0 ? 0 : 1;
    }
}
