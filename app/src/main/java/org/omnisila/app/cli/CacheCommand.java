package org.omnisila.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.omnisila.app.doctor.CacheFolders;
import org.omnisila.engine.models.ModelFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code omnisila cache}: what the cache folder holds, and clearing it. */
@Command(name = "cache", mixinStandardHelpOptions = true,
        description = {"Show what the cache folder holds, folder by folder, or clear folders. Everything there is made",
            "again when needed; clear models, javacpp and djl-engines only while no window or command runs."})
public final class CacheCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--clear", split = ",", paramLabel = "FOLDER",
            description = "Folders to delete: scenes, results, logs, models, javacpp, djl-engines, or all.")
    List<String> clear;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        CacheFolders folders = new CacheFolders(ModelFiles.defaultCacheRoot());
        if (clear == null || clear.isEmpty()) {
            out.printf(Locale.ROOT, "%s%n", ModelFiles.defaultCacheRoot());
            long total = 0;
            for (CacheFolders.Usage u : folders.usage()) {
                out.printf(Locale.ROOT, "  %-12s %10s  %s%n", u.kind().folder(), u.megabytes(), u.kind().what());
                total += u.bytes();
            }
            out.printf(Locale.ROOT, "  %-12s %10s%n", "total", String.format(Locale.ROOT, "%.1f MB", total / 1e6));
            return 0;
        }
        List<CacheFolders.Kind> kinds;
        try {
            kinds = clear.stream().anyMatch("all"::equalsIgnoreCase) ? List.of(CacheFolders.Kind.values())
                    : clear.stream().map(CacheFolders.Kind::named).toList();
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        for (CacheFolders.Kind k : kinds) {
            long freed = folders.clear(k);
            out.printf(Locale.ROOT, "cleared %s: %.1f MB freed%n", k.folder(), freed / 1e6);
        }
        return 0;
    }
}
