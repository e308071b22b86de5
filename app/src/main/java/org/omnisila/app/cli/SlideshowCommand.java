package org.omnisila.app.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.bytedeco.javacv.FrameRecorder;
import org.omnisila.engine.video.PhotoSlideshow;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code omnisila slideshow}: footage from still photos (a slow seeded zoom over each), e.g. to distil from. */
@Command(name = "slideshow", mixinStandardHelpOptions = true,
        description = {"Write an H.264 MP4 that shows each photo for a few seconds with a slow seeded zoom and,",
            "at random, mirrored: footage to distil the default model from when no video data is at hand."})
public final class SlideshowCommand implements Callable<Integer> {
    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(paramLabel = "PHOTO", arity = "1..*", description = "Pictures OpenCV reads (JPEG, PNG, ...).")
    List<Path> photos;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "The MP4 to write.")
    Path out;

    @Option(names = "--seconds", defaultValue = "4", description = "Seconds per photo (default: ${DEFAULT-VALUE}).")
    double seconds;

    @Option(names = "--size", defaultValue = "640x360", description = "Frame size (default: ${DEFAULT-VALUE}).")
    String size;

    @Option(names = "--fps", defaultValue = "10", description = "Frames per second (default: ${DEFAULT-VALUE}).")
    double fps;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Override
    public Integer call() throws FrameRecorder.Exception {
        String[] wh = size.toLowerCase(Locale.ROOT).split("x");
        if (wh.length != 2) {
            throw new IllegalArgumentException("--size must be WIDTHxHEIGHT, got " + size);
        }
        new PhotoSlideshow(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]), fps, seconds).write(photos, seed, out);
        spec.commandLine().getOut().printf(Locale.ROOT, "wrote %s: %d photos, %.1f s%n", out, photos.size(),
                photos.size() * seconds);
        return 0;
    }
}
